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
    /// Lowest level that makes `check` exit 1.
    #[serde(default)]
    pub fail_on: Option<Level>,
    /// Year of datelines that give only month and day.
    #[serde(default)]
    pub year: Option<i16>,
}

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
    /// Lowest failing level.
    pub fail_on: Level,
    /// Year of datelines that give only month and day.
    pub year: Option<i16>,
}

/// Finds `copydesk.toml` in `start` or the nearest parent that has one. The
/// path is relative to `start` ("copydesk.toml", "../copydesk.toml"), so
/// messages show short paths that do not depend on where the checkout lives.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().enumerate().find_map(|(up, dir)| {
        dir.join(FILE_NAME).is_file().then(|| {
            let mut rel = PathBuf::new();
            for _ in 0..up {
                rel.push("..");
            }
            rel.join(FILE_NAME)
        })
    })
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
        fail_on: file.fail_on.unwrap_or(Level::Error),
        year: file.year,
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
    let mut ids: Vec<String> = pack::builtin_rule_files()
        .into_iter()
        .map(|f| f.id)
        .collect();
    for dir in &settings.packs {
        ids.extend(pack::load_pack_dir(dir)?.into_iter().map(|f| f.id));
    }
    let named = file
        .enable
        .iter()
        .chain(&file.disable)
        .chain(file.levels.keys());
    let errors: Vec<SourceError> = named
        .filter(|p| !ids.iter().any(|id| pack::id_matches(p.get_ref(), id)))
        .map(|p| {
            SourceError::new(
                shown,
                text.clone(),
                Some(p.span()),
                format!("no rule or pack is called '{}'", p.get_ref()),
            )
            .with_help("`copydesk rules` lists the rule ids")
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
            fail_on: Level::Error,
            year: None,
        }
    }

    /// Loads the built-in and local packs and compiles them.
    pub fn rule_set(&self) -> Result<RuleSet, LoadError> {
        let mut files: Vec<RuleFile> = pack::builtin_rule_files();
        for dir in &self.packs {
            files.extend(pack::load_pack_dir(dir)?);
        }
        let mut fact_files = pack::builtin_fact_files();
        for p in &self.facts {
            fact_files.extend(read_fact_files(p)?);
        }
        let facts = Facts::load(&fact_files).map_err(LoadError::Source)?;
        let vocabulary = self.load_vocabulary()?;
        RuleSet::compile(&files, Arc::new(facts), &vocabulary, &self.selection)
            .map_err(LoadError::Source)
    }

    /// The words of every vocabulary folder's `accept.txt` and `reject.txt` (either may be
    /// missing).
    fn load_vocabulary(&self) -> Result<crate::lexicon::Vocabulary, LoadError> {
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

/// The `*.toml` files of a fact folder (sorted), or the file itself.
fn read_fact_files(path: &Path) -> Result<Vec<(String, Arc<str>)>, LoadError> {
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
            Ok((pack::display_path(&p), Arc::from(text)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_config_in_a_parent_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(discover(&sub), Some(PathBuf::from("../..").join(FILE_NAME)));
        assert_eq!(discover(dir.path()), Some(PathBuf::from(FILE_NAME)));
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
