#!/usr/bin/env python3
"""Precision and recall of a JSON report against a truth.json of concord-gen:
python3 bench/score.py TRUTH.json < report.json

The same matching rules as tests/tools/score-findings (a must-find item is found by a
finding of an allowed code whose variants contain each form, in different variants; a trap is
violated by an error or warning whose variants contain all its forms), with the findings
indexed by the words of their variants so that a million-claim report scores in seconds.
Recall: must-find items found / all. Precision: serious findings (error, warning) that some
must-find item explains / all serious findings. Both leave out the alignment suggestions
(`unaligned-fact`, info), scored apart under "alignment": the pairs of facts concord-gen wrote
under two wordings (must-find items of code unaligned-fact, one form per side), how many some
suggestion pairs (recall); the pairs suggested, how many no planted pair explains
(precision = explained / suggested); and the alignment traps (must-not items of code
unaligned-fact), each violated by any suggestion that pairs its fact, whatever its severity.
Prints one line of JSON."""
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

ALIGN = "unaligned-fact"
planted = [g for g in gold["must_find"] if g["codes"] == [ALIGN]]
must_find = [g for g in gold["must_find"] if g["codes"] != [ALIGN]]
explained, found = set(), 0
for g in must_find:
    hit = [i for i in candidates(g["forms"])
           if findings[i]["code"] in g["codes"] and has_all(texts[i], g["forms"])]
    explained.update(hit)
    found += bool(hit)
serious = [i for i, f in enumerate(findings) if f["severity"] in ("error", "warning")]
violated = sum(
    any(findings[i]["severity"] in ("error", "warning") and has_all(texts[i], t["forms"])
        for i in candidates(t["forms"]))
    for t in gold["must_not"] if t.get("codes") != [ALIGN])
recall = found / max(1, len(must_find))
precision = sum(1 for i in serious if i in explained) / max(1, len(serious))

# Alignment: each suggested pair of facts as the two texts of its variants.
suggested = [(texts[i][a], texts[i][b]) for i, f in enumerate(findings) if f["code"] == ALIGN
             for a, b in f["alignment"]["pairs"]]
by_head = defaultdict(lambda: defaultdict(set))  # "subject / wording" → side text → pairs
for k, pair in enumerate(suggested):
    for text in pair:
        by_head[text.split(":")[0]][text].add(k)
def pairs_holding(form):
    """The suggested pairs with a side that holds `form` (`subject / wording: value`)."""
    return {k for text, ks in by_head.get(form.split(":")[0], {}).items() if form in text
            for k in ks}
aligned, explained_pairs = 0, set()
for g in planted:
    a, b = (fold(x) for x in g["forms"])
    hit = {k for k in pairs_holding(a) & pairs_holding(b)
           if (a in suggested[k][0] and b in suggested[k][1])
           or (b in suggested[k][0] and a in suggested[k][1])}
    explained_pairs |= hit
    aligned += bool(hit)
traps = [t for t in gold["must_not"] if t.get("codes") == [ALIGN]]
traps_violated = sum(bool(pairs_holding(fold(t["forms"][0]))) for t in traps)
alignment = {"planted": len(planted), "found": aligned,
             "recall": round(aligned / max(1, len(planted)), 4),
             "suggested": len(suggested), "unexplained": len(suggested) - len(explained_pairs),
             "precision": round(len(explained_pairs) / max(1, len(suggested)), 4),
             "traps": len(traps), "traps_violated": traps_violated}
print(json.dumps({"must_find": len(must_find), "found": found, "serious": len(serious),
                  "precision": round(precision, 4), "recall": round(recall, 4),
                  "traps_violated": violated, "traps": len(gold["must_not"]) - len(traps),
                  "alignment": alignment}))
