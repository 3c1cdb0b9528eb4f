//! Findings recorded outside the copy, for text a CMS cannot annotate:
//! `copydesk.ignore.toml` (findings the desk has judged and does not want to see
//! again) and baselines (findings that existed when the baseline was written).
//!
//! A finding is recorded by its **fingerprint**: the rule id, the flagged words and
//! one word on either side, hashed. It survives edits elsewhere in the article and
//! changes when the flagged words or their neighbours do.
//!
//! **Ignore-file entries belong to a file**, named relative to the ignore file's
//! folder (the folder of `copydesk.toml`). An entry hides the finding with its rule
//! and fingerprint in that file only, so the same sentence in a new story is still
//! reported. Two exceptions:
//! - an entry without a `path` (written by hand) applies to every file;
//! - when the entry's file no longer exists (the story was moved or renamed), the
//!   entry follows its finding to the one file of the run where that rule and
//!   fingerprint occur exactly once. Where they occur more than once nothing is
//!   hidden: copydesk cannot tell which is the moved story.
//!
//! **Baseline entries** are keyed by the path as the report shows it; entries no
//! finding matched any more are reported as stale.
//!
//! The command line and the language server both read and write these files
//! through this module.

use crate::error::LoadError;
use crate::finding::Finding;
use crate::walk::{InputError, absolute};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The ignore file's name; it lives beside `copydesk.toml` (or in the working folder).
pub const IGNORE_FILE: &str = "copydesk.ignore.toml";

/// The header of copydesk.ignore.toml.
pub const IGNORE_HEADER: &str = "# Findings copydesk does not report (written by `copydesk check --add-ignore`\n\
# or the editor's \"Ignore\" action). Each entry is a rule id, the file (relative to this\n\
# folder) and a fingerprint of the flagged words and the words around them, so it still\n\
# matches after edits elsewhere in the article. Without `path` an entry applies to every\n\
# file. Delete an entry to see the finding again.";

/// The header of a baseline.
pub const BASELINE_HEADER: &str = "# copydesk baseline (written by `copydesk check --write-baseline`): findings that\n\
# existed when it was written. `copydesk check --baseline FILE` reports only newer ones.";

/// FNV-1a, 64 bits: small, stable across versions and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The words around a finding: the flagged text and one word on each side.
pub fn context(doc_text: &str, span: &Range<usize>) -> (String, String, String) {
    let word = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let before: String = doc_text[..span.start]
        .chars()
        .rev()
        .take(40)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    let prev = before
        .split(|c: char| !c.is_alphanumeric())
        .rev()
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_string();
    let after: String = doc_text[span.end..].chars().take(40).collect();
    (prev, doc_text[span.clone()].to_string(), word(&after))
}

/// A finding's fingerprint: rule id, flagged text and neighbouring words, hashed.
pub fn fingerprint(doc_text: &str, f: &Finding) -> String {
    let (prev, flagged, next) = context(doc_text, &f.span);
    format!("{:016x}", fnv1a(&[&f.rule, &prev, &flagged, &next]))
}

/// One finding recorded outside the copy, in `copydesk.ignore.toml` or a baseline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The rule id.
    pub rule: String,
    /// [`fingerprint`] of the finding.
    pub fingerprint: String,
    /// The file it was found in: relative to the ignore file's folder (with `/`), or
    /// as shown in the report for a baseline. In an ignore file, an entry without one
    /// applies to every file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// The flagged words with their neighbours, for the humans reading the file.
    #[serde(default)]
    pub text: String,
}

/// A list of recorded findings: an ignore file or a baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entries {
    /// The entries, in file order.
    #[serde(default, rename = "ignore")]
    pub entries: Vec<Entry>,
}

impl Entries {
    /// Parses an ignore file or baseline; errors point into it.
    pub fn parse(path: &str, text: &str) -> Result<Entries, crate::error::SourceError> {
        toml::from_str(text)
            .map_err(|e| crate::error::SourceError::from_toml(path, text.into(), &e))
    }

    /// The TOML text, with a header saying what the file is.
    pub fn to_toml(&self, header: &str) -> String {
        let body = toml::to_string(self).expect("plain strings serialize");
        format!("{header}\n{body}")
    }

    /// An entry recording `f` in `path`.
    pub fn entry(path: &str, doc_text: &str, f: &Finding) -> Entry {
        let (prev, flagged, next) = context(doc_text, &f.span);
        Entry {
            rule: f.rule.clone(),
            fingerprint: fingerprint(doc_text, f),
            path: path.to_string(),
            text: [prev, flagged, next]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// The findings of one checked file, for matching against recorded entries.
pub struct FileFindings<'a> {
    /// The file, as named on the command line or found (relative to the working
    /// folder or absolute).
    pub path: &'a Path,
    /// The text the findings point into.
    pub text: &'a str,
    /// The findings; recorded ones are removed.
    pub findings: &'a mut Vec<Finding>,
}

/// A loaded `copydesk.ignore.toml`.
#[derive(Debug, Clone)]
pub struct IgnoreFile {
    /// Where it is (or would be written).
    pub path: PathBuf,
    /// Its folder, absolute: entry paths are relative to it.
    root: PathBuf,
    entries: Entries,
}

impl IgnoreFile {
    /// Where the ignore file of a configuration lives: beside `config`, or in the
    /// working folder when there is none.
    pub fn beside(config: Option<&Path>) -> PathBuf {
        match config.and_then(Path::parent) {
            Some(d) if !d.as_os_str().is_empty() => d.join(IGNORE_FILE),
            _ => PathBuf::from(IGNORE_FILE),
        }
    }

    /// Reads the ignore file at `path`; a missing one is empty.
    ///
    /// # Errors
    /// The file cannot be read, or is not a valid ignore file (located).
    pub fn load(path: PathBuf) -> Result<IgnoreFile, LoadError> {
        let mut entries = load(&path, false)?;
        let root = absolute(path.parent().unwrap_or(Path::new("")));
        // Entries written by earlier versions name the file absolutely.
        for e in &mut entries.entries {
            if Path::new(&e.path).is_absolute() {
                e.path = relative(&root, Path::new(&e.path));
            }
        }
        Ok(IgnoreFile {
            path,
            root,
            entries,
        })
    }

    /// How entries name `file`: relative to the ignore file's folder, with `/`.
    pub fn file_key(&self, file: &Path) -> String {
        relative(&self.root, file)
    }

    /// The entry that records `f`, found in `file`.
    pub fn entry(&self, file: &Path, text: &str, f: &Finding) -> Entry {
        Entries::entry(&relative(&self.root, file), text, f)
    }

    /// Removes the findings this file records (see the module documentation).
    pub fn retain(&self, files: &mut [FileFindings<'_>]) {
        if self.entries.entries.is_empty() {
            return;
        }
        let keys: Vec<String> = files.iter().map(|f| relative(&self.root, f.path)).collect();
        let run: HashSet<&str> = keys.iter().map(String::as_str).collect();
        // Entries whose file is gone, by (rule, fingerprint).
        let mut gone: HashSet<(&str, &str)> = HashSet::new();
        let mut exists: HashMap<&str, bool> = HashMap::new();
        for e in &self.entries.entries {
            if e.path.is_empty() || run.contains(e.path.as_str()) {
                continue;
            }
            let there = *exists
                .entry(e.path.as_str())
                .or_insert_with(|| self.root.join(&e.path).exists());
            if !there {
                gone.insert((e.rule.as_str(), e.fingerprint.as_str()));
            }
        }
        let prints: Vec<Vec<String>> = files
            .iter()
            .map(|f| f.findings.iter().map(|x| fingerprint(f.text, x)).collect())
            .collect();
        let mut occurrences: HashMap<(&str, &str), usize> = HashMap::new();
        for (file, fps) in files.iter().zip(&prints) {
            for (f, fp) in file.findings.iter().zip(fps) {
                if gone.contains(&(f.rule.as_str(), fp.as_str())) {
                    *occurrences
                        .entry((f.rule.as_str(), fp.as_str()))
                        .or_default() += 1;
                }
            }
        }
        let hidden: Vec<Vec<bool>> = files
            .iter()
            .zip(&prints)
            .zip(&keys)
            .map(|((file, fps), key)| {
                file.findings
                    .iter()
                    .zip(fps)
                    .map(|(f, fp)| {
                        let moved = occurrences.get(&(f.rule.as_str(), fp.as_str())) == Some(&1);
                        self.entries.entries.iter().any(|e| {
                            e.rule == f.rule
                                && e.fingerprint == *fp
                                && (e.path.is_empty()
                                    || e.path == *key
                                    || moved && !run.contains(e.path.as_str()))
                        })
                    })
                    .collect()
            })
            .collect();
        for (file, hide) in files.iter_mut().zip(hidden) {
            let mut hide = hide.into_iter();
            file.findings.retain(|_| !hide.next().unwrap_or(false));
        }
    }
}

/// A loaded baseline.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The file.
    pub path: PathBuf,
    entries: Entries,
}

impl Baseline {
    /// Reads a baseline.
    ///
    /// # Errors
    /// It is missing, cannot be read, or is not a valid baseline (located).
    pub fn load(path: PathBuf) -> Result<Baseline, LoadError> {
        let entries = load(&path, true)?;
        Ok(Baseline { path, entries })
    }

    /// Removes the findings the baseline records (same file as shown, rule and
    /// fingerprint); returns the entries that matched nothing (stale).
    pub fn retain(&self, files: &mut [FileFindings<'_>]) -> Vec<&Entry> {
        let mut used = vec![false; self.entries.entries.len()];
        for file in files.iter_mut() {
            let shown = crate::pack::display_path(file.path);
            let text = file.text;
            file.findings.retain(|f| {
                let fp = fingerprint(text, f);
                let hit = self
                    .entries
                    .entries
                    .iter()
                    .position(|e| e.rule == f.rule && e.fingerprint == fp && e.path == shown);
                if let Some(i) = hit {
                    used[i] = true;
                }
                hit.is_none()
            });
        }
        self.entries
            .entries
            .iter()
            .zip(used)
            .filter(|(_, u)| !u)
            .map(|(e, _)| e)
            .collect()
    }
}

/// Reads an ignore file or baseline; a missing ignore file is empty, a missing
/// baseline an error.
fn load(path: &Path, required: bool) -> Result<Entries, LoadError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            Entries::parse(&crate::pack::display_path(path), &text).map_err(LoadError::from)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Entries::default()),
        Err(source) => Err(LoadError::Io {
            path: crate::pack::display_path(path),
            source,
        }),
    }
}

/// Adds `new` entries to the ignore file at `path` (creating it), for `check
/// --add-ignore` and the editor's ignore action. The file is read again just
/// before (an entry added meanwhile is kept), an entry already there is not added
/// twice, the file is written atomically, and it must stay inside its own folder:
/// a link to a file elsewhere is refused.
///
/// # Errors
/// An [`InputError`] naming the file: it cannot be read or parsed, or
/// [`crate::writer::write_file`] refused or failed.
pub fn add(path: &Path, new: Vec<Entry>, force: bool) -> Result<(), InputError> {
    let shown = crate::pack::display_path(path);
    let old = crate::writer::read_existing(path).map_err(|e| InputError {
        path: shown.clone(),
        position: None,
        message: format!("cannot read: {e}"),
    })?;
    let mut entries = match &old {
        Some(text) => Entries::parse(&shown, text).map_err(|e| InputError {
            path: shown.clone(),
            position: e.line_col(),
            message: format!("{}; fix or delete the file", e.message),
        })?,
        None => Entries::default(),
    };
    for e in new {
        let known = entries
            .entries
            .iter()
            .any(|k| k.rule == e.rule && k.fingerprint == e.fingerprint && k.path == e.path);
        if !known {
            entries.entries.push(e);
        }
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let expect = crate::writer::Expect::previous(old.as_deref());
    let options = crate::writer::WriteOptions {
        force,
        within: Some(folder),
    };
    crate::writer::write_file(path, expect, &entries.to_toml(IGNORE_HEADER), options)
}

/// `file` relative to the folder `root` (absolute), with `/` between folders; the
/// absolute path when it is outside.
fn relative(root: &Path, file: &Path) -> String {
    let abs = absolute(file);
    match abs.strip_prefix(root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => abs.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocKind, Document};
    use crate::pack::RuleSet;

    #[test]
    fn fingerprints_survive_edits_elsewhere() {
        let rules = RuleSet::builtin().unwrap();
        let a = "Intro.\n\nThe top Rusian diplomat said.\n";
        let b = "A longer intro, rewritten.\n\nMore text.\n\nThe top Rusian diplomat said.\n";
        let fa = rules.check(&Document::new(a.into(), DocKind::Text));
        let fb = rules.check(&Document::new(b.into(), DocKind::Text));
        assert_eq!(fingerprint(a, &fa[0]), fingerprint(b, &fb[0]));
        let c = "The top Rusian envoy said.\n";
        let fc = rules.check(&Document::new(c.into(), DocKind::Text));
        assert_ne!(fingerprint(a, &fa[0]), fingerprint(c, &fc[0]));
    }

    #[test]
    fn entries_round_trip_and_bad_files_are_located() {
        let e = Entries {
            entries: vec![Entry {
                rule: "a/b".into(),
                fingerprint: "00ff".into(),
                path: "x.txt".into(),
                text: "top Rusian diplomat".into(),
            }],
        };
        let text = e.to_toml("# header");
        assert!(text.starts_with("# header\n[[ignore]]"), "{text}");
        assert_eq!(Entries::parse("f.toml", &text).unwrap(), e);
        let err =
            Entries::parse("f.toml", "[[ignore]]\nrule = \"a\"\nfingerprnt = \"x\"\n").unwrap_err();
        assert_eq!(err.line_col().map(|p| p.0), Some(3));
    }

    #[test]
    fn entries_name_files_relative_to_the_ignore_files_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // An entry an earlier version wrote with an absolute path is read as relative.
        let legacy = format!(
            "[[ignore]]\nrule = \"a/b\"\nfingerprint = \"00\"\npath = \"{}\"\n",
            root.join("news/a.txt").display()
        );
        std::fs::write(root.join(IGNORE_FILE), legacy).unwrap();
        let file = IgnoreFile::load(root.join(IGNORE_FILE)).unwrap();
        assert_eq!(file.entries.entries[0].path, "news/a.txt");
        assert_eq!(file.file_key(&root.join("news/./x/../b.txt")), "news/b.txt");
        assert_eq!(
            file.file_key(Path::new("/elsewhere/c.txt")),
            "/elsewhere/c.txt"
        );
        // A missing ignore file is empty, not an error.
        let none = IgnoreFile::load(root.join("sub").join(IGNORE_FILE)).unwrap();
        assert!(none.entries.entries.is_empty());
    }
}
