//! The JSON schemas of copydesk's TOML files, in `docs/schemas/` (draft-07, the newest draft
//! taplo and Even Better TOML read).
//!
//! * Every `copydesk.toml`, rule file and fact file under `rules/`, `examples/` and
//!   `tests/fixtures/` validates against its schema. A TOML file there that is neither
//!   validated nor listed in [`NOT_COPYDESK_FILES`] fails the test, so a new one cannot slip by.
//! * The schemas accept what the loaders accept and reject what they reject: the small files
//!   of the schema matrix ([`CASES`]) go through both, and the keys and values each schema
//!   allows are compared with the ones the loaders list when they meet an unknown one. A field
//!   added to a loader fails [`schemas_know_exactly_the_keys_the_loaders_know`] until the
//!   schema has it.
//!
//! TOML is turned into JSON the way taplo does it for editors: a TOML date becomes its text
//! (`2019-10-01`). serde_json alone would not do: it writes a `toml::Value` date as an object
//! (`{"$__toml_private_datetime": "2019-10-01"}`).

use copydesk::facts::Facts;
use copydesk::pack::{RuleFile, RuleSet, Selection};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The three schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Schema {
    /// `copydesk.toml`.
    Config,
    /// A rule file of a pack.
    Rule,
    /// A fact file of the knowledge base.
    Facts,
}

impl Schema {
    const ALL: [Schema; 3] = [Schema::Config, Schema::Rule, Schema::Facts];

    fn file(self) -> &'static str {
        match self {
            Schema::Config => "docs/schemas/copydesk.schema.json",
            Schema::Rule => "docs/schemas/rules.schema.json",
            Schema::Facts => "docs/schemas/facts.schema.json",
        }
    }

    fn json(self) -> &'static Value {
        static JSON: OnceLock<[Value; 3]> = OnceLock::new();
        let all = JSON.get_or_init(|| {
            Schema::ALL.map(|s| {
                let text = std::fs::read_to_string(root().join(s.file()))
                    .unwrap_or_else(|e| panic!("{}: {e}", s.file()));
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", s.file()))
            })
        });
        &all[self as usize]
    }

    fn validator(self) -> &'static jsonschema::Validator {
        static VALIDATORS: OnceLock<[jsonschema::Validator; 3]> = OnceLock::new();
        let all = VALIDATORS.get_or_init(|| {
            Schema::ALL.map(|s| {
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(s.json())
                    .unwrap_or_else(|e| panic!("{} does not compile: {e}", s.file()))
            })
        });
        &all[self as usize]
    }

    /// The schema's complaints about `value`, one line each; empty when it is valid.
    fn errors(self, value: &Value) -> Vec<String> {
        self.validator()
            .iter_errors(value)
            .map(|e| format!("{e} (at '{}')", e.instance_path()))
            .collect()
    }
}

/// TOML as taplo hands it to a JSON schema: dates and times become their text.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => items.into_iter().map(to_json).collect(),
        toml::Value::Table(table) => table.into_iter().map(|(k, v)| (k, to_json(v))).collect(),
    }
}

fn parse(text: &str) -> Result<Value, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    Ok(to_json(toml::Value::Table(table)))
}

fn read(rel: &str) -> Value {
    let text = std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    parse(&text).unwrap_or_else(|e| panic!("{rel} is not TOML: {e}"))
}

// --- Every file in the repository ------------------------------------------------------

/// Folders whose TOML files must each be validated or listed in [`NOT_COPYDESK_FILES`].
const WALKED: &[&str] = &["rules", "examples", "tests/fixtures"];

/// TOML files in [`WALKED`] that are not copydesk configuration, rules or facts.
const NOT_COPYDESK_FILES: &[(&str, &str)] = &[
    (
        "tests/fixtures/bad-inputs.toml",
        "the bad-input matrix of tests/bad_inputs.rs (its embedded files are checked below)",
    ),
    (
        "tests/fixtures/facts-current/cases.toml",
        "the dated stories of tests/facts_current.rs",
    ),
    (CASES, "the schema matrix of this test"),
];

/// Fact files outside [`WALKED`] that are validated too.
const EXTRA_FACT_FILES: &[&str] = &[
    // Merged into rules/facts/kb/people.toml by scripts/build-facts.py; same format.
    "scripts/people-additions.toml",
];

/// Fixtures that are wrong on purpose, in a way no schema can see: they must still validate.
/// The loaders' errors for them are covered by tests/cli.rs.
const WRONG_BEYOND_THE_SCHEMA: &[(&str, &str)] = &[
    (
        "tests/fixtures/bad-config/copydesk.toml",
        "disables a rule that does not exist",
    ),
    (
        "tests/fixtures/bad-facts/our-facts/people.toml",
        "an office in a country no fact file has (FRD)",
    ),
    (
        "tests/fixtures/bad-pack/house/broken.toml",
        "an invalid regex",
    ),
];

/// The TOML files (relative, `/`-separated) under `dir`, recursively.
fn toml_files(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path.strip_prefix(root()).expect("under the root");
            let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
            out.push(parts.join("/"));
        }
    }
}

/// The TOML files of [`WALKED`], sorted.
fn walked_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in WALKED {
        toml_files(&root().join(dir), &mut files);
    }
    files.sort();
    files
}

/// The schema of each copydesk file of the repository, decided by place as copydesk does:
/// `copydesk.toml` by its name; rule files are the TOML files directly in a pack folder
/// (`rules/<pack>/`, or a folder a fixture's copydesk.toml lists in `packs`); fact files are
/// those of `rules/facts/kb/` and those a fixture's copydesk.toml lists in `facts`.
fn placements(files: &[String]) -> BTreeMap<String, Schema> {
    let mut placed = BTreeMap::new();
    for rel in files {
        if let Some(inside) = rel.strip_prefix("rules/") {
            if inside.starts_with("facts/kb/") {
                placed.insert(rel.clone(), Schema::Facts);
            } else if inside.matches('/').count() == 1 {
                placed.insert(rel.clone(), Schema::Rule);
            }
        }
        let Some(folder) = rel.strip_suffix("copydesk.toml") else {
            continue;
        };
        if !(folder.is_empty() || folder.ends_with('/')) {
            continue;
        }
        placed.insert(rel.clone(), Schema::Config);
        let config = read(rel);
        for (key, schema) in [("packs", Schema::Rule), ("facts", Schema::Facts)] {
            for entry in config[key].as_array().into_iter().flatten() {
                let named = format!("{folder}{}", entry.as_str().expect("a path"));
                let named = named.trim_end_matches('/');
                for f in files {
                    let in_folder = f
                        .strip_prefix(named)
                        .and_then(|r| r.strip_prefix('/'))
                        .is_some_and(|r| !r.contains('/'));
                    if in_folder || (schema == Schema::Facts && f == named) {
                        placed.insert(f.clone(), schema);
                    }
                }
            }
        }
    }
    for rel in EXTRA_FACT_FILES {
        placed.insert(rel.to_string(), Schema::Facts);
    }
    placed
}

#[test]
fn every_copydesk_toml_rule_and_fact_file_in_the_repository_is_valid() {
    let files = walked_files();
    let placed = placements(&files);
    let skipped: BTreeMap<&str, &str> = NOT_COPYDESK_FILES.iter().copied().collect();
    let mut problems = Vec::new();
    for rel in &files {
        match (placed.contains_key(rel), skipped.get(rel.as_str())) {
            (false, None) => problems.push(format!(
                "{rel}: neither validated nor listed in NOT_COPYDESK_FILES; if copydesk reads it, \
                 name it in a fixture's copydesk.toml (packs, facts) or teach `placements` its place"
            )),
            (true, Some(_)) => problems.push(format!(
                "{rel}: validated, yet listed in NOT_COPYDESK_FILES"
            )),
            _ => {}
        }
    }
    for rel in skipped.keys() {
        if !files.iter().any(|f| f == rel) {
            problems.push(format!("{rel}: listed in NOT_COPYDESK_FILES but not found"));
        }
    }
    let mut counts: BTreeMap<Schema, usize> = BTreeMap::new();
    for (rel, schema) in &placed {
        *counts.entry(*schema).or_default() += 1;
        let text = std::fs::read_to_string(root().join(rel)).unwrap();
        match parse(&text) {
            Ok(value) => {
                for e in schema.errors(&value) {
                    problems.push(format!("{rel} ({}): {e}", schema.file()));
                }
            }
            Err(e) => problems.push(format!("{rel}: not TOML: {e}")),
        }
    }
    for (rel, why) in WRONG_BEYOND_THE_SCHEMA {
        if !placed.contains_key(*rel) {
            problems.push(format!(
                "{rel} ({why}): listed as a bad fixture but not validated"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Not vacuous: the walk found the files that are known to be there.
    assert!(counts[&Schema::Config] >= 6, "{counts:?}");
    assert!(counts[&Schema::Rule] >= 20, "{counts:?}");
    assert!(counts[&Schema::Facts] >= 7, "{counts:?}");
}

#[test]
fn taplo_config_gives_each_file_the_schema_it_is_validated_against() {
    // As taplo reads `.taplo.toml`: globs relative to it, where `*` also matches `/`, and a
    // file gets the schema of the rule whose `include` and not `exclude` match it.
    let config = read(".taplo.toml");
    let globs = |rule: &Value, key: &str| {
        let mut set = globset::GlobSetBuilder::new();
        for glob in rule[key].as_array().into_iter().flatten() {
            set.add(globset::Glob::new(glob.as_str().unwrap()).unwrap());
        }
        set.build().unwrap()
    };
    let rules: Vec<_> = config["rule"]
        .as_array()
        .expect("[[rule]] tables")
        .iter()
        .map(|rule| {
            let path = rule["schema"]["path"].as_str().expect("a schema path");
            let schema = Schema::ALL
                .into_iter()
                .find(|s| s.file() == path)
                .unwrap_or_else(|| panic!(".taplo.toml names an unknown schema {path}"));
            (globs(rule, "include"), globs(rule, "exclude"), schema)
        })
        .collect();
    let mut files = walked_files();
    files.extend(EXTRA_FACT_FILES.iter().map(|f| f.to_string()));
    let placed = placements(&files);
    let mut problems = Vec::new();
    for rel in &files {
        let given: Vec<Schema> = rules
            .iter()
            .filter(|(include, exclude, _)| include.is_match(rel) && !exclude.is_match(rel))
            .map(|(_, _, schema)| *schema)
            .collect();
        let wanted: Vec<Schema> = placed.get(rel).copied().into_iter().collect();
        if given != wanted {
            problems.push(format!(
                "{rel}: .taplo.toml gives {given:?}, the test validates against {wanted:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bad_input_files_are_rejected_when_the_schema_can_see_why() {
    // The files that tests/fixtures/bad-inputs.toml writes for its cases, validated as the
    // copydesk.toml beside them would read them: (case, file) → what the schema must reject.
    const REJECTED: &[(&str, &str, &str)] = &[
        (
            "empty-alias-in-a-fact-file-is-a-located-error",
            "people.toml",
            "aliases/1",
        ),
        (
            "empty-name-in-a-fact-file-is-a-located-error",
            "people.toml",
            "person/0/name",
        ),
        (
            "unknown-config-key-is-a-located-error",
            "copydesk.toml",
            "colour",
        ),
    ];
    let matrix = read("tests/fixtures/bad-inputs.toml");
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for case in matrix["case"].as_array().expect("[[case]]") {
        let name = case["name"].as_str().expect("a name");
        let Some(files) = case["files"].as_object() else {
            continue;
        };
        let Some(config) = files.get("copydesk.toml").and_then(Value::as_str) else {
            continue;
        };
        let config_json = parse(config).expect("TOML");
        let mut checked = vec![("copydesk.toml", Schema::Config)];
        for entry in config_json["facts"].as_array().into_iter().flatten() {
            let file = entry.as_str().expect("a path");
            if let Some((f, _)) = files.get_key_value(file) {
                checked.push((f.as_str(), Schema::Facts));
            }
        }
        for (file, schema) in checked {
            let text = files[file].as_str().expect("file text");
            let errors = schema.errors(&parse(text).expect("TOML"));
            let expected = REJECTED.iter().find(|r| r.0 == name && r.1 == file);
            match expected {
                Some(&(_, _, what)) => {
                    seen.insert((name, file));
                    if !errors.iter().any(|e| e.contains(what)) {
                        problems.push(format!(
                            "{name}: {file} should be rejected at '{what}': {errors:?}"
                        ));
                    }
                }
                None if !errors.is_empty() => {
                    problems.push(format!("{name}: {file} is rejected: {errors:?}"));
                }
                None => {}
            }
        }
    }
    for (name, file, _) in REJECTED {
        if !seen.contains(&(*name, *file)) {
            problems.push(format!("{name}: {file} not found in bad-inputs.toml"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn copydesk_init_writes_a_valid_config_with_every_key_uncommented_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("init")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap();
    assert_eq!(
        Schema::Config.errors(&parse(&text).unwrap()),
        [] as [String; 0]
    );
    // As the unit test of `copydesk init` does: every commented `key = value` line, on.
    let uncommented: String = text
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|r| (r.contains(" = ") || r.starts_with('[')) && !r.starts_with("Rule ids"))
        .map(|l| format!("{l}\n"))
        .collect();
    let all = parse(&uncommented).unwrap();
    assert!(all["year"].is_i64() && all["levels"].is_object(), "{all}");
    assert_eq!(Schema::Config.errors(&all), [] as [String; 0]);
}

// --- The schemas against the loaders ---------------------------------------------------

/// Runs the config loader on `text` (in a folder of its own).
fn load_config(text: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, text).unwrap();
    match copydesk::config::load(&path) {
        Ok(_) => Ok(()),
        Err(copydesk::error::LoadError::Source(errors)) => Err(messages(&errors)),
        Err(e) => Err(e.to_string()),
    }
}

/// Compiles one rule file, with an empty knowledge base (the kinds that read facts still
/// parse and check all their keys). `list.csv` lies beside it, for `swap-file`.
fn load_rule(text: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("list.csv"), "zzq,zzr\n").unwrap();
    let file = RuleFile {
        id: "test/rule".to_string(),
        path: "test/rule.toml".to_string(),
        text: Arc::from(text),
        dir: Some(dir.path().to_path_buf()),
    };
    RuleSet::compile(
        &[file],
        Arc::new(Facts::default()),
        &copydesk::lexicon::Vocabulary::default(),
        &Selection::default(),
    )
    .map(drop)
    .map_err(|e| messages(&e))
}

/// Loads one fact file after the built-in countries, organizations and titles (not the
/// people: they take long to load and nothing here needs them).
fn load_facts(text: &str) -> Result<(), String> {
    let mut files: Vec<_> = copydesk::pack::builtin_fact_files()
        .into_iter()
        .filter(|(path, _)| !path.ends_with("/people.toml"))
        .collect();
    files.push(("test-facts.toml".to_string(), text.to_string().into()));
    Facts::load(&files).map(drop).map_err(|e| messages(&e))
}

fn messages(errors: &[copydesk::error::SourceError]) -> String {
    let all: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
    all.join("; ")
}

fn load(schema: Schema, text: &str) -> Result<(), String> {
    match schema {
        Schema::Config => load_config(text),
        Schema::Rule => load_rule(text),
        Schema::Facts => load_facts(text),
    }
}

/// A minimal rule, to add one key to.
const RULE: &str = "kind = \"existence\"\nmessage = \"m\"\ntokens = [\"zzq\"]\n";

/// A case of the schema matrix, `tests/fixtures/schema-cases.toml` (its header says more).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    schema: Schema,
    expect: Expect,
    /// What the schema's error (`invalid`) or the loader's (`loader-only`) mentions.
    #[serde(default)]
    at: String,
    /// Why the schema and the loader differ (`stricter`, `looser`).
    #[serde(default)]
    why: String,
    text: String,
}

/// What a case expects of the schema and of the loader.
#[derive(serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
enum Expect {
    /// Both accept.
    Valid,
    /// Both reject; the schema's errors mention `at`.
    Invalid,
    /// The schema accepts; the loader rejects for a reason no schema can see (`at`).
    LoaderOnly,
    /// The schema rejects what the loader lets through (`why`).
    Stricter,
    /// The loader rejects what the schema cannot tell (`why`).
    Looser,
}

const CASES: &str = "tests/fixtures/schema-cases.toml";

#[test]
fn schemas_accept_what_the_loaders_accept_and_reject_what_they_reject() {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Matrix {
        case: Vec<Case>,
    }
    let text = std::fs::read_to_string(root().join(CASES)).unwrap();
    let matrix: Matrix = toml::from_str(&text).unwrap_or_else(|e| panic!("{CASES}: {e}"));
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for case in &matrix.case {
        let Case {
            name,
            schema,
            expect,
            at,
            why,
            text,
        } = case;
        if !names.insert(name) {
            problems.push(format!("{name}: two cases have this name"));
        }
        let needs = match expect {
            Expect::Invalid | Expect::LoaderOnly => Some(("at", at)),
            Expect::Stricter | Expect::Looser => Some(("why", why)),
            _ => None,
        };
        if let Some((key, value)) = needs
            && value.is_empty()
        {
            problems.push(format!(
                "{name}: a case expecting {expect:?} must say `{key}`"
            ));
        }
        seen.insert((*schema, *expect));
        let value = match parse(text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{name}: not TOML: {e}"));
                continue;
            }
        };
        let errors = schema.errors(&value);
        let loaded = load(*schema, text);
        let ok = match expect {
            Expect::Valid => errors.is_empty() && loaded.is_ok(),
            Expect::Invalid => errors.iter().any(|e| e.contains(at.as_str())) && loaded.is_err(),
            Expect::LoaderOnly => {
                errors.is_empty() && loaded.as_ref().is_err_and(|e| e.contains(at.as_str()))
            }
            Expect::Stricter => !errors.is_empty() && loaded.is_ok(),
            Expect::Looser => errors.is_empty() && loaded.is_err(),
        };
        if !ok {
            problems.push(format!(
                "{name}: expected {expect:?} {at}{why}; schema {errors:?}, loader {loaded:?}\n{text}"
            ));
        }
    }
    // Not vacuous: each schema has cases both ways.
    for schema in Schema::ALL {
        for expect in [Expect::Valid, Expect::Invalid, Expect::LoaderOnly] {
            if !seen.contains(&(schema, expect)) {
                problems.push(format!("no {expect:?} case for {schema:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

// --- The schemas themselves ------------------------------------------------------------

#[test]
fn schemas_are_valid_draft_07_and_compile() {
    for schema in Schema::ALL {
        let json = schema.json();
        assert_eq!(
            json["$schema"],
            "http://json-schema.org/draft-07/schema#",
            "{}: taplo (Even Better TOML) reads drafts 4 to 7",
            schema.file()
        );
        if let Err(e) = jsonschema::meta::validate(json) {
            panic!("{} is not a valid schema: {e}", schema.file());
        }
        let _ = schema.validator();
        // Not vacuous: an array is never a TOML document.
        assert!(!schema.validator().is_valid(&json!([])));
    }
}

/// The `properties` of the object schema at `pointer` (a JSON pointer), by key.
fn properties(schema: Schema, pointer: &str) -> &'static serde_json::Map<String, Value> {
    schema
        .json()
        .pointer(pointer)
        .and_then(|s| s["properties"].as_object())
        .unwrap_or_else(|| panic!("{}: no properties at '{pointer}'", schema.file()))
}

fn keys(map: &serde_json::Map<String, Value>) -> BTreeSet<String> {
    map.keys().cloned().collect()
}

fn kind_names() -> Vec<&'static str> {
    copydesk::rule::kinds::KINDS
        .iter()
        .map(|(n, _)| *n)
        .collect()
}

/// The properties under `value` (through `definitions`, `items` and `additionalProperties`)
/// that do not say what they are: editors show the description on hover. A kind's branch
/// lists the common keys as `true`: they are described at the top.
fn undescribed(schema: Schema, at: &str, value: &Value, out: &mut Vec<String>) {
    let Some(object) = value.as_object() else {
        return;
    };
    let described = |sub: &Value| {
        sub.is_boolean()
            || sub.get("description").is_some()
            || sub["$ref"].as_str().is_some_and(|r| {
                let target = schema.json().pointer(r.trim_start_matches('#'));
                target.is_some_and(|t| t.get("description").is_some())
            })
    };
    for (key, sub) in object
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if !described(sub) {
            out.push(format!("{}: {at}/properties/{key}", schema.file()));
        }
        undescribed(schema, &format!("{at}/properties/{key}"), sub, out);
    }
    for (name, sub) in object
        .get("definitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        undescribed(schema, &format!("{at}/definitions/{name}"), sub, out);
    }
    for word in ["items", "additionalProperties"] {
        if let Some(sub) = object.get(word) {
            undescribed(schema, &format!("{at}/{word}"), sub, out);
        }
    }
}

#[test]
fn every_property_has_a_description() {
    let mut missing = Vec::new();
    for schema in Schema::ALL {
        undescribed(schema, "", schema.json(), &mut missing);
    }
    assert!(
        missing.is_empty(),
        "no description:\n{}",
        missing.join("\n")
    );
}

#[test]
fn rules_schema_has_one_branch_per_kind_and_lists_every_key_for_editors() {
    let top = properties(Schema::Rule, "");
    let names = kind_names();
    let enumerated: Vec<&str> = top["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        enumerated, names,
        "`kind` lists the kinds of KINDS, in order"
    );
    let branches: Vec<&str> = Schema::Rule.json()["allOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let kind = b["if"]["properties"]["kind"]["const"].as_str().unwrap();
            assert_eq!(b["then"]["$ref"], format!("#/definitions/{kind}"));
            kind
        })
        .collect();
    assert_eq!(branches, names, "one if/then branch per kind");
    const COMMON: [&str; 9] = [
        "kind",
        "level",
        "message",
        "description",
        "link",
        "scope",
        "examples",
        "valid-from",
        "valid-until",
    ];
    let mut union = BTreeSet::new();
    for kind in &names {
        let branch = &Schema::Rule.json()["definitions"][kind];
        assert_eq!(
            branch["additionalProperties"], false,
            "{kind}: unknown keys are errors"
        );
        let own = keys(properties(Schema::Rule, &format!("/definitions/{kind}")));
        for common in COMMON {
            assert!(own.contains(common), "{kind} lacks the common key {common}");
        }
        union.extend(own);
    }
    assert_eq!(
        keys(top),
        union,
        "the top-level properties are every kind's keys, so editors offer and describe them"
    );
}

/// The names a loader lists after "expected" in an unknown-field or unknown-variant error.
fn expected_names(error: &str) -> BTreeSet<String> {
    let Some((_, listed)) = error.split_once("expected") else {
        panic!("not an unknown-field error: {error}");
    };
    listed
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn enum_values(value: &Value) -> BTreeSet<String> {
    let values = value["enum"]
        .as_array()
        .or_else(|| value["items"]["enum"].as_array())
        .unwrap_or_else(|| panic!("no enum in {value}"));
    values
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn schemas_know_exactly_the_keys_the_loaders_know() {
    let mut problems = Vec::new();
    let mut compare = |what: String, loader: Result<(), String>, schema: BTreeSet<String>| {
        let error = loader.expect_err("an unknown key is an error");
        let listed = expected_names(&error);
        if listed != schema {
            problems.push(format!(
                "{what}: the loader knows {listed:?}, the schema {schema:?}"
            ));
        }
    };
    let config_error = toml::from_str::<copydesk::config::ConfigFile>("zzz-unknown = 1")
        .map(drop)
        .map_err(|e| e.message().to_string());
    compare(
        "copydesk.toml".into(),
        config_error,
        keys(properties(Schema::Config, "")),
    );
    for kind in kind_names() {
        compare(
            format!("rule of kind {kind}"),
            load_rule(&format!(
                "kind = \"{kind}\"\nmessage = \"m\"\nzzz-unknown = 1\n"
            )),
            keys(properties(Schema::Rule, &format!("/definitions/{kind}"))),
        );
    }
    compare(
        "rule example".into(),
        load_rule(&format!("{RULE}examples = [{{ zzz-unknown = 1 }}]\n")),
        keys(properties(Schema::Rule, "/definitions/example")),
    );
    for (section, text) in [
        ("", "zzz-unknown = 1\n"),
        ("dataset", "[[dataset]]\nzzz-unknown = 1\n"),
        ("country", "[[country]]\nzzz-unknown = 1\n"),
        ("organization", "[[organization]]\nzzz-unknown = 1\n"),
        ("title", "[[title]]\nzzz-unknown = 1\n"),
        ("person", "[[person]]\nzzz-unknown = 1\n"),
        (
            "office",
            "[[person]]\nname = \"Zed\"\n[[person.office]]\nzzz-unknown = 1\n",
        ),
    ] {
        let at = if section.is_empty() {
            String::new()
        } else {
            format!("/definitions/{section}")
        };
        compare(
            format!("fact file [[{section}]]"),
            load_facts(text),
            keys(properties(Schema::Facts, &at)),
        );
    }
    // The values of the loaders' enums.
    let rule = |kind: &str| properties(Schema::Rule, &format!("/definitions/{kind}"));
    for (what, loader, schema) in [
        (
            "level",
            load_rule(&format!("{RULE}level = \"zzz\"\n")),
            &properties(Schema::Rule, "")["level"],
        ),
        (
            "scope",
            load_rule(&format!("{RULE}scope = \"zzz\"\n")),
            &properties(Schema::Rule, "")["scope"],
        ),
        (
            "fix",
            load_rule(
                "kind = \"substitution\"\nmessage = \"m\"\nswap = { a = \"b\" }\nfix = \"zzz\"\n",
            ),
            &rule("substitution")["fix"],
        ),
        (
            "uncertain-level",
            load_rule("kind = \"dictionary\"\nmessage = \"m\"\nuncertain-level = \"zzz\"\n"),
            &rule("dictionary")["uncertain-level"],
        ),
        (
            "unknown-level",
            load_rule("kind = \"dictionary\"\nmessage = \"m\"\nunknown-level = \"zzz\"\n"),
            &rule("dictionary")["unknown-level"],
        ),
        (
            "fail-on",
            load_config("fail-on = \"zzz\"\n"),
            &properties(Schema::Config, "")["fail-on"],
        ),
    ] {
        compare(format!("values of {what}"), loader, enum_values(schema));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_key_of_every_kind_with_its_default_is_accepted() {
    // Values for the keys without a default (or whose default is not enough alone).
    let sample = |key: &str| -> Option<toml::Value> {
        let date = |d: &str| toml::Value::Datetime(d.parse().unwrap());
        Some(match key {
            "message" | "not-held-message" | "outdated-message" => "m".into(),
            "link" => "https://example.org".into(),
            "tokens" => toml::Value::Array(vec!["zzq".into()]),
            "swap" => {
                toml::Value::Table(toml::Table::from_iter([("zzq".to_string(), "zzr".into())]))
            }
            "swap-file" => "list.csv".into(),
            "groups" => {
                toml::Value::Array(vec![toml::Value::Array(vec!["aa".into(), "bb".into()])])
            }
            "ignore-case" => true.into(),
            "spell-out-below" => 10.into(),
            "valid-from" => date("2019-10-01"),
            "valid-until" => date("2020-10-01"),
            _ => return None,
        })
    };
    let mut problems = Vec::new();
    for kind in kind_names() {
        let mut table = toml::Table::new();
        for (key, property) in properties(Schema::Rule, &format!("/definitions/{kind}")) {
            let top = properties(Schema::Rule, "").get(key);
            let default = property
                .get("default")
                .or(top.and_then(|t| t.get("default")));
            let value = match (sample(key), default) {
                _ if key == "kind" => kind.into(),
                (Some(v), _) => v,
                (None, Some(default)) => toml::Value::try_from(default).unwrap(),
                (None, None) => {
                    problems.push(format!("{kind}.{key}: no default and no sample"));
                    continue;
                }
            };
            table.insert(key.clone(), value);
        }
        let text = toml::to_string(&table).unwrap();
        let errors = Schema::Rule.errors(&to_json(toml::Value::Table(table)));
        let loaded = load_rule(&text);
        if !errors.is_empty() || loaded.is_err() {
            problems.push(format!(
                "{kind}: schema {errors:?}, loader {loaded:?}\n{text}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn default_level_and_scope_of_each_kind_are_the_loaders() {
    let minimal = |kind: &str| {
        let extra = match kind {
            "existence" => "tokens = [\"zzq\"]\n",
            "substitution" => "swap = { zzq = \"zzr\" }\n",
            "consistency" => "groups = [[\"aa\", \"bb\"]]\n",
            "office-title" => "not-held-message = \"n\"\noutdated-message = \"o\"\n",
            _ => "",
        };
        format!("kind = \"{kind}\"\nmessage = \"m\"\n{extra}")
    };
    let mut problems = Vec::new();
    for kind in kind_names() {
        let text = minimal(kind);
        let errors = Schema::Rule.errors(&parse(&text).unwrap());
        assert!(errors.is_empty(), "{kind}: {errors:?}");
        let file = RuleFile {
            id: "test/rule".to_string(),
            path: "test/rule.toml".to_string(),
            text: Arc::from(text.as_str()),
            dir: None,
        };
        let rules = RuleSet::compile(
            &[file],
            Arc::new(Facts::default()),
            &copydesk::lexicon::Vocabulary::default(),
            &Selection::default(),
        )
        .unwrap_or_else(|e| panic!("{kind}: {}", messages(&e)));
        let meta = serde_json::to_value(rules.rules().next().unwrap()).unwrap();
        let branch = properties(Schema::Rule, &format!("/definitions/{kind}"));
        let top = properties(Schema::Rule, "");
        for (key, schema_default) in [
            ("scope", &branch["scope"]["default"]),
            ("level", &top["level"]["default"]),
        ] {
            if &meta[key] != schema_default {
                problems.push(format!(
                    "{kind}: the loader's default {key} is {}, the schema says {schema_default}",
                    meta[key]
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
