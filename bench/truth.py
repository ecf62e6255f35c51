#!/usr/bin/env python3
"""How often concord's suggested value is the true one, on two public multi-source data sets.

usage: python3 bench/truth.py [--data bench/data]

Imports bench/data/flights/flights_dirty.csv and bench/data/population/claims.tsv with
`concord import` into scratch folders, runs `concord report --format json --no-baseline`, and
scores each group's suggestion against the gold answers, beside majority vote (and, for
populations, the mean of the claims). Prints one table; needs a release build of concord.
"""
import argparse, collections, csv, json, os, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONCORD = os.path.join(ROOT, "target", "release", "concord")


def concord(*args):
    run = subprocess.run([CONCORD, *args], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"concord {' '.join(args)} failed ({run.returncode}):\n{run.stderr}")
    return run.stdout


def report(root):
    start = time.perf_counter()
    text = concord("report", root, "--format", "json", "--no-baseline")
    return json.loads(text), time.perf_counter() - start


def minutes(value):
    """A flight time as minutes after midnight, or None when it says no time."""
    m = re.match(r"\s*(\d{1,2}):(\d{2})\s*([ap])?", value or "", re.I)
    if not m:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower()
    if half == "a":
        hour %= 12
    elif half == "p":
        hour = hour % 12 + 12
    return hour * 60 + minute


def majority(values):
    counts = collections.Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def flights(data_dir, scratch):
    data = os.path.join(data_dir, "flights")
    attributes = ["sched_dep_time", "act_dep_time", "sched_arr_time", "act_arr_time"]
    concord("import", os.path.join(data, "flights_dirty.csv"), "--source", "src", "--subject", "flight",
            "--values", ",".join(attributes), "--kind", "date", "--out", scratch)
    doc, seconds = report(scratch)
    gold, claimed = {}, collections.defaultdict(list)
    with open(os.path.join(data, "flights_clean.csv")) as f:
        for row in csv.DictReader(f):
            for a in attributes:
                gold.setdefault((row["flight"], a), minutes(row[a]))
    with open(os.path.join(data, "flights_dirty.csv")) as f:
        for row in csv.DictReader(f):
            for a in attributes:
                claimed[(row["flight"], a)].append(minutes(row[a]))
    suggested = {(g["subject"], g["property"]): minutes((g["suggestion"] or {}).get("text")) for g in doc["groups"]}
    items = [k for k in gold if gold[k] is not None]
    ours = sum(suggested.get(k) == gold[k] for k in items)
    vote = sum(majority(claimed[k]) == gold[k] for k in items)
    return [("flights: right suggestions", f"{ours}/{len(items)} = {ours / len(items):.3f}",
             f"{vote}/{len(items)} = {vote / len(items):.3f}", "", f"{seconds:.2f} s")]


def population(data_dir, scratch):
    data = os.path.join(data_dir, "population")
    concord("import", os.path.join(data, "claims.tsv"), "--no-header", "--source", "2", "--subject", "1",
            "--value", "3", "--property", "population", "--kind", "quantity", "--out", scratch)
    doc, seconds = report(scratch)
    gold = {}
    with open(os.path.join(data, "gold.csv")) as f:
        for line in f:
            parts = [p.strip() for p in line.split(",")]
            if len(parts) >= 4 and parts[-1].isdigit():
                gold[f"{', '.join(parts[:-2])}_{parts[-2]}".lower()] = int(parts[-1])
    claimed = collections.defaultdict(list)
    with open(os.path.join(data, "claims.tsv"), encoding="latin-1") as f:
        for row in csv.reader(f, delimiter="\t"):
            claimed[row[0].lower()].append(int(row[2]))
    suggested = {}
    for g in doc["groups"]:
        text = (g["suggestion"] or {}).get("text", "")
        digits = re.sub(r"[^\d]", "", text)
        if digits:
            suggested[g["subject"].lower()] = int(digits)
    items = [k for k in gold if k in claimed]

    def score(pick):
        wrong = sum(abs(pick(k) - gold[k]) > 0.01 * gold[k] for k in items)
        mae = sum(abs(pick(k) - gold[k]) for k in items) / len(items)
        return wrong / len(items), mae

    ours = score(lambda k: suggested.get(k, 0))
    vote = score(lambda k: majority(claimed[k]))
    mean = score(lambda k: sum(claimed[k]) / len(claimed[k]))
    return [("population: error rate", f"{ours[0]:.3f}", f"{vote[0]:.3f}", f"{mean[0]:.3f}", f"{seconds:.2f} s"),
            ("population: mean absolute error", f"{ours[1]:.0f}", f"{vote[1]:.0f}", f"{mean[1]:.0f}", ""),
            ("population: items scored", str(len(items)), "", "", "")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "bench", "data"))
    data_dir = parser.parse_args().data
    if not os.path.exists(CONCORD):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows = []
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        rows += flights(data_dir, a)
        rows += population(data_dir, b)
    header = ("measure", "concord", "majority vote", "mean", "report time")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header, tuple("-" * w for w in widths)] + rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")


if __name__ == "__main__":
    main()
