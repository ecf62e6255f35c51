#!/usr/bin/env bash
# Two builds of concord timed in alternation on one corpus (`check --format json --no-baseline
# --no-cache`), so that a machine's drift weighs on both alike. Prints each run, then the
# medians and the median of the per-pair ratios (new / old).
#   bash bench/paired.sh OLD_BINARY NEW_BINARY CORPUS [PAIRS]
# For example, against a build of an earlier commit, on the million-claim corpus:
#   target/release/concord-gen --claims 1000000 --seed 11 --out /tmp/m1
#   bash bench/paired.sh /tmp/concord-before target/release/concord /tmp/m1 9
set -euo pipefail
old=$1 new=$2 corpus=$3 pairs=${4:-7}
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$pairs"); do
    for side in old new; do
        binary=$old; [ "$side" = new ] && binary=$new
        start=$(date +%s.%N)
        "$binary" check "$corpus" --format json --no-baseline --no-cache > /dev/null || true
        end=$(date +%s.%N)
        echo "$side $(python3 -c "print(round($end - $start, 3))")" | tee -a "$times"
    done
done
python3 - "$times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
old = [float(t) for side, t in rows if side == "old"]
new = [float(t) for side, t in rows if side == "new"]
ratios = [n / o for o, n in zip(old, new)]
print(f"old median {statistics.median(old):.2f} s, new median {statistics.median(new):.2f} s, "
      f"median pair ratio {statistics.median(ratios):.3f}")
PY
