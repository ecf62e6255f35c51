-- concord lsp in Neovim 0.11 or later: the server for YAML and text files under a folder that
-- holds facts/. Use it alone with `nvim -u docs/editor/init.lua FILE`, or copy it into init.lua.
vim.lsp.config('concord', {
  cmd = { 'concord', 'lsp' },
  filetypes = { 'yaml', 'text' },
  root_markers = { 'facts' },
})
vim.lsp.enable('concord')
