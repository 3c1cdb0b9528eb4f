//! Rule packs: finding rule files (built-in and local) and compiling them into a [`RuleSet`].
//!
//! A pack is a folder; each `*.toml` file directly in it is one rule whose id
//! is `<pack>/<file-stem>`. The built-in packs under `rules/` are embedded in
//! the binary by `build.rs`; the built-in knowledge base lives in
//! `rules/facts/kb/`. Every problem is a [`SourceError`] with a position.

use crate::document::Document;
use crate::error::{LoadError, SourceError};
use crate::facts::Facts;
use crate::finding::{Finding, Level};
use crate::lexicon::Dictionary;
use crate::matcher::{Matcher, MatcherBuilder};
use crate::rule::kinds::{self, CompileCx};
use crate::rule::{Rule, RuleMeta};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Prefix of the display path of built-in files.
pub const BUILTIN_PREFIX: &str = "<built-in>/";

/// The folder of the built-in knowledge base, inside the `facts` pack.
const KB_DIR: &str = "facts/kb/";

/// One rule file, not yet compiled.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// `<pack>/<file-stem>`.
    pub id: String,
    /// Path shown in errors.
    pub path: String,
    /// The TOML text.
    pub text: Arc<str>,
    /// The pack folder on disk; `None` for built-in and in-memory rules.
    pub dir: Option<std::path::PathBuf>,
}

impl RuleFile {
    /// Reads a data file that sits beside this rule in its pack (e.g. a word list):
    /// (display path, text). Names may not leave the pack folder.
    pub fn sibling(&self, name: &str) -> Result<(String, Arc<str>), String> {
        if name.contains("..") || name.starts_with(['/', '\\']) || name.contains(':') {
            return Err(format!(
                "'{name}' must be a file name inside the pack folder"
            ));
        }
        match &self.dir {
            Some(dir) => {
                let p = dir.join(name);
                std::fs::read_to_string(&p)
                    .map(|t| (p.display().to_string(), Arc::from(t)))
                    .map_err(|e| format!("cannot read '{}': {e}", p.display()))
            }
            None => {
                let rel = self.builtin_sibling(name);
                BUILTIN_FILES
                    .iter()
                    .find(|(r, _)| *r == rel)
                    .map(|(r, t)| (format!("{BUILTIN_PREFIX}{r}"), Arc::from(*t)))
                    .ok_or_else(|| format!("no file '{name}' beside this rule"))
            }
        }
    }

    /// The path under rules/ of a built-in file `name` beside this (built-in) rule.
    fn builtin_sibling(&self, name: &str) -> String {
        let pack = self.id.split('/').next().unwrap_or_default();
        format!("{pack}/{name}")
    }

    /// The word table `build.rs` compiled from the word list `name` beside this rule,
    /// when this is a built-in rule and that list could be compiled (see
    /// [`crate::word_table`]); the list is then neither copied nor parsed.
    pub fn compiled_sibling(&self, name: &str) -> Option<crate::word_table::WordTable> {
        if self.dir.is_some() {
            return None;
        }
        let rel = self.builtin_sibling(name);
        BUILTIN_WORD_TABLES
            .iter()
            .find(|(r, _)| *r == rel)
            .map(|(_, bytes)| crate::word_table::WordTable::new(bytes))
    }
}

/// The built-in rule files, in id order.
pub fn builtin_rule_files() -> Vec<RuleFile> {
    BUILTIN_FILES
        .iter()
        .filter(|(rel, _)| {
            !rel.starts_with(KB_DIR) && rel.matches('/').count() == 1 && rel.ends_with(".toml")
        })
        .map(|(rel, text)| RuleFile {
            id: rel.trim_end_matches(".toml").to_string(),
            path: format!("{BUILTIN_PREFIX}{rel}"),
            text: Arc::from(*text),
            dir: None,
        })
        .collect()
}

/// The built-in knowledge-base files: (display path, text). The texts are borrowed from
/// the binary, not copied: the people file alone is 700 KB, and it is read from its JSON
/// form ([`builtin_facts_json`]).
pub fn builtin_fact_files() -> Vec<(String, Cow<'static, str>)> {
    BUILTIN_FILES
        .iter()
        .filter(|(rel, _)| rel.starts_with(KB_DIR) && rel.ends_with(".toml"))
        .map(|(rel, text)| (format!("{BUILTIN_PREFIX}{rel}"), Cow::Borrowed(*text)))
        .collect()
}

/// The path under rules/ of the built-in file at display path `path`, if `text` is
/// that file's text: what `build.rs` compiled from it then still holds.
fn unchanged_builtin<'p>(path: &'p str, text: &str) -> Option<&'p str> {
    let rel = path.strip_prefix(BUILTIN_PREFIX)?;
    let builtin = BUILTIN_FILES.iter().find(|(r, _)| *r == rel)?.1;
    // The text itself, as `builtin_fact_files` lends it, needs no comparing.
    let same = std::ptr::eq(builtin, text) || builtin == text;
    same.then_some(rel)
}

/// The JSON form `build.rs` made of a built-in knowledge-base file, when `path` and
/// `text` are that file's (a file that only borrows its name gets no JSON): one or more
/// documents, the first with the file's tables, any others with more of its people.
pub fn builtin_facts_json(path: &str, text: &str) -> Option<&'static [&'static str]> {
    let rel = unchanged_builtin(path, text)?;
    BUILTIN_FACTS_JSON
        .iter()
        .find(|(r, _)| *r == rel)
        .map(|(_, json)| *json)
}

/// The `*.toml` files directly in `dir`, sorted (rule packs and fact folders).
pub fn toml_files(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The rule files of a local pack folder; the folder's name is the pack's name.
pub fn load_pack_dir(dir: &Path) -> Result<Vec<RuleFile>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.display().to_string(),
        source,
    };
    let named = dir.canonicalize().map_err(io)?;
    let pack = named
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| io(std::io::Error::other("a pack must be a named folder")))?;
    let mut out = Vec::new();
    for p in toml_files(dir).map_err(io)? {
        let text = std::fs::read_to_string(&p).map_err(|source| LoadError::Io {
            path: p.display().to_string(),
            source,
        })?;
        let stem = p
            .file_stem()
            .expect("a .toml file has a stem")
            .to_string_lossy();
        out.push(RuleFile {
            id: format!("{pack}/{stem}"),
            path: display_path(&p),
            text: Arc::from(text),
            dir: Some(dir.to_path_buf()),
        });
    }
    Ok(out)
}

/// A path as shown to users: without a leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// Which rules run and at what level.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// When non-empty, only rules matching one of these ids or prefixes run.
    pub only: Vec<String>,
    /// Ids or pack prefixes to turn on (wins over a shorter `disable` match).
    pub enable: Vec<String>,
    /// Ids or pack prefixes to turn off.
    pub disable: Vec<String>,
    /// Level overrides by id or prefix; the longest match wins.
    pub levels: Vec<(String, Level)>,
}

/// True when `pattern` is `id` or a pack/prefix of it ("style" matches "style/x").
pub fn id_matches(pattern: &str, id: &str) -> bool {
    let p = pattern.trim_end_matches('/');
    id == p || id.strip_prefix(p).is_some_and(|rest| rest.starts_with('/'))
}

/// Why `pattern` names no rule among `ids`, with the closest id or pack as a
/// "did you mean"; `None` when it matches a rule or is a pack prefix of one.
pub fn unknown_id<'a>(
    pattern: &str,
    ids: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    if ids.clone().into_iter().any(|id| id_matches(pattern, id)) {
        return None;
    }
    let wanted = pattern.trim_end_matches('/');
    // Candidates are the ids and their packs; a bare name ("titel") is also
    // compared with the rule names, so the pack need not be typed.
    let mut best: Option<(usize, &str)> = None;
    for id in ids {
        let pack = id.split('/').next().unwrap_or(id);
        let name = id.rsplit('/').next().unwrap_or(id);
        let mut candidates = vec![(id, id), (pack, pack)];
        if !wanted.contains('/') {
            candidates.push((name, id));
        }
        for (compared, shown) in candidates {
            let d = strsim::osa_distance(&wanted.to_lowercase(), &compared.to_lowercase());
            if d <= (compared.chars().count() / 3).max(1)
                && best.is_none_or(|(b, s)| (d, shown) < (b, s))
            {
                best = Some((d, shown));
            }
        }
    }
    let mut message = format!("no rule or pack is called '{pattern}'");
    if let Some((_, id)) = best {
        message.push_str(&format!(" (did you mean '{id}'?)"));
    }
    Some(message)
}

fn longest_match<'a>(patterns: impl IntoIterator<Item = &'a String>, id: &str) -> Option<usize> {
    patterns
        .into_iter()
        .filter(|p| id_matches(p, id))
        .map(|p| p.len())
        .max()
}

impl Selection {
    /// Whether rule `id` runs.
    pub fn enabled(&self, id: &str) -> bool {
        if !self.only.is_empty() && longest_match(&self.only, id).is_none() {
            return false;
        }
        match (
            longest_match(&self.disable, id),
            longest_match(&self.enable, id),
        ) {
            (Some(d), Some(e)) => e > d,
            (Some(_), None) => false,
            _ => true,
        }
    }

    /// The level override for `id`, if any.
    pub fn level(&self, id: &str) -> Option<Level> {
        self.levels
            .iter()
            .filter(|(p, _)| id_matches(p, id))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, l)| *l)
    }
}

/// Compiled rules plus the shared matcher: what the engine runs.
pub struct RuleSet {
    pub(crate) rules: Vec<(RuleMeta, Box<dyn Rule>)>,
    pub(crate) matcher: Matcher,
    facts: Arc<Facts>,
    /// Every rule id of the packs, enabled or not, and [`crate::suppress::SUPPRESSION_RULE`].
    pub(crate) all_ids: Vec<String>,
    /// Whether [`crate::suppress::SUPPRESSION_RULE`] is selected.
    pub(crate) report_unused_suppressions: bool,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl RuleSet {
    /// Compiles `files` with the given knowledge base and selection. All
    /// errors are collected, not just the first.
    pub fn compile(
        files: &[RuleFile],
        facts: Arc<Facts>,
        vocabulary: &crate::lexicon::Vocabulary,
        selection: &Selection,
    ) -> Result<RuleSet, Vec<SourceError>> {
        let mut errors = Vec::new();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        let mut builder = MatcherBuilder::default();
        let mut rules: Vec<(RuleMeta, Box<dyn Rule>)> = Vec::new();
        for file in files {
            if let Some(prev) = seen.insert(&file.id, &file.path) {
                errors.push(
                    SourceError::new(
                        &file.path,
                        file.text.clone(),
                        None,
                        format!("duplicate rule id '{}'", file.id),
                    )
                    .with_help(format!(
                        "'{prev}' has the same id; rename one file or its pack folder"
                    )),
                );
                continue;
            }
            if !selection.enabled(&file.id) {
                continue;
            }
            let mut cx = CompileCx {
                rule_index: u32::try_from(rules.len()).expect("fewer than 4 billion rules"),
                matcher: &mut builder,
                facts: &facts,
                dictionary: Dictionary,
                vocabulary,
                path: &file.path,
                text: &file.text,
                file,
            };
            match compile_file(file, &mut cx) {
                Ok((mut meta, rule)) => {
                    if let Some(level) = selection.level(&file.id) {
                        meta.level = level;
                    }
                    rules.push((meta, rule));
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let matcher = builder.build(rules.len());
        let all_ids = files
            .iter()
            .map(|f| f.id.clone())
            .chain([crate::suppress::SUPPRESSION_RULE.to_string()])
            .collect();
        Ok(RuleSet {
            rules,
            matcher,
            facts,
            all_ids,
            report_unused_suppressions: selection.enabled(crate::suppress::SUPPRESSION_RULE),
        })
    }

    /// The built-in packs with the built-in knowledge base, all rules on.
    pub fn builtin() -> Result<RuleSet, Vec<SourceError>> {
        let facts = Arc::new(Facts::load(&builtin_fact_files())?);
        RuleSet::compile(
            &builtin_rule_files(),
            facts,
            &crate::lexicon::Vocabulary::default(),
            &Selection::default(),
        )
    }

    /// One rule from TOML text, with the built-in knowledge base (for tests and examples).
    pub fn single(id: &str, toml: &str) -> Result<RuleSet, Vec<SourceError>> {
        let facts = Arc::new(Facts::load(&builtin_fact_files())?);
        let file = RuleFile {
            id: id.to_string(),
            path: format!("{id}.toml"),
            text: Arc::from(toml),
            dir: None,
        };
        RuleSet::compile(
            &[file],
            facts,
            &crate::lexicon::Vocabulary::default(),
            &Selection::default(),
        )
    }

    /// Checks a document: see [`crate::engine::check`].
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        crate::engine::check(self, doc)
    }

    /// Checks a document and says what could not be judged: see
    /// [`crate::engine::check_with_remarks`].
    pub fn check_with_remarks(&self, doc: &Document) -> (Vec<Finding>, Vec<String>) {
        crate::engine::check_with_remarks(self, doc)
    }

    /// The compiled rules' metadata, in id order.
    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter().map(|(meta, _)| meta)
    }

    /// The knowledge base the rules use.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }
}

fn compile_file(file: &RuleFile, cx: &mut CompileCx<'_>) -> Result<kinds::Compiled, SourceError> {
    let table = toml::de::DeTable::parse(&file.text)
        .map_err(|e| SourceError::from_toml(&file.path, file.text.clone(), &e))?;
    let kind = match table.get_ref().get("kind") {
        Some(v) => match v.get_ref().as_str() {
            Some(k) => Ok((k.to_string(), v.span())),
            None => Err(cx.error(Some(v.span()), "`kind` must be a string")),
        },
        None => Err(cx.error(Some(0..0), "missing `kind`").with_help(format!(
            "add e.g. kind = \"substitution\"; kinds: {}",
            kind_names()
        ))),
    }?;
    let compile = kinds::find(&kind.0).ok_or_else(|| {
        cx.error(
            Some(kind.1.clone()),
            format!("unknown rule kind '{}'", kind.0),
        )
        .with_help(format!("kinds: {}", kind_names()))
    })?;
    let meta = RuleMeta {
        id: file.id.clone(),
        kind: "",
        level: Level::Warning,
        message: String::new(),
        description: String::new(),
        link: None,
        scope: Default::default(),
        examples: Vec::new(),
        source: file.path.clone(),
        valid_from: None,
        valid_until: None,
    };
    compile(toml::de::Deserializer::from(table), meta, cx)
}

fn kind_names() -> String {
    kinds::KINDS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_compile() {
        let rs = RuleSet::builtin().unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(rs.rules().any(|r| r.id == "facts/entity-spelling"));
        assert!(rs.facts().countries.len() > 240);
    }

    #[test]
    fn selection_prefers_the_most_specific_entry() {
        let s = Selection {
            disable: vec!["style".into()],
            enable: vec!["style/doubled-word".into()],
            levels: vec![
                ("style".into(), Level::Info),
                ("style/x".into(), Level::Error),
            ],
            ..Default::default()
        };
        assert!(!s.enabled("style/cliche"));
        assert!(s.enabled("style/doubled-word"));
        assert!(s.enabled("spelling/x"));
        assert!(s.enabled("styles/x"));
        assert_eq!(s.level("style/x"), Some(Level::Error));
        assert_eq!(s.level("style/y"), Some(Level::Info));
    }

    #[test]
    fn unknown_kind_points_at_the_kind_value() {
        let e = RuleSet::single("t/x", "message = \"m\"\nkind = \"nonsense\"\n").unwrap_err();
        assert_eq!(e[0].message, "unknown rule kind 'nonsense'");
        assert_eq!(e[0].line_col(), Some((2, 8)));
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let e = RuleSet::single(
            "t/x",
            "kind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\ntokenz = 1\n",
        )
        .unwrap_err();
        assert!(
            e[0].message.contains("unknown field `tokenz`"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].line_col().map(|p| p.0), Some(4));
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let f = RuleFile {
            id: "p/a".into(),
            path: "p/a.toml".into(),
            text: Arc::from("kind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\n"),
            dir: None,
        };
        let e = RuleSet::compile(
            &[f.clone(), f],
            Arc::new(Facts::default()),
            &crate::lexicon::Vocabulary::default(),
            &Selection::default(),
        )
        .unwrap_err();
        assert!(e[0].message.contains("duplicate rule id 'p/a'"));
    }
}
