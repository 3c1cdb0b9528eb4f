//! Embeds the built-in rule packs and compiles the dictionary.
//!
//! Every `rules/**/*.toml` and `*.csv` (word lists) file is listed in `$OUT_DIR/builtin_rules.rs` as a
//! `(relative path, contents)` pair for `include_str!`, and the word list in
//! `data/dictionary/` becomes an `fst` set in `$OUT_DIR/dictionary.fst`; the spelling error
//! model (`data/spelling/edit-model.tsv`) becomes an array literal in `$OUT_DIR/edit_model.rs`,
//! its string edits (`data/spelling/string-edits.tsv`) a sorted binary table.
//!
//! The knowledge base (`rules/facts/kb/*.toml`) is also written as JSON, listed in
//! `BUILTIN_FACTS_JSON`: the same tables, read at start-up several times faster than the
//! TOML (the TOML stays the source, and what `copydesk facts` and the tests read).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

include!("src/lexicon/phonetic.rs");

#[allow(dead_code)]
mod word_table {
    include!("src/word_table.rs");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml" || e == "csv") {
            out.push(p);
        }
    }
}

/// Writes `bytes`, made from the built-in file `rel`, into `dir` with extension `ext`,
/// and lists it in `src` as `(rel, include_macro!(file))`.
fn derived(src: &mut String, dir: &Path, rel: &Path, ext: &str, bytes: &[u8], include_macro: &str) {
    let out = dir.join(rel.to_string_lossy().replace(['/', '\\'], "_") + "." + ext);
    fs::write(&out, bytes).unwrap_or_else(|e| panic!("write {}: {e}", out.display()));
    let rel = rel.to_string_lossy().replace('\\', "/");
    src.push_str(&format!(
        "    ({rel:?}, {include_macro}!({:?})),\n",
        out.display().to_string()
    ));
}

/// A people file with fewer people than twice this is read in one part.
const PEOPLE_PER_PART_AT_LEAST: usize = 500;

/// A TOML value as JSON; dates become the strings they were written as (the fact
/// files read a date from a string or a TOML date alike).
fn to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(to_json).collect(),
        toml::Value::Table(t) => t
            .into_iter()
            .map(|(k, v)| (k, to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

/// The fields of a person and of an office in the order `facts::Person` and
/// `facts::Office` declare them: their JSON form is an array in that order, which serde
/// reads as it reads the table (`visit_seq`) without matching 50,000 keys by name. The
/// test `issue_10_built_in_files_load_from_their_json_form_as_from_their_toml` compares
/// the two forms.
const PERSON_FIELDS: &[&str] = &["name", "aliases", "surname", "wikidata", "office"];
const OFFICE_FIELDS: &[&str] = &["title", "country", "from", "to", "as-of", "source", "ref"];

/// `table` as an array of its `fields` in order, absent ones as `null` (an absent list
/// as `[]`); a key not in `fields` stops the build, since it would be lost.
fn as_array(table: &serde_json::Value, fields: &[&str], file: &Path) -> serde_json::Value {
    let map = table.as_object().expect("a table");
    if let Some(k) = map.keys().find(|k| !fields.contains(&k.as_str())) {
        panic!(
            "{}: key '{k}' is not one build.rs knows; add it to PERSON_FIELDS or OFFICE_FIELDS in the order of the struct",
            file.display()
        );
    }
    fields
        .iter()
        .map(|&k| match map.get(k) {
            Some(v) => v.clone(),
            None if matches!(k, "aliases" | "office") => serde_json::Value::Array(Vec::new()),
            None => serde_json::Value::Null,
        })
        .collect()
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));

    let rules = root.join("rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut src = String::from(
        "/// Built-in rule and fact files: (path under rules/, contents).\npub static BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&rules)
            .expect("under rules/")
            .to_string_lossy()
            .replace('\\', "/");
        src.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    src.push_str("];\n");
    src.push_str(
        "/// The knowledge-base files of `BUILTIN_FILES` as JSON: (path under rules/, JSON\n/// documents: the first has the file's tables, any others more of its people).\npub static BUILTIN_FACTS_JSON: &[(&str, &[&str])] = &[\n",
    );
    let kb_json = out_dir.join("kb-json");
    fs::create_dir_all(&kb_json).expect("make kb-json");
    // The names of the built-in people and the other names of the built-in countries, as
    // `Facts` keeps them (a later entry with the same key replaces an earlier one), and
    // the files they come from.
    let mut people: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut places: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let (mut people_from, mut places_from) = (Vec::new(), Vec::new());
    for f in &files {
        let rel = f.strip_prefix(&rules).expect("under rules/");
        if !rel.starts_with("facts/kb") || f.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("read {}: {e}", f.display()));
        let table: toml::Table = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", f.display()));
        let mut json = to_json(toml::Value::Table(table));
        let rel_path = rel.to_string_lossy().replace('\\', "/");
        let strings = |v: &serde_json::Value, keys: &[&str]| -> Vec<String> {
            keys.iter()
                .filter_map(|k| v.get(k))
                .flat_map(|x| match x {
                    serde_json::Value::Array(a) => a.clone(),
                    other => vec![other.clone()],
                })
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        };
        if let Some(list) = json.get("person").and_then(|p| p.as_array()) {
            people_from.push(rel_path.clone());
            for p in list {
                let name = p["name"].as_str().expect("a person has a name").to_string();
                people.insert(name, strings(p, &["name", "aliases"]));
            }
        }
        let mut places_here = false;
        for section in ["country", "organization"] {
            for c in json
                .get(section)
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
            {
                places_here = true;
                let code = c["code"]
                    .as_str()
                    .expect("a country has a code")
                    .to_string();
                places.insert(code, strings(c, &["official", "aliases", "native"]));
            }
        }
        if places_here {
            places_from.push(rel_path);
        }
        if let Some(people) = json.get_mut("person").and_then(|p| p.as_array_mut()) {
            for person in people.iter_mut() {
                *person = as_array(person, PERSON_FIELDS, f);
                if let Some(offices) = person[4].as_array_mut() {
                    for office in offices.iter_mut() {
                        *office = as_array(office, OFFICE_FIELDS, f);
                    }
                }
            }
        }
        // The people in parts of about equal size, each its own JSON document, so two
        // threads read them at once (`facts::parse_fact_file`): the people file is most
        // of start-up's reading.
        let mut parts = vec![json];
        if let Some(people) = parts[0].get_mut("person").and_then(|p| p.as_array_mut())
            && people.len() >= 2 * PEOPLE_PER_PART_AT_LEAST
        {
            let rest = people.split_off(people.len() / 2);
            parts.push(serde_json::json!({ "person": rest }));
        }
        let base = rel.to_string_lossy().replace(['/', '\\'], "_");
        let rel_name = rel.to_string_lossy().replace('\\', "/");
        src.push_str(&format!("    ({rel_name:?}, &["));
        for (i, part) in parts.iter().enumerate() {
            let out = kb_json.join(format!("{base}.{i}.json"));
            let text = serde_json::to_string(part).expect("JSON");
            fs::write(&out, text).unwrap_or_else(|e| panic!("write {}: {e}", out.display()));
            src.push_str(&format!("include_str!({:?}), ", out.display().to_string()));
        }
        src.push_str("]),\n");
    }
    src.push_str("];\n");
    for (name, names, from) in [
        ("PERSON", people, people_from),
        ("PLACE", places, places_from),
    ] {
        // As `facts::name_words` splits and lowers them.
        let words: BTreeSet<String> = names
            .values()
            .flatten()
            .flat_map(|n| n.split([' ', '-']))
            .map(str::to_lowercase)
            .collect();
        let set = fst::Set::from_iter(words).expect("BTreeSet is sorted and unique");
        let file = out_dir.join(format!("{}-words.fst", name.to_lowercase()));
        fs::write(&file, set.as_fst().as_bytes()).expect("write a name-word set");
        src.push_str(&format!(
            "/// The words of the built-in {} names, as `facts::name_words` makes them, and the files they come from.\npub static BUILTIN_{name}_WORDS: (&[u8], &[&str]) = (include_bytes!({:?}), &{from:?});\n",
            name.to_lowercase(),
            file.display().to_string()
        ));
    }
    src.push_str(
        "/// The word lists of `BUILTIN_FILES` compiled into word tables (see word_table.rs): (path under rules/, table).\npub static BUILTIN_WORD_TABLES: &[(&str, &[u8])] = &[\n",
    );
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "csv"))
    {
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("read {}: {e}", f.display()));
        let Some(table) = word_table::swap_pairs(&text)
            .ok()
            .and_then(|p| word_table::build_word_table(&p))
        else {
            continue;
        };
        let rel = f.strip_prefix(&rules).expect("under rules/");
        derived(&mut src, &out_dir, rel, "table", &table, "include_bytes");
    }
    src.push_str("];\n");
    fs::write(out_dir.join("builtin_rules.rs"), src).expect("write builtin_rules.rs");

    println!("cargo:rerun-if-changed=src/lexicon/phonetic.rs");
    let words_dir = root.join("data/dictionary");
    println!("cargo:rerun-if-changed={}", words_dir.display());
    let mut words = BTreeSet::new();
    for name in ["en-words.txt"] {
        let p = words_dir.join(name);
        println!("cargo:rerun-if-changed={}", p.display());
        let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        for w in text
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
        {
            words.insert(w.to_string());
        }
    }
    let set = fst::Set::from_iter(words).expect("BTreeSet is sorted and unique");
    fs::write(out_dir.join("dictionary.fst"), set.as_fst().as_bytes())
        .expect("write dictionary.fst");

    // The spelling dictionary: lower-cased word -> frequency, class and case (see
    // src/lexicon/spell.rs for the encoding).
    let mut spelling: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for (name, fixed_class) in [("spelling-words.txt", None), ("news-words.txt", Some(3))] {
        let p = words_dir.join(name);
        println!("cargo:rerun-if-changed={}", p.display());
        let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            // "word", or "word<TAB>class<TAB>frequency".
            let mut fields = line.split('\t');
            let word = fields.next().expect("split yields one field");
            let mut number = |what: &str| -> u64 {
                fields.next().map_or(0, |n| {
                    n.parse()
                        .unwrap_or_else(|e| panic!("{name}: bad {what} in {line:?}: {e}"))
                })
            };
            let class = fixed_class.unwrap_or_else(|| number("class"));
            let frequency = number("frequency");
            let lower = word.to_lowercase();
            // 0: written in lower case; 1: capitalized ("America"); 2: other ("NATO", "iPhone").
            let case = if word == lower {
                0
            } else if word.chars().skip(1).collect::<String>()
                == lower.chars().skip(1).collect::<String>()
            {
                1
            } else {
                2
            };
            // Bits 0-1: case; 2-4: class; 8-15: frequency (4 x log10 of a word count).
            let value = frequency << 8 | class << 2 | case;
            spelling
                .entry(lower)
                .and_modify(|v| {
                    let (old_class, old_case, old_frequency) = (*v >> 2 & 7, *v & 3, *v >> 8);
                    *v = old_frequency.max(frequency) << 8
                        | old_class.min(class) << 2
                        | old_case.min(case);
                })
                .or_insert(value);
        }
    }
    // Words that may be suggested, grouped by how they sound (see src/lexicon/phonetic.rs):
    // a map from each key to its group in a table of records, each the word's value (two
    // bytes, little-endian), its length (a byte) and the word, so the words of a key are
    // read off in a row, values and all, with no search.
    let mut sounds: Vec<(String, &str, u64)> = spelling
        .iter()
        .filter(|(_, v)| (*v >> 2 & 7) <= 2 && (*v & 3) < 2)
        .map(|(w, v)| (sounds_like(w), w.as_str(), *v))
        .collect();
    sounds.sort_unstable();
    let mut keys: Vec<(String, u64)> = Vec::new();
    let mut records: Vec<u8> = Vec::new();
    for (key, word, value) in &sounds {
        let value = u16::try_from(*value).expect("a dictionary value fits in two bytes");
        let len = u8::try_from(word.len()).expect("a suggestible word is under 256 bytes");
        match keys.last_mut() {
            Some((last, group)) if last == key => *group += 1,
            _ => keys.push((key.clone(), (records.len() as u64) << 16 | 1)),
        }
        assert!(
            keys.last().is_some_and(|(_, g)| g & 0xFFFF != 0),
            "a group under 65,536 words"
        );
        records.extend(value.to_le_bytes());
        records.push(len);
        records.extend(word.as_bytes());
    }
    let map = fst::Map::from_iter(keys).expect("sorted and unique");
    fs::write(out_dir.join("sound_keys.fst"), map.as_fst().as_bytes())
        .expect("write sound_keys.fst");
    fs::write(out_dir.join("sound_words.bin"), records).expect("write sound_words.bin");
    // The same words with their values: the smaller map suggestions are searched in.
    let suggestible = fst::Map::from_iter(
        spelling
            .iter()
            .filter(|(_, v)| (*v >> 2 & 7) <= 2 && (*v & 3) < 2)
            .map(|(w, v)| (w.as_str(), *v)),
    )
    .expect("BTreeMap is sorted and unique");
    fs::write(
        out_dir.join("suggestible.fst"),
        suggestible.as_fst().as_bytes(),
    )
    .expect("write suggestible.fst");
    let map = fst::Map::from_iter(spelling).expect("BTreeMap is sorted and unique");
    fs::write(out_dir.join("spelling.fst"), map.as_fst().as_bytes()).expect("write spelling.fst");

    // The spelling error model (scripts/build-edit-model.py): its four tables of
    // -ln p as one Rust array literal, sub, del, ins, tr, each indexed [from * 28 + to].
    let model = root.join("data/spelling/edit-model.tsv");
    println!("cargo:rerun-if-changed={}", model.display());
    let text =
        fs::read_to_string(&model).unwrap_or_else(|e| panic!("read {}: {e}", model.display()));
    const SYMBOLS: &str = "^abcdefghijklmnopqrstuvwxyz?";
    let symbol = |s: &str| {
        SYMBOLS
            .find(s)
            .filter(|_| s.len() == 1)
            .unwrap_or_else(|| panic!("edit-model.tsv: bad symbol {s:?}"))
    };
    let mut tables = vec![vec![f32::NAN; 28 * 28]; 4];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "edit-model.tsv: bad line {line:?}");
        let table = ["sub", "del", "ins", "tr"]
            .iter()
            .position(|k| *k == f[0])
            .unwrap_or_else(|| panic!("edit-model.tsv: bad kind in {line:?}"));
        let cost: f32 = f[4]
            .parse()
            .unwrap_or_else(|e| panic!("edit-model.tsv: bad cost in {line:?}: {e}"));
        tables[table][symbol(f[1]) * 28 + symbol(f[2])] = cost;
    }
    let mut src = String::from("[");
    for t in &tables {
        assert!(
            t.iter().all(|c| c.is_finite()),
            "edit-model.tsv: a cell is missing"
        );
        src.push_str(&format!("{t:?},"));
    }
    src.push(']');
    fs::write(out_dir.join("edit_model.rs"), src).expect("write edit_model.rs");

    // Edits of strings (scripts/build-edit-model.py): each rule as a little-endian u64
    // key (see `string_edit_key` in src/lexicon/spell.rs) and its cost as an f32, sorted
    // by key.
    let strings = root.join("data/spelling/string-edits.tsv");
    println!("cargo:rerun-if-changed={}", strings.display());
    let text =
        fs::read_to_string(&strings).unwrap_or_else(|e| panic!("read {}: {e}", strings.display()));
    let mut rules: Vec<(u64, f32)> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 4, "string-edits.tsv: bad line {line:?}");
        let ok = |s: &str| {
            s.len() <= 3
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'^' || b == b'$')
        };
        assert!(
            ok(f[0]) && ok(f[1]),
            "string-edits.tsv: bad strings in {line:?}"
        );
        let cost: f32 = f[3]
            .parse()
            .unwrap_or_else(|e| panic!("string-edits.tsv: bad cost in {line:?}: {e}"));
        let key = f[0]
            .bytes()
            .chain([0xFF])
            .chain(f[1].bytes())
            .fold(0u64, |k, b| k << 8 | u64::from(b));
        rules.push((key, cost));
    }
    rules.sort_by_key(|r| r.0);
    let mut bin = Vec::with_capacity(rules.len() * 12);
    for (key, cost) in rules {
        bin.extend_from_slice(&key.to_le_bytes());
        bin.extend_from_slice(&cost.to_le_bytes());
    }
    fs::write(out_dir.join("string_edits.bin"), bin).expect("write string_edits.bin");

    // How sounds are spelt (scripts/build-pronunciations.py): each (phone, letters) as the
    // phone's code, the letters' length and up to four letters, then -ln p as an f32.
    let spellings = root.join("data/spelling/phone-spellings.tsv");
    println!("cargo:rerun-if-changed={}", spellings.display());
    let text = fs::read_to_string(&spellings)
        .unwrap_or_else(|e| panic!("read {}: {e}", spellings.display()));
    let mut bin = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 3, "phone-spellings.tsv: bad line {line:?}");
        let code = phone_code(f[0])
            .unwrap_or_else(|| panic!("phone-spellings.tsv: unknown phone in {line:?}"));
        assert!(
            f[1].len() <= 4 && f[1].bytes().all(|b| b.is_ascii_lowercase()),
            "phone-spellings.tsv: bad letters in {line:?}"
        );
        let cost: f32 = f[2]
            .parse()
            .unwrap_or_else(|e| panic!("phone-spellings.tsv: bad cost in {line:?}: {e}"));
        let mut letters = [0u8; 4];
        letters[..f[1].len()].copy_from_slice(f[1].as_bytes());
        bin.push(code);
        bin.push(f[1].len() as u8);
        bin.extend_from_slice(&letters);
        bin.extend_from_slice(&cost.to_le_bytes());
    }
    fs::write(out_dir.join("phone_spellings.bin"), bin).expect("write phone_spellings.bin");

    // The dictionary words' pronunciations (the same script), as "word\0codes" in an fst
    // set: a word's pronunciations are the keys that start with it and a 0.
    let prons = root.join("data/spelling/pronunciations.txt");
    println!("cargo:rerun-if-changed={}", prons.display());
    let text =
        fs::read_to_string(&prons).unwrap_or_else(|e| panic!("read {}: {e}", prons.display()));
    let mut keys = BTreeSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (word, phones) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("pronunciations.txt: bad line {line:?}"));
        let mut key = word.as_bytes().to_vec();
        key.push(0);
        for p in phones.split(' ') {
            key.push(
                phone_code(p)
                    .unwrap_or_else(|| panic!("pronunciations.txt: unknown phone in {line:?}")),
            );
        }
        keys.insert(key);
    }
    let set = fst::Set::from_iter(keys).expect("BTreeSet is sorted and unique");
    fs::write(out_dir.join("pronunciations.fst"), set.as_fst().as_bytes())
        .expect("write pronunciations.fst");

    // The lexicon of proper nouns: one fst set per list.
    let lexicon = root.join("data/lexicon");
    println!("cargo:rerun-if-changed={}", lexicon.display());
    for name in ["places", "surnames", "given-names", "organizations"] {
        let p = lexicon.join(format!("{name}.txt"));
        println!("cargo:rerun-if-changed={}", p.display());
        let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        let names: BTreeSet<&str> = text
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .collect();
        let set = fst::Set::from_iter(names).expect("BTreeSet is sorted and unique");
        fs::write(out_dir.join(format!("{name}.fst")), set.as_fst().as_bytes())
            .unwrap_or_else(|e| panic!("write {name}.fst: {e}"));
    }
}
