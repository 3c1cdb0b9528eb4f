//! `copydesk.toml`: discovery, parsing and resolution into [`Settings`].
//!
//! The file is looked for in the working directory and its parents (or given
//! with `--config`). Paths in it are relative to the file. Every mistake is a
//! [`SourceError`] pointing at the key or value in the file.

use crate::error::{LoadError, SourceError};
use crate::facts::Facts;
use crate::finding::Level;
use crate::pack::{self, RuleFile, RuleSet, Selection};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The name looked for.
pub const FILE_NAME: &str = "copydesk.toml";

/// Extensions checked when walking folders, unless `include` says otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// What a user can write in `copydesk.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Local pack folders, relative to the file.
    #[serde(default)]
    pub packs: Vec<Spanned<String>>,
    /// Local fact folders or files, relative to the file; they extend and override the built-in ones.
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
    /// Vocabulary folders (`accept.txt`, `reject.txt`), relative to the file.
    #[serde(default)]
    pub vocabulary: Vec<Spanned<String>>,
    /// Rule ids or packs to turn on.
    #[serde(default)]
    pub enable: Vec<Spanned<String>>,
    /// Rule ids or packs to turn off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Level per rule id or pack.
    #[serde(default)]
    pub levels: BTreeMap<Spanned<String>, Level>,
    /// Globs of files to check when walking folders (default: `*.txt`, `*.md`, `*.markdown`).
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    /// Globs of files and folders to skip.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Apply `exclude` to files named on the command line too (for pre-commit).
    #[serde(default)]
    pub force_exclude: bool,
    /// Lowest level that makes `check` exit 1.
    #[serde(default)]
    pub fail_on: Option<Level>,
    /// Year of datelines that give only month and day.
    #[serde(default)]
    pub year: Option<Spanned<i16>>,
}

/// The years a dateline may be given (`year`, `--year`): the calendar's range.
pub const YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

/// Settings resolved from the config file and the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file used, if any.
    pub config_path: Option<PathBuf>,
    /// Folder that include/exclude globs are relative to.
    pub root: PathBuf,
    /// Local pack folders.
    pub packs: Vec<PathBuf>,
    /// Local fact files and folders, in order.
    pub facts: Vec<PathBuf>,
    /// Vocabulary folders, in order.
    pub vocabulary: Vec<PathBuf>,
    /// Rule selection and levels.
    pub selection: Selection,
    /// Include globs.
    pub include: Vec<String>,
    /// Exclude globs.
    pub exclude: Vec<String>,
    /// Whether `exclude` applies to paths named on the command line too.
    pub force_exclude: bool,
    /// Lowest failing level.
    pub fail_on: Level,
    /// Year of datelines that give only month and day.
    pub year: Option<i16>,
}

/// Environment variable naming folders whose `copydesk.toml` is used whoever
/// owns it: paths separated by `:` (a folder covers its subfolders), or `*`
/// for every folder. Like git's `safe.directory`.
pub const TRUSTED_DIRS_VAR: &str = "COPYDESK_TRUSTED_DIRS";

/// What [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// The config file to use, relative to the start folder ("copydesk.toml",
    /// "../copydesk.toml"), so messages show short paths that do not depend on
    /// where the checkout lives.
    pub path: Option<PathBuf>,
    /// Closer config files that were skipped because another user owns them.
    pub untrusted: Vec<Untrusted>,
}

/// A config file owned by another user, not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untrusted {
    /// The file, relative to the start folder.
    pub path: PathBuf,
    /// Its folder, as the start folder was given (absolute from the CLI and the
    /// language server): what to list in [`TRUSTED_DIRS_VAR`].
    pub folder: PathBuf,
    /// Its owner's user id.
    pub owner: u32,
}

impl Untrusted {
    /// The warning to show: which file, why, and how to use it anyway.
    pub fn warning(&self) -> String {
        let shown = pack::display_path(&self.path);
        format!(
            "ignoring {shown}: it is owned by another user (uid {}), not by you or root, and could \
             change every rule; to use it, add its folder to {TRUSTED_DIRS_VAR} \
             ({TRUSTED_DIRS_VAR}={}) or pass --config {shown}",
            self.owner,
            self.folder.display()
        )
    }
}

/// True when a config file owned by `owner` may be used by the user `me`
/// without being trusted explicitly: it is theirs, or root's. Anyone else's file
/// could switch every rule off, or make `--add-ignore` write into their folder.
pub fn owner_trusted(owner: u32, me: u32) -> bool {
    owner == me || owner == 0
}

/// Finds `copydesk.toml` in `start` or the nearest parent that has one and is
/// trusted: owned by the current user or root, or in a folder listed in
/// [`TRUSTED_DIRS_VAR`]. Files owned by others are skipped (and listed in
/// [`Discovered::untrusted`]), as if they were not there.
pub fn discover(start: &Path) -> Discovered {
    let trusted = std::env::var_os(TRUSTED_DIRS_VAR).unwrap_or_default();
    let trusted: Vec<PathBuf> = std::env::split_paths(&trusted)
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    discover_as(start, current_user(), &trusted)
}

/// [`discover`] for the user `me`, with these trusted folders.
fn discover_as(start: &Path, me: Option<u32>, trusted: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    for (up, dir) in start.ancestors().enumerate() {
        let file = dir.join(FILE_NAME);
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let mut rel = PathBuf::new();
        for _ in 0..up {
            rel.push("..");
        }
        let rel = rel.join(FILE_NAME);
        match (owner(&meta), me) {
            (Some(o), Some(me)) if !owner_trusted(o, me) && !in_trusted_dir(dir, trusted) => {
                found.untrusted.push(Untrusted {
                    path: rel,
                    folder: dir.to_path_buf(),
                    owner: o,
                });
            }
            _ => {
                found.path = Some(rel);
                return found;
            }
        }
    }
    found
}

/// True when `dir` is one of the `trusted` folders or inside one (`*`: any).
fn in_trusted_dir(dir: &Path, trusted: &[PathBuf]) -> bool {
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return false;
    };
    trusted
        .iter()
        .any(|t| t.as_os_str() == "*" || std::fs::canonicalize(t).is_ok_and(|t| dir.starts_with(t)))
}

/// The owner of a file (Unix only).
fn owner(meta: &std::fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    return Some(std::os::unix::fs::MetadataExt::uid(meta));
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The effective user id of this process (Unix only).
fn current_user() -> Option<u32> {
    #[cfg(unix)]
    // SAFETY: geteuid has no preconditions and cannot fail.
    return Some(unsafe { libc::geteuid() });
    #[cfg(not(unix))]
    None
}

/// Reads and parses a config file. Pack folders are checked to exist.
pub fn load(path: &Path) -> Result<Settings, LoadError> {
    let text: Arc<str> = std::fs::read_to_string(path)
        .map_err(|source| LoadError::Io {
            path: path.display().to_string(),
            source,
        })?
        .into();
    let shown = pack::display_path(path);
    let file: ConfigFile =
        toml::from_str(&text).map_err(|e| SourceError::from_toml(&shown, text.clone(), &e))?;
    let root = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut errors = Vec::new();
    // Each listed path, relative to the config file, or a located error naming what is missing.
    let mut existing = |entries: &[Spanned<String>], folder_only: bool, what: &str, help: &str| {
        let mut found = Vec::new();
        for e in entries {
            let p = root.join(e.get_ref());
            if (folder_only && p.is_dir()) || (!folder_only && p.exists()) {
                found.push(p);
            } else {
                errors.push(
                    SourceError::new(
                        &shown,
                        text.clone(),
                        Some(e.span()),
                        format!("{what} '{}' not found", e.get_ref()),
                    )
                    .with_help(format!("{help}; paths are relative to {}", root.display())),
                );
            }
        }
        found
    };
    let packs = existing(
        &file.packs,
        true,
        "pack folder",
        "a pack is a folder of rule files",
    );
    let facts = existing(&file.facts, false, "facts", "fact files or folders of them");
    let vocabulary = existing(
        &file.vocabulary,
        true,
        "vocabulary folder",
        "a vocabulary folder holds accept.txt and/or reject.txt",
    );
    for glob in file.include.iter().chain(&file.exclude) {
        if let Err(e) = globset::Glob::new(glob.get_ref()) {
            errors.push(SourceError::new(
                &shown,
                text.clone(),
                Some(glob.span()),
                format!("invalid glob: {e}"),
            ));
        }
    }
    if let Some(year) = &file.year
        && !YEARS.contains(&i64::from(*year.get_ref()))
    {
        errors.push(SourceError::new(
            &shown,
            text.clone(),
            Some(year.span()),
            format!(
                "year {} is out of range; write a year from {} to {}",
                year.get_ref(),
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(LoadError::Source(errors));
    }
    let strings = |v: &[Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    Ok(Settings {
        config_path: Some(path.to_path_buf()),
        root,
        packs,
        facts,
        vocabulary,
        selection: Selection {
            only: Vec::new(),
            enable: strings(&file.enable),
            disable: strings(&file.disable),
            levels: file
                .levels
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), *v))
                .collect(),
        },
        include: strings(&file.include),
        exclude: strings(&file.exclude),
        force_exclude: file.force_exclude,
        fail_on: file.fail_on.unwrap_or(Level::Error),
        year: file.year.as_ref().map(|y| *y.get_ref()),
    })
    .and_then(|s| validate_ids(s, &file, &shown, &text))
}

/// Every id or prefix the config names must match a rule (typos in ids are silent otherwise).
fn validate_ids(
    settings: Settings,
    file: &ConfigFile,
    shown: &str,
    text: &Arc<str>,
) -> Result<Settings, LoadError> {
    let ids = settings.rule_ids()?;
    let named = file
        .enable
        .iter()
        .chain(&file.disable)
        .chain(file.levels.keys());
    let errors: Vec<SourceError> = named
        .filter_map(|p| {
            let message = pack::unknown_id(p.get_ref(), ids.iter().map(String::as_str))?;
            Some(
                SourceError::new(shown, text.clone(), Some(p.span()), message)
                    .with_help("`copydesk rules` lists the rule ids"),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(LoadError::Source(errors))
    }
}

impl Settings {
    /// Settings with no config file: built-in packs, defaults.
    pub fn defaults(root: PathBuf) -> Settings {
        Settings {
            config_path: None,
            root,
            packs: Vec::new(),
            facts: Vec::new(),
            vocabulary: Vec::new(),
            selection: Selection::default(),
            include: Vec::new(),
            exclude: Vec::new(),
            force_exclude: false,
            fail_on: Level::Error,
            year: None,
        }
    }

    /// Every rule id there is, enabled or not: the built-in and local packs
    /// and [`crate::suppress::SUPPRESSION_RULE`]. Ids and packs named in the
    /// config, on the command line or in suppression comments must match one.
    pub fn rule_ids(&self) -> Result<Vec<String>, LoadError> {
        let mut ids: Vec<String> = pack::builtin_rule_files()
            .into_iter()
            .map(|f| f.id)
            .collect();
        for dir in &self.packs {
            ids.extend(pack::load_pack_dir(dir)?.into_iter().map(|f| f.id));
        }
        ids.push(crate::suppress::SUPPRESSION_RULE.to_string());
        Ok(ids)
    }

    /// Loads the built-in and local packs and compiles them.
    pub fn rule_set(&self) -> Result<RuleSet, LoadError> {
        RuleSet::compile(
            &self.rule_files()?,
            Arc::new(self.facts()?),
            &self.vocabulary()?,
            &self.selection,
        )
        .map_err(LoadError::Source)
    }

    /// The rule files: the built-in packs', then the local packs'.
    pub fn rule_files(&self) -> Result<Vec<RuleFile>, LoadError> {
        let mut files: Vec<RuleFile> = pack::builtin_rule_files();
        files.extend(self.local_rule_files()?);
        Ok(files)
    }

    /// The local packs' rule files only.
    pub fn local_rule_files(&self) -> Result<Vec<RuleFile>, LoadError> {
        let mut files = Vec::new();
        for dir in &self.packs {
            files.extend(pack::load_pack_dir(dir)?);
        }
        Ok(files)
    }

    /// The knowledge base: the built-in fact files, then the configured ones.
    pub fn facts(&self) -> Result<Facts, LoadError> {
        let mut fact_files = pack::builtin_fact_files();
        for p in &self.facts {
            fact_files.extend(read_fact_files(p)?);
        }
        Facts::load(&fact_files).map_err(LoadError::Source)
    }

    /// The words of every vocabulary folder's `accept.txt` and `reject.txt` (either may be
    /// missing).
    pub fn vocabulary(&self) -> Result<crate::lexicon::Vocabulary, LoadError> {
        let mut accept = String::new();
        let mut reject = String::new();
        for dir in &self.vocabulary {
            for (name, into) in [("accept.txt", &mut accept), ("reject.txt", &mut reject)] {
                let path = dir.join(name);
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        into.push_str(&text);
                        into.push('\n');
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(source) => {
                        return Err(LoadError::Io {
                            path: path.display().to_string(),
                            source,
                        });
                    }
                }
            }
        }
        Ok(crate::lexicon::Vocabulary::from_lists(
            accept.lines(),
            reject.lines(),
        ))
    }
}

/// Adds `word` to the `accept.txt` of the vocabulary `folder` (made if missing), unless it
/// is there already; returns whether the file changed. The write is atomic and refuses a
/// file that changed meanwhile or a link out of the folder (see [`crate::writer`]).
///
/// # Errors
/// The word is empty, has a line break or starts a comment; or the file cannot be read or
/// written (the error names it and says why).
pub fn add_accepted_word(folder: &Path, word: &str) -> Result<bool, String> {
    let word = word.trim();
    if word.is_empty() || word.contains(['\n', '\r']) || word.starts_with('#') {
        return Err(format!("'{word}' cannot be a vocabulary entry"));
    }
    let path = folder.join("accept.txt");
    let old = crate::writer::read_existing(&path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text = old.as_deref().unwrap_or_default();
    if text.lines().any(|l| l.trim() == word) {
        return Ok(false);
    }
    let mut new = text.to_string();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(word);
    new.push('\n');
    let options = crate::writer::WriteOptions {
        force: false,
        within: Some(folder),
    };
    let expect = crate::writer::Expect::previous(old.as_deref());
    crate::writer::write_file(&path, expect, &new, options).map_err(|e| e.to_string())?;
    Ok(true)
}

/// The `*.toml` files of a fact folder (sorted), or the file itself.
fn read_fact_files(path: &Path) -> Result<Vec<(String, Cow<'static, str>)>, LoadError> {
    let io = |p: &Path, source| LoadError::Io {
        path: p.display().to_string(),
        source,
    };
    let paths = if path.is_dir() {
        pack::toml_files(path).map_err(|e| io(path, e))?
    } else {
        vec![path.to_path_buf()]
    };
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| io(&p, e))?;
            Ok((pack::display_path(&p), Cow::Owned(text)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_8_words_are_added_to_the_vocabulary_once() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("words");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(add_accepted_word(&folder, "Gazprom"), Ok(true));
        assert_eq!(add_accepted_word(&folder, " Gazprom "), Ok(false));
        assert_eq!(add_accepted_word(&folder, "mln"), Ok(true));
        let text = std::fs::read_to_string(folder.join("accept.txt")).unwrap();
        assert_eq!(text, "Gazprom\nmln\n");
        for bad in ["", "a\nb", "# note"] {
            let e = add_accepted_word(&folder, bad).unwrap_err();
            assert!(e.contains("cannot be a vocabulary entry"), "{e}");
        }
        // A folder that is not there: the error names the file.
        let e = add_accepted_word(&dir.path().join("missing"), "word").unwrap_err();
        assert!(e.contains("accept.txt"), "{e}");
    }

    #[test]
    fn discovers_config_in_a_parent_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(
            discover(&sub).path,
            Some(PathBuf::from("../..").join(FILE_NAME))
        );
        assert_eq!(discover(dir.path()).path, Some(PathBuf::from(FILE_NAME)));
    }

    #[test]
    fn issue_9_only_the_users_own_or_roots_config_is_trusted() {
        assert!(owner_trusted(1000, 1000));
        assert!(owner_trusted(0, 1000), "root's files are trusted");
        assert!(!owner_trusted(1001, 1000));
        assert!(owner_trusted(0, 0));
        assert!(
            !owner_trusted(1000, 0),
            "not even root trusts a user's file"
        );
    }

    #[test]
    fn issue_9_config_owned_by_another_user_is_skipped_unless_its_folder_is_trusted() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let sub = dir.path().join("desk");
        std::fs::create_dir(&sub).unwrap();
        // Root gives the file away; anyone else owns it already. Either way
        // the owner is not root, whose files are always trusted.
        let _ = std::os::unix::fs::chown(dir.path().join(FILE_NAME), Some(54321), None);
        let owner = std::fs::metadata(dir.path().join(FILE_NAME)).unwrap().uid();
        assert_ne!(owner, 0);
        // Run as someone else than the file's owner.
        let me = Some(owner + 4242);
        let skipped = discover_as(&sub, me, &[]);
        assert_eq!(skipped.path, None);
        assert_eq!(
            skipped.untrusted,
            [Untrusted {
                path: PathBuf::from("..").join(FILE_NAME),
                folder: dir.path().to_path_buf(),
                owner
            }]
        );
        let warning = skipped.untrusted[0].warning();
        assert!(
            warning.starts_with("ignoring ../copydesk.toml: it is owned by another user"),
            "{warning}"
        );
        assert!(warning.contains(TRUSTED_DIRS_VAR), "{warning}");
        for trusted in [dir.path().to_path_buf(), PathBuf::from("*")] {
            let found = discover_as(&sub, me, &[trusted]);
            assert_eq!(found.path, Some(PathBuf::from("..").join(FILE_NAME)));
            assert!(found.untrusted.is_empty());
        }
        // A trusted folder does not cover its parent.
        let found = discover_as(&sub, me, std::slice::from_ref(&sub));
        assert_eq!(found.path, None);
        assert!(discover_as(&sub, Some(owner), &[]).path.is_some());
    }

    #[test]
    fn unknown_rule_id_is_an_error_at_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "disable = [\"style/nope\"]\n").unwrap();
        let LoadError::Source(e) = load(&p).unwrap_err() else {
            panic!("expected a located error")
        };
        assert_eq!(e[0].message, "no rule or pack is called 'style/nope'");
        assert_eq!(e[0].line_col(), Some((1, 12)));
    }

    #[test]
    fn bad_glob_and_unknown_key_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "exclude = [\"drafts/[\"]\n").unwrap();
        let LoadError::Source(e) = load(&p).unwrap_err() else {
            panic!("expected a located error")
        };
        assert!(e[0].message.starts_with("invalid glob"), "{}", e[0].message);
        assert_eq!(e[0].line_col(), Some((1, 12)));
        std::fs::write(&p, "fail_on = \"error\"\n").unwrap();
        let LoadError::Source(e) = load(&p).unwrap_err() else {
            panic!("expected a located error")
        };
        assert!(
            e[0].message.contains("unknown field `fail_on`"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn issue_9_year_out_of_the_calendar_is_a_located_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "year = 10000\n").unwrap();
        let LoadError::Source(e) = load(&p).unwrap_err() else {
            panic!("expected a located error")
        };
        assert_eq!(
            e[0].message,
            "year 10000 is out of range; write a year from 1 to 9999"
        );
        assert_eq!(e[0].line_col(), Some((1, 8)));
    }

    #[test]
    fn missing_pack_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "packs = [\"house\"]\n").unwrap();
        let LoadError::Source(e) = load(&p).unwrap_err() else {
            panic!("expected a located error")
        };
        assert!(e[0].message.contains("pack folder 'house' not found"));
    }
}
