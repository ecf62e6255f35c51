#!/usr/bin/env bash
# Issue 7's benchmark. For corpora of 10 000, 100 000 and 1 000 000 claims made by concord-gen,
# it reports `check --format json --no-baseline`:
#   - cold: with no parse cache (`--no-cache`), so every file is parsed;
#   - warm: with the parse cache filled by an earlier run, nothing edited;
#   - re-check: with the cache filled and one source file edited before each run;
# each the mean of 5 runs (hyperfine); the peak memory of a cold run (/usr/bin/time -v); the time
# to only parse the same YAML files (examples/parse_only: serde_yaml alone, in parallel); and
# the precision and recall of the findings against truth.json (bench/score.py). Then blocked
# against all-pairs name matching on 100 000 names (examples/name_blocking). Needs hyperfine.
#   bash bench/scale.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
cargo build --release --quiet --bins --examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mean() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['mean'], 2))" "$1"; }
ratio() { python3 -c "print(round($1 / $2, 1))"; }
echo "| claims | check, cold (s) | check, cache warm (s) | re-check after one edit (s) | peak memory, cold (MiB) | parse only (s) | cold / parse | warm / parse | precision | recall |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
    dir="$work/c$n"
    target/release/concord-gen --claims "$n" --seed 7 --out "$dir" 2>/dev/null
    check="target/release/concord check $dir --format json --no-baseline"
    hyperfine --ignore-failure --runs 5 --export-json "$work/cold.json" "$check --no-cache > /dev/null" >/dev/null 2>&1
    $check > /dev/null || true # fills the cache
    hyperfine --ignore-failure --runs 5 --export-json "$work/warm.json" "$check > /dev/null" >/dev/null 2>&1
    # Before each run, one source file gains a claim, so its cache entry no longer applies.
    edit="printf '  - {subject: Extra, property: revenue, value: %s milliard, kind: quantity}\n' \$RANDOM >> $dir/facts/source-00000.yaml"
    hyperfine --ignore-failure --runs 5 --prepare "$edit" --export-json "$work/recheck.json" "$check > /dev/null" >/dev/null 2>&1
    hyperfine --runs 5 --export-json "$work/parse.json" "target/release/examples/parse_only $dir" >/dev/null 2>&1
    /usr/bin/time -v $check --no-cache > "$work/report.json" 2> "$work/time.txt" || true
    memory=$(awk '/Maximum resident/ {printf "%d", $6 / 1024}' "$work/time.txt")
    score=$(python3 bench/score.py "$dir/truth.json" < "$work/report.json")
    cold=$(mean "$work/cold.json"); warm=$(mean "$work/warm.json"); recheck=$(mean "$work/recheck.json")
    parse=$(mean "$work/parse.json")
    precision=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['precision'])" "$score")
    recall=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['recall'])" "$score")
    echo "| $n | $cold | $warm | $recheck | $memory | $parse | $(ratio "$cold" "$parse") | $(ratio "$warm" "$parse") | $precision | $recall |"
done
echo
target/release/examples/name_blocking 100000
