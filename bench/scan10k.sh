#!/usr/bin/env bash
# Times `concord scan` on 10 000 generated articles of about 5 KB (issue 5's goal: under 20 s
# on a 2-core machine). Needs hyperfine (apt install hyperfine).
#   bash bench/scan10k.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 bench/articles.py "$n" "$dir/articles"
cargo build --release --quiet
echo "$n articles, $(du -sh "$dir/articles" | cut -f1)"
# Exit 1 is expected: the articles hold injected misspellings.
hyperfine --ignore-failure --warmup 1 --runs 5 \
  "target/release/concord scan $dir/articles --root $dir --format json > /dev/null"
