#!/usr/bin/env python3
"""Mark about 40 % of the labelled pairs `held` (kept aside to measure), the rest `tune`.

Pairs are grouped by (language, same, kind); in each group, round(0.4 x size) pairs are drawn
with `random.Random(2026)`, so every kind is held in proportion and the draw is the same on every
run. Only the `split:` line of each pair is rewritten: comments and layout stay as written.

Usage: tests/labelled/assign-splits.py tests/labelled/remarks.yaml tests/labelled/alignment/pairs.yaml
"""

import random
import re
import sys

import yaml

SEED = 2026
HELD_SHARE = 0.4


def held_ids(pairs):
    """The ids drawn as held, group by group in a fixed order."""
    groups = {}
    for pair in pairs:
        key = (str(pair.get("language", "")), bool(pair["same"]), str(pair.get("kind", "")))
        groups.setdefault(key, []).append(pair["id"])
    rng = random.Random(SEED)
    held = set()
    for key in sorted(groups):
        ids = sorted(groups[key])
        rng.shuffle(ids)
        held.update(ids[: int(HELD_SHARE * len(ids) + 0.5)])
    return held


def assign(path):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    pairs = yaml.safe_load(text)["pairs"]
    held = held_ids(pairs)
    current = None
    lines = []
    for line in text.splitlines(keepends=True):
        start = re.match(r"\s*- id: (\S+)", line)
        if start:
            current = start.group(1)
        split = re.match(r"(\s*)split: \w+", line)
        if split and current is not None:
            line = f"{split.group(1)}split: {'held' if current in held else 'tune'}\n"
        lines.append(line)
    with open(path, "w", encoding="utf-8") as file:
        file.writelines(lines)
    print(f"{path}: {len(held)} held of {len(pairs)}")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        assign(argument)
