#!/usr/bin/env bash
# Issue 7's benchmark: for corpora of 10 000, 100 000 and 1 000 000 claims made by concord-gen,
# the wall time (mean of 3, hyperfine) and peak memory (/usr/bin/time -v) of
# `check --format json --no-baseline`, the time to only parse the same YAML files
# (examples/parse_only: serde_yaml alone, in parallel), the re-check time after editing one file,
# and precision and recall against truth.json (bench/score.py); then blocked against all-pairs
# name matching on 100 000 names (examples/name_blocking). Needs hyperfine.
#   bash bench/scale.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
cargo build --release --quiet --bins --examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| claims | check (s) | peak memory (MiB) | parse only (s) | check / parse | re-check after one edit (s) | precision | recall |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
    dir="$work/c$n"
    target/release/concord-gen --claims "$n" --seed 7 --out "$dir" 2>/dev/null
    check="target/release/concord check $dir --format json --no-baseline"
    mean() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['mean'], 2))" "$1"; }
    hyperfine --ignore-failure --runs 3 --export-json "$work/check.json" "$check > /dev/null" >/dev/null 2>&1
    hyperfine --runs 3 --export-json "$work/parse.json" "target/release/examples/parse_only $dir" >/dev/null 2>&1
    /usr/bin/time -v $check > "$work/report.json" 2> "$work/time.txt" || true
    memory=$(awk '/Maximum resident/ {printf "%d", $6 / 1024}' "$work/time.txt")
    score=$(python3 bench/score.py "$dir/truth.json" < "$work/report.json")
    # One source file edited: a claim added.
    printf '  - {subject: Extra, property: revenue, value: 1 milliard, kind: quantity}\n' >> "$dir/facts/source-00000.yaml"
    hyperfine --ignore-failure --runs 3 --export-json "$work/recheck.json" "$check > /dev/null" >/dev/null 2>&1
    c=$(mean "$work/check.json"); p=$(mean "$work/parse.json"); r=$(mean "$work/recheck.json")
    ratio=$(python3 -c "print(round($c / $p, 1))")
    precision=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['precision'])" "$score")
    recall=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['recall'])" "$score")
    echo "| $n | $c | $memory | $p | $ratio | $r | $precision | $recall |"
done
echo
target/release/examples/name_blocking 100000
