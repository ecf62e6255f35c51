#!/usr/bin/env bash
# Two builds of concord timed in alternation on one corpus (`check --format json --no-baseline
# --no-cache`), so that a machine's drift weighs on both alike. Prints each run (wall-clock
# seconds, and CPU seconds: user + system, which other work on a shared machine sways less),
# then the medians and the median of the per-pair ratios (new / old) of each.
#   bash bench/paired.sh OLD_BINARY NEW_BINARY CORPUS [PAIRS]
# For example, against a build of an earlier commit, on the million-claim corpus:
#   target/release/concord-gen --claims 1000000 --seed 11 --out /tmp/m1
#   bash bench/paired.sh /tmp/concord-before target/release/concord /tmp/m1 9
set -euo pipefail
old=$1 new=$2 corpus=$3 pairs=${4:-7}
times=$(mktemp) stamp=$(mktemp)
trap 'rm -f "$times" "$stamp"' EXIT
for _ in $(seq "$pairs"); do
    for side in old new; do
        binary=$old; [ "$side" = new ] && binary=$new
        /usr/bin/time -f "%e %U %S" -o "$stamp" \
            "$binary" check "$corpus" --format json --no-baseline --no-cache > /dev/null || true
        # The last line: time writes a line of its own first when the status is not 0.
        read -r wall user system < <(tail -n 1 "$stamp")
        echo "$side $wall $(python3 -c "print(round($user + $system, 2))")" | tee -a "$times"
    done
done
python3 - "$times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for column, what in ((1, "wall"), (2, "cpu")):
    old = [float(r[column]) for r in rows if r[0] == "old"]
    new = [float(r[column]) for r in rows if r[0] == "new"]
    ratios = [n / o for o, n in zip(old, new)]
    print(f"{what}: old median {statistics.median(old):.2f} s, new median "
          f"{statistics.median(new):.2f} s, median pair ratio {statistics.median(ratios):.3f}")
PY
