#!/usr/bin/env python3
"""Writes a table of 40 000 claims (100 sources × 100 subjects × 4 properties, with disagreeing
values) for timing `concord report`: python3 bench/claims40k.py OUT.csv"""
import random, sys
random.seed(40000)
with open(sys.argv[1], "w") as f:
    f.write("source,subject,departure,arrival,passengers,gate\n")
    for source in range(100):
        for subject in range(100):
            hour = 6 + subject % 14
            wrong = random.random() < 0.2
            minute = (subject * 7 + (random.randint(1, 9) if wrong else 0)) % 60
            f.write(f"source-{source},FL-{subject:04d},{hour}:{minute:02d} a.m.,{hour + 2}:{minute:02d},"
                    f"{150 + (subject % 50) * (10 if wrong and source % 7 == 0 else 1)},B{subject % 30}\n")
