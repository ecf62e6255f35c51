#!/usr/bin/env python3
"""Precision and recall of a JSON report against a truth.json of concord-gen:
python3 bench/score.py TRUTH.json < report.json

The same matching rules as tests/tools/score-findings (a must-find item is found by a
finding of an allowed code whose variants contain each form, in different variants; a trap is
violated by an error or warning whose variants contain all its forms), with the findings
indexed by the words of their variants so that a million-claim report scores in seconds.
Recall: must-find items found / all. Precision: serious findings (error, warning) that some
must-find item explains / all serious findings. Prints one line of JSON."""
import json, sys, unicodedata
from collections import defaultdict

def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").lower().split())

def has_all(texts, forms):
    hits = [[i for i, t in enumerate(texts) if fold(x) in t] for x in forms]
    if any(not h for h in hits):
        return False
    used = set()
    def assign(k):
        if k == len(hits):
            return True
        for i in hits[k]:
            if i not in used:
                used.add(i)
                if assign(k + 1):
                    return True
                used.discard(i)
        return False
    return assign(0)

gold = json.load(open(sys.argv[1]))
findings = json.load(sys.stdin)["findings"]
texts = [[fold(v.get("text") or "") for v in f["variants"]] for f in findings]
by_word = defaultdict(set)
for i, ts in enumerate(texts):
    for t in ts:
        for w in t.split():
            by_word[w].add(i)

def candidates(forms):
    words = fold(forms[0]).split()
    return by_word.get(words[0], set()) if words else set(range(len(findings)))

explained, found = set(), 0
for g in gold["must_find"]:
    hit = [i for i in candidates(g["forms"])
           if findings[i]["code"] in g["codes"] and has_all(texts[i], g["forms"])]
    explained.update(hit)
    found += bool(hit)
serious = [i for i, f in enumerate(findings) if f["severity"] in ("error", "warning")]
violated = sum(
    any(findings[i]["severity"] in ("error", "warning") and has_all(texts[i], t["forms"])
        for i in candidates(t["forms"]))
    for t in gold["must_not"])
recall = found / max(1, len(gold["must_find"]))
precision = sum(1 for i in serious if i in explained) / max(1, len(serious))
print(json.dumps({"must_find": len(gold["must_find"]), "found": found, "serious": len(serious),
                  "precision": round(precision, 4), "recall": round(recall, 4),
                  "traps_violated": violated, "traps": len(gold["must_not"])}))
