#!/usr/bin/env bash
# Makes docs/editor.png: Neovim in tmux with `concord lsp` (release build) attached, on
# facts/gate.yaml of the repository's corpus: the diagnostics of its reviewed findings (hints),
# and the hover of one claim's value (its fact group) in a float. The pane is captured with its
# colours (tmux capture-pane -e), turned into HTML by aha, and rendered by headless Chromium.
# Needs: tmux, neovim (0.7 or later), aha, chromium (Debian: apt-get install -y tmux neovim aha
# chromium), and python3 to shrink the page to the pane.
#   bash docs/editor/screenshot.sh [OUT.png]        (default docs/editor.png)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "${1:-docs/editor.png}")
cargo build --release --quiet --bin concord
bin="${CARGO_TARGET_DIR:-$PWD/target}/release"
work=$(mktemp -d)
session="concord-screenshot-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

cols=120 rows=34
# The 0.7 set-up (Debian 12's Neovim); newer versions read it too. Floats in grey rather than
# the default magenta, and no grey sign column: only for the picture.
colours="hi NormalFloat ctermbg=237 ctermfg=254 | hi SignColumn ctermbg=NONE"
tmux new-session -d -s "$session" -x "$cols" -y "$rows" \
    "env PATH=$bin:\$PATH TERM=xterm-256color nvim -n -u docs/editor/init-0.7.lua -c '$colours' facts/gate.yaml"
# Wait for the diagnostics, then hover the value of the claim on line 12.
for _ in $(seq 50); do
    sleep 0.2
    if tmux capture-pane -p -t "$session" | grep -q "Latnik.*looks like"; then break; fi
done
tmux send-keys -t "$session" "12G" "18|" ":lua vim.lsp.buf.hover()" Enter
sleep 1
tmux capture-pane -e -N -p -t "$session" > "$work/pane.ansi"

# aha writes a whole page; a monospace font and the pane's size make it look like the terminal.
aha --black --title "concord lsp in Neovim" < "$work/pane.ansi" > "$work/pane.html"
python3 - "$work/pane.html" <<'EOF'
import sys
path = sys.argv[1]
page = open(path, encoding="utf-8").read()
# The font's own line height, so that backgrounds leave no gaps between lines.
style = ("<style>body{margin:0;padding:8px;font:15px 'DejaVu Sans Mono',monospace;}"
         "pre{margin:0;font:inherit;}</style></head>")
open(path, "w", encoding="utf-8").write(page.replace("</head>", style, 1))
EOF
width=$((cols * 9 + 16)) height=$((rows * 18 + 16))
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$width,$height" --screenshot="$out" "file://$work/pane.html" 2>/dev/null
echo "$out: $(du -k "$out" | cut -f1) KiB"
