#!/usr/bin/env python3
"""Fit the weights of the spelling suggestion ranking (`WEIGHTS` in src/lexicon/spell.rs).

The ranking scores each candidate word for a misspelling by sixteen features (see
`word_cost`): the learned channel cost, the word's rarity and its square, how many sounds
and letters apart the two words are, their difference in length, whether the word meant
is longer, the letters they share at the start, a different first or last letter, a word
written capitalized only, the same sound key or one sound apart, a SCOWL 70 word, a word
Google Books does not count. The weights are fitted by conditional logistic regression:
a softmax over each misspelling's candidates, maximising the likelihood of the word
meant, with a little L2, by Adam.

Two kinds of misspelling weigh the same in the fit:
* the development half of the Birkbeck corpus (poor spellers; `shared/data/
  misspellings-birkbeck-dev`, which its source offers for tuning, the other half being
  held back), selected as `scripts/spelling-eval.py` selects it: one-word items whose
  misspelling is not a SCOWL word;
* 8,000 slips drawn (seeded) from the typos and misspell lists the error model is learned
  from (`scripts/build-edit-model.py`; Birkbeck's misspellings are left out there).

It prints the weights as Rust, the top-1 of each kind in sample, and a two-fold check:
fitted with half of Birkbeck's intended words and tested on the other half.

Then the weight of the string edits (`STRING_EDIT_WEIGHT`): with the weights fixed, the
eight cheapest candidates of each misspelling are re-ranked, each costing that weight
times what its string-edit cost (`string_edit_cost`) falls short of its channel cost
less, and the top-1 of each kind is printed for weights 0 to 1; the shipped one is where
both kinds are near their best and the rule stays as sure as before (see the constant's
doc; the shipped re-ranking also skips those more than 0.8 above the cheapest, which
changes neither top-1).

Last the phonetic channel's weight and offset (`PHONETIC_WEIGHT`, `PHONETIC_OFFSET`): the
same re-ranking with what each candidate's phonetic cost (`phonetic_cost`) falls below its
channel cost plus the offset, for a grid of both, on Birkbeck, each half of its intended
words, and the typo lists.

Candidates come from copydesk's own search (`examples/rank-candidates.rs`), so build the
example first; numpy is needed (`pip install numpy`). About ten minutes on two cores.

Usage: scripts/fit-ranking.py [--data ../shared/data] [--work DIR] [--seed 8]
"""

import argparse
import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FEATURES = [
    "channel", "rarity", "first_letter", "capitalized", "same_sound", "one_sound_apart",
    "sounds_apart", "letters_apart", "length_difference", "rare_class", "uncounted",
    "common_prefix", "longer", "rarity_squared", "last_letter", "longer_only",
]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def birkbeck_pairs(data):
    ev = load("spelling_eval", ROOT / "scripts" / "spelling-eval.py")
    _, items, _, _ = ev.birkbeck_items(str(data), ev.Dictionary(str(data)))
    return [(m, "|".join(cs)) for m, cs in items.items()]


def typo_pairs(data, n, seed):
    sys.argv = [sys.argv[0], str(data)]
    model = load("build_edit_model", ROOT / "scripts" / "build-edit-model.py")
    pairs = model.pairs()
    return random.Random(seed).sample(pairs, n)


def candidates(pairs, work, name):
    src = work / f"{name}-pairs.tsv"
    src.write_text("".join(f"{m}\t{c}\n" for m, c in pairs))
    exe = ROOT / "target" / "release" / "examples" / "rank-candidates"
    if not exe.exists():
        sys.exit(f"{exe} is missing: run `cargo build --release --example rank-candidates` first")
    out = subprocess.run([str(exe), str(src)], check=True, capture_output=True, text=True).stdout
    return out


def features(dump, fold_of):
    """Rows of features, their item, whether each is the word meant, each item's fold,
    each row's string-edit cost less its channel cost when that is below zero, and each
    row's phonetic cost less its channel cost (NaN for a word without a pronunciation)."""
    rows, group, label, folds, shortfall, phonetic = [], [], [], {}, [], []
    for line in dump.splitlines():
        p = line.split("\t")
        item = int(p[0])
        wants = [w.lower() for w in p[2].split("|")]
        folds.setdefault(item, fold_of(wants[0]))
        if p[3] == "-":
            continue
        typed, cand = p[1].lower(), p[3].lower()
        chan, cls, cap, freq = float(p[4]), int(p[5]), p[6] == "true", int(p[7])
        letters, sounds = int(p[8]), int(p[9])
        log_count = freq / 4.0 if freq > 0 else [4.0, 4.0, 3.5][min(cls, 2)]
        rarity = max(10.0 - log_count, 0.0)
        prefix = next((i for i, (a, b) in enumerate(zip(typed, cand)) if a != b), min(len(typed), len(cand)))
        suffix = next((i for i, (a, b) in enumerate(zip(typed[::-1], cand[::-1])) if a != b), min(len(typed), len(cand)))
        longer = len(cand) - len(typed)
        rows.append([chan, rarity, prefix == 0, cap, sounds == 0, sounds == 1, min(sounds, 4),
                     min(letters, 5), abs(longer), cls == 2, freq == 0, min(prefix, 4), longer,
                     rarity * rarity / 10, suffix == 0, max(longer, 0)])
        group.append(item)
        label.append(cand in wants)
        shortfall.append(min(float(p[10]) - chan, 0.0))
        phonetic.append(float(p[11]) - chan if p[11] != "-" else np.nan)
    n = max(folds) + 1 if folds else 0
    return (np.array(rows, dtype=np.float64), np.array(group), np.array(label),
            np.array([folds.get(i, 0) for i in range(n)]), np.array(shortfall), np.array(phonetic))


def fold_of(word):
    h = 0
    for b in word.encode():
        h = (h * 31 + b) & 0xFFFFFFFFFFFFFFFF
    return h % 2


class Data:
    def __init__(self, X, G, L, fold, kind):
        self.X, self.G, self.L, self.fold, self.kind = X, G, L, fold, kind
        self.starts = np.r_[0, np.flatnonzero(np.diff(G)) + 1]
        self.gid = G[self.starts]
        self.grp = np.repeat(np.arange(len(self.starts)), np.diff(np.r_[self.starts, len(G)]))
        lrows = np.flatnonzero(L)
        _, first = np.unique(self.grp[lrows], return_index=True)
        self.label = np.full(len(self.starts), -1)
        self.label[self.grp[lrows[first]]] = lrows[first]

    def top1(self, w, items, extra=None):
        score = self.X @ w if extra is None else extra
        order = np.lexsort((score, self.grp))
        right = self.L[order[self.starts]]
        return right[items[self.gid]].sum() / items.sum()

    def rescored_top1(self, w, shortfall, weight, items, keep=8, sounds=None, sound_weight=0.0,
                      offset=0.0):
        """Top-1 when the `keep` cheapest of each item cost `weight` times `shortfall` more
        (less: it is negative), and `sound_weight` times what `sounds` falls below `offset`
        (`PHONETIC_WEIGHT`, `PHONETIC_OFFSET`), and the rest come after them."""
        score = self.X @ w
        order = np.lexsort((score, self.grp))
        rank = np.empty(len(score), int)
        rank[order] = np.arange(len(score)) - self.starts[self.grp[order]]
        kept = rank < keep
        rescored = score + weight * shortfall
        if sounds is not None:
            rescored = rescored + sound_weight * np.nan_to_num(np.minimum(sounds - offset, 0.0))
        return self.top1(w, items, np.where(kept, rescored, np.inf))

    def fit(self, items, weight, l2=1e-4, iters=400):
        groups = items[self.gid] & (self.label >= 0)
        rows = groups[self.grp]
        X, g = self.X[rows], self.grp[rows]
        st = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
        gg = np.repeat(np.arange(len(st)), np.diff(np.r_[st, len(g)]))
        lab = (np.cumsum(rows) - 1)[self.label[groups]]
        wt = weight[self.gid[groups]]
        wt = wt / wt.sum()
        w, m, v = np.zeros(X.shape[1]), np.zeros(X.shape[1]), np.zeros(X.shape[1])
        for t in range(1, iters + 1):
            s = -(X @ w)
            e = np.exp(s - np.maximum.reduceat(s, st)[gg])
            p = e / np.add.reduceat(e, st)[gg]
            grad = (wt[:, None] * X[lab]).sum(0) - (wt[gg] * p) @ X + l2 * w
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        return w


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path("/tmp/copydesk-fit-ranking"))
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    if not (args.data / "misspellings-birkbeck-dev").is_dir():
        sys.exit(f"{args.data}: no misspellings-birkbeck-dev here; pass --data")
    args.work.mkdir(parents=True, exist_ok=True)
    bk = features(candidates(birkbeck_pairs(args.data), args.work, "birkbeck"), fold_of)
    ty = features(candidates(typo_pairs(args.data, 8000, args.seed), args.work, "typos"), fold_of)
    nb = len(bk[3])
    d = Data(np.vstack([bk[0], ty[0]]), np.r_[bk[1], ty[1] + nb], np.r_[bk[2], ty[2]],
             np.r_[bk[3], ty[3]], np.r_[np.zeros(nb, bool), np.ones(len(ty[3]), bool)])
    shortfall = np.r_[bk[4], ty[4]]
    sounds = np.r_[bk[5], ty[5]]
    n = len(d.fold)
    weight = np.where(d.kind, nb / (n - nb), 1.0)  # each kind weighs the same
    w = d.fit(np.ones(n, bool), weight)
    print("const WEIGHTS: Weights = Weights {")
    for name, value in sorted(zip(FEATURES, w), key=lambda x: FEATURES.index(x[0])):
        print(f"    {name}: {value:.4f},")
    print("};")
    print(f"top-1 in sample: Birkbeck {d.top1(w, ~d.kind):.4f}, typo lists {d.top1(w, d.kind):.4f}")
    for f in (0, 1):
        wf = d.fit(d.kind | (d.fold != f), weight)
        print(f"fitted without Birkbeck fold {f}: top-1 on it {d.top1(wf, ~d.kind & (d.fold == f)):.4f}")
    print("string-edit weight: top-1 Birkbeck, typo lists (eight cheapest re-ranked)")
    for sw in np.arange(0.0, 1.01, 0.1):
        print(f"  {sw:.1f}: {d.rescored_top1(w, shortfall, sw, ~d.kind):.4f} "
              f"{d.rescored_top1(w, shortfall, sw, d.kind):.4f}")
    print("phonetic weight and offset, string-edit weight 0.3: top-1 Birkbeck (all, each half), "
          "typo lists")
    for pw in (0.0, 0.2, 0.3, 0.4, 0.6):
        for off in (0.0, 0.5, 1.0):
            top = [d.rescored_top1(w, shortfall, 0.3, items, sounds=sounds, sound_weight=pw, offset=off)
                   for items in (~d.kind, ~d.kind & (d.fold == 0), ~d.kind & (d.fold == 1), d.kind)]
            print(f"  {pw:.1f} {off:.1f}: " + " ".join(f"{t:.4f}" for t in top))


if __name__ == "__main__":
    main()
