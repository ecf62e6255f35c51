#!/usr/bin/env python3
"""Writes N articles of about 5 KB each for timing `concord scan`: python3 bench/articles.py N OUT

Each article strings together sentences of the seed articles, with the people, companies and
chip codes swapped for others of a vocabulary (300 people, 60 companies, 80 codes), and one
article in fifty misspells a name or writes a code with a look-alike letter, so the matcher and
the quotation grouping see a realistic load rather than five texts copied over."""
import os, random, re, sys

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(n)
here = os.path.dirname(os.path.abspath(__file__))
seed_dir = os.path.join(here, "..", "seeds")
sentences = []
for name in sorted(os.listdir(seed_dir)):
    text = open(os.path.join(seed_dir, name), encoding="utf-8").read()
    sentences += [s.strip() for s in re.split(r"(?<=[.!?»])\s+", text) if len(s.strip()) > 40]
first = ["Anne", "Marc", "Léa", "Paul", "Sofia", "Omar", "Yuki", "Lars", "Inès", "Raj",
         "Chloé", "Hugo", "Mei", "Ivan", "Nora", "Tariq", "Eva", "Jonas", "Aiko", "Pedro"]
last = ["Moreau", "Keller", "Tanaka", "Okafor", "Lindqvist", "Dubois", "Castro", "Novak",
        "Haddad", "Fischer", "Rossi", "Nakamura", "Petrov", "Silva", "Berger"]
people = [f"{f} {l}" for f in first for l in last]
companies = [f"{a}{b}" for a in ["Nova", "Quant", "Sino", "Tera", "Helio", "Argo"]
             for b in ["tek", "chip", "soft", "logic", "data", "core", "link", "wave", "mind", "grid"]]
codes = [f"{l}{d}" for l in ["H", "GB", "X", "M", "RTX-"] for d in [10, 20, 100, 200, 300, 400, 500, 800,
                                                                      910, 1000, 2000, 3000, 4090, 5000, 7000, 9000]]
swaps = {"Lutnick": None, "Latnik": None, "Huang": None, "Trump": None, "Xi Jinping": None}
os.makedirs(out, exist_ok=True)
for i in range(n):
    rng = random.Random(i)
    person = rng.choice(people)
    surname = person.split()[1]
    company = rng.choice(companies)
    code = rng.choice(codes)
    if i % 50 == 0:
        surname = surname[:-2] + surname[-1] + surname[-2]  # a misspelling
    if i % 50 == 25:
        code = code.replace("0", "O", 1)  # a look-alike letter
    body, size = [], 0
    while size < 5000:
        s = rng.choice(sentences)
        s = re.sub(r"Howard (Lutnick|Latnik)", person, s)
        s = re.sub(r"\b(Lutnick|Latnik|Huang)\b", surname, s)
        s = re.sub(r"\b(Nvidia|NVIDIA)\b", company, s)
        s = re.sub(r"\bH20\b", code, s)
        body.append(s)
        size += len(s) + 1
    with open(os.path.join(out, f"article-{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(body) + "\n")
