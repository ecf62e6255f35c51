-- concord lsp in Neovim 0.7 (Debian 12's), which has neither vim.lsp.config (0.11) nor
-- vim.lsp.start (0.8): start one client for the corpus and attach every YAML or text buffer
-- under it. Use it alone with `nvim -u docs/editor/init-0.7.lua FILE`, or copy it into init.lua.
local client_id = nil

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'yaml', 'text' },
  callback = function(args)
    -- The corpus root is the nearest folder above the file that holds facts/.
    local file = vim.api.nvim_buf_get_name(args.buf)
    local facts = vim.fn.finddir('facts', vim.fn.fnamemodify(file, ':p:h') .. ';')
    if facts == '' then
      return
    end
    if client_id == nil then
      client_id = vim.lsp.start_client({
        name = 'concord',
        cmd = { 'concord', 'lsp' },
        root_dir = vim.fn.fnamemodify(facts, ':p:h:h'),
      })
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
