#!/usr/bin/env python3
"""Learn the spelling error model (data/spelling/edit-model.tsv) from known typos.

The model is a noisy channel in the manner of Church and Gale (1991): how likely a
writer is to make each single edit when they mean a word. Each (typo, correction) pair of
crate-ci/typos' typos-words.csv and client9/misspell's list is aligned with the
optimal-string-alignment distance (unit costs; pairs more than three edits apart are
skipped), and every edit on the alignment is counted in its context:

* sub X Y: the writer meant X and wrote Y;
* del P X: the writer left out X after P (the letter before it in the word meant);
* ins P Y: the writer added Y after P (the letter before it in what they wrote);
* tr X Y: the writer meant "XY" and wrote "YX".

A cost is -ln p, where p is the count of the edit over the number of chances to make it
(for sub and ins, how often X or P occurs in the corrections; for del and tr, how often
the pair PX or XY does), smoothed by adding 0.5 to every count. "^" is the start of a
word and "?" any character but a-z.

It also learns edits of whole strings in the manner of Brill and Moore (2000), written to
data/spelling/string-edits.tsv: each pair (with "^" and "$" around both words) is aligned
the same way, and every edit, alone and with up to two aligned neighbours on each side,
becomes a rule "the writer meant A and wrote B" for strings A and B of up to three
letters ("ph" -> "f", "ent$" -> "ant$", "^ps" -> "^s"). A rule's cost is -ln p, p its
count over one more than the number of times A occurs in the corrections (for an empty A,
the number of letters); rules seen once are dropped.

Pairs whose misspelling appears in the Birkbeck corpus (shared/data/misspellings-birkbeck-dev)
are left out, so the corpus stays a fair test of the ranking.

Usage: scripts/build-edit-model.py [SHARED_DATA_DIR]   (default ../shared/data)
"""

import collections
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "data" / "spelling" / "edit-model.tsv"
STRING_OUT = ROOT / "data" / "spelling" / "string-edits.tsv"
MAX_STRING = 3  # letters on either side of a string edit
MIN_RULE_COUNT = 2
SYMBOLS = "^abcdefghijklmnopqrstuvwxyz?"
A = len(SYMBOLS)
SMOOTHING = 0.5


def ix(c):
    return ord(c) - ord("a") + 1 if "a" <= c <= "z" else A - 1


def birkbeck_misspellings():
    out = set()
    for line in (DATA / "misspellings-birkbeck-dev" / "missp-dev.dat").read_text().splitlines():
        if line and not line.startswith("$"):
            out.add(line.strip().lower())
    return out


def pairs():
    skip = birkbeck_misspellings()
    out = {}
    for name in ["typos-words.csv", "misspell-compatible.csv"]:
        for line in (DATA / "misspellings-typos" / name).read_text().splitlines():
            p = line.strip().split(",")
            if len(p) != 2:
                continue
            typo, word = p[0].lower(), p[1].lower()
            if not re.fullmatch("[a-z]+", typo) or not re.fullmatch("[a-z]+", word) or typo in skip:
                continue
            out[typo] = word
    return sorted(out.items())


def osa_table(a, b):
    """The optimal-string-alignment table of sequences `a` and `b` (unit costs, a swap of
    two different neighbours one edit): d[i][j] is the distance of a[:i] and b[:j]."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 or j == 0:
                d[i][j] = i + j
                continue
            best = min(d[i - 1][j - 1] + (a[i - 1] != b[j - 1]), d[i][j - 1] + 1, d[i - 1][j] + 1)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and a[i - 1] != a[i - 2]:
                best = min(best, d[i - 2][j - 2] + 1)
            d[i][j] = best
    return d


def count(pairs):
    sub, dele, ins, tr = ([0] * (A * A) for _ in range(4))
    uni, bi = [0] * A, [0] * (A * A)
    for typo, word in pairs:
        a, b = [ix(c) for c in typo], [ix(c) for c in word]
        prev = 0
        for c in b:
            uni[c] += 1
            bi[prev * A + c] += 1
            prev = c
        uni[0] += 1
        n, m = len(a), len(b)
        d = osa_table(a, b)
        if d[n][m] > 3:
            continue
        # Walk back along one best alignment: a doubled letter left out or added (counted
        # as the second of the two, so in the context of its twin), then matches, a
        # substitution, a transposition, any other letter left out or added.
        i, j = n, m
        while i > 0 or j > 0:
            if j > 1 and b[j - 1] == b[j - 2] and d[i][j] == d[i][j - 1] + 1:
                dele[b[j - 2] * A + b[j - 1]] += 1
                j -= 1
            elif i > 1 and a[i - 1] == a[i - 2] and d[i][j] == d[i - 1][j] + 1:
                ins[a[i - 2] * A + a[i - 1]] += 1
                i -= 1
            elif i > 0 and j > 0 and a[i - 1] == b[j - 1] and d[i][j] == d[i - 1][j - 1]:
                i, j = i - 1, j - 1
            elif i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + 1:
                sub[b[j - 1] * A + a[i - 1]] += 1
                i, j = i - 1, j - 1
            elif (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]
                  and a[i - 1] != a[i - 2] and d[i][j] == d[i - 2][j - 2] + 1):
                tr[b[j - 2] * A + b[j - 1]] += 1
                i, j = i - 2, j - 2
            elif j > 0 and d[i][j] == d[i][j - 1] + 1:
                dele[(b[j - 2] if j > 1 else 0) * A + b[j - 1]] += 1
                j -= 1
            else:
                ins[(a[i - 2] if i > 1 else 0) * A + a[i - 1]] += 1
                i -= 1
    return {"sub": (sub, uni, False), "del": (dele, bi, True), "ins": (ins, uni, False), "tr": (tr, bi, True)}


def alignment(meant, typed):
    """One optimal-string-alignment of `meant` to `typed` (unit costs), as (from, to)
    steps: a letter kept, changed, left out ("x", ""), added ("", "y") or two swapped;
    None when the words are more than three edits apart."""
    n, m = len(meant), len(typed)
    d = osa_table(meant, typed)
    if d[n][m] > 3:
        return None
    steps, i, j = [], n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + (meant[i - 1] != typed[j - 1]):
            steps.append((meant[i - 1], typed[j - 1]))
            i, j = i - 1, j - 1
        elif i > 1 and j > 1 and meant[i - 1] == typed[j - 2] and meant[i - 2] == typed[j - 1] and d[i][j] == d[i - 2][j - 2] + 1:
            steps.append((meant[i - 2:i], typed[j - 2:j]))
            i, j = i - 2, j - 2
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            steps.append((meant[i - 1], ""))
            i -= 1
        else:
            steps.append(("", typed[j - 1]))
            j -= 1
    return steps[::-1]


def string_edits(pairs):
    """Brill and Moore's string-to-string edits: {(from, to): cost}."""
    rules, chances = collections.Counter(), collections.Counter()
    for typo, word in pairs:
        meant, typed = "^" + word + "$", "^" + typo + "$"
        steps = alignment(meant, typed)
        if steps is None:
            continue
        for s in range(len(meant)):
            for k in range(1, MAX_STRING + 1):
                if s + k <= len(meant):
                    chances[meant[s:s + k]] += 1
        chances[""] += len(meant)
        seen = set()
        for k, (x, y) in enumerate(steps):
            if x == y:
                continue
            for left in range(3):
                for right in range(3):
                    if k - left < 0 or k + right >= len(steps):
                        continue
                    window = steps[k - left:k + right + 1]
                    a, b = "".join(w[0] for w in window), "".join(w[1] for w in window)
                    if len(a) <= MAX_STRING and len(b) <= MAX_STRING and a != b and (a, b) not in seen:
                        seen.add((a, b))
                        rules[a, b] += 1
    return {(a, b): (c, -math.log(c / (chances[a] + 1)))
            for (a, b), c in rules.items() if c >= MIN_RULE_COUNT and chances[a]}


def main():
    p = pairs()
    tables = count(p)
    lines = [
        "# The spelling error model: -ln p of each single edit a writer makes, in context.",
        "# Generated by scripts/build-edit-model.py; see that script for the model. Learned from",
        f"# {len(p)} typo -> correction pairs of crate-ci/typos typos-words.csv (typos-dict 0.13.31;",
        "# MIT OR Apache-2.0, Copyright (c) Ed Page and typos contributors) and client9/misspell",
        "# (MIT).",
        "# kind\tfrom\tto\tcount\tcost",
    ]
    for kind, (counts, norm, by_pair) in tables.items():
        for x in range(A):
            for y in range(A):
                k = counts[x * A + y]
                chances = norm[x * A + y] if by_pair else norm[x]
                cost = -math.log((k + SMOOTHING) / (chances + SMOOTHING * A))
                lines.append(f"{kind}\t{SYMBOLS[x]}\t{SYMBOLS[y]}\t{k}\t{cost:.4f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    lines = [
        "# Spelling errors as edits of strings (Brill and Moore 2000): -ln p that a writer who",
        "# meant FROM wrote TO; ^ and $ are the ends of the word. Generated by",
        "# scripts/build-edit-model.py from the same pairs as edit-model.tsv: " + f"{len(p)} typo -> correction",
        "# pairs of crate-ci/typos typos-words.csv (typos-dict 0.13.31; MIT OR Apache-2.0,",
        "# Copyright (c) Ed Page and typos contributors) and client9/misspell (MIT).",
        "# from\tto\tcount\tcost",
    ]
    for (a, b), (c, cost) in sorted(string_edits(p).items()):
        lines.append(f"{a}\t{b}\t{c}\t{cost:.4f}")
    STRING_OUT.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
