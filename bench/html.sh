#!/usr/bin/env bash
# The HTML report at scale: the page's size, and how long headless Chromium takes to open and
# render it (to a screenshot, browser start included; hyperfine, 5 runs), on a corpus that
# concord-gen makes. Needs hyperfine and Debian's chromium.
#   bash bench/html.sh [CLAIMS]        (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-100000}
cargo build --release --quiet --bins
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/concord-gen --claims "$claims" --seed 7 --out "$work/corpus" 2>/dev/null
target/release/concord report "$work/corpus" --format html --no-baseline > "$work/page.html" || true
echo "claims: $claims; page: $(du -k "$work/page.html" | cut -f1) KiB"
hyperfine --runs 5 --export-json "$work/render.json" \
    "chromium --headless --no-sandbox --disable-gpu --window-size=1280,2000 --screenshot=$work/page.png file://$work/page.html" >/dev/null 2>&1
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"render: median {r['median']:.2f} s (min {r['min']:.2f}, max {r['max']:.2f})\")" "$work/render.json"
