//! copydesk: an editorial fact-check and style linter for news copy.
//!
//! The pipeline is visible in the module list: [`walk`] and [`document`] turn
//! input into a [`document::Document`]; [`pack`] compiles TOML rule packs and the
//! [`facts`] knowledge base into a [`pack::RuleSet`]; [`engine`] runs the rule set
//! over a document and yields [`finding::Finding`]s; [`render`] prints them.
//! Nothing below `rule/` or `facts/` prints or touches the disk, and the library
//! never reads the clock: a caller dates each document
//! ([`document::Document::resolve_date`], with its own "today"); a document nobody
//! dated has an unknown date, and the checks that need one stay silent.
//!
//! ```
//! use copydesk::document::{DocKind, Document};
//! use copydesk::pack::RuleSet;
//!
//! let rules = RuleSet::builtin().expect("built-in packs compile");
//! let doc = Document::new("The top Rusian diplomat said.".to_string(), DocKind::Text);
//! let findings = rules.check(&doc);
//! assert_eq!(findings[0].rule, "facts/entity-spelling");
//! assert_eq!(&doc.text[findings[0].span.clone()], "Rusian");
//! assert_eq!(findings[0].fix.as_ref().unwrap().edits[0].replacement, "Russian");
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod error;
pub mod examples;
pub mod facts;
pub mod finding;
pub mod fix;
pub mod ignore;
pub mod lexicon;
pub mod lsp;
pub mod matcher;
pub mod pack;
pub mod pattern;
pub mod render;
pub mod rule;
pub mod suppress;
pub mod walk;
/// Word lists compiled at build time: a hash table in bytes, read where it lies.
///
/// The built-in list of known misspellings has about 80,000 entries. Reading its CSV and
/// hashing every entry at each start took longer than checking a story, so `build.rs`
/// turns a built-in `swap-file` whose entries are all lower-case single words into this
/// form (the file is included by `build.rs` as well as compiled into the crate: both
/// sides share the hash and the layout). Looking a word up costs one hash and a probe or
/// two, like the hash maps that hold the other rules' words.
///
/// Layout, every number a little-endian `u32`: the entry count `n`, the slot count `s`
/// (a power of two, at least twice `n`), the byte lengths of the keys and of the
/// replacements; `s` slots (0 for an empty one, else the entry's index + 1 in the low 22
/// bits and the top 10 bits of the key's hash above them; linear probing); `n`
/// entries of four numbers (key start, key end, replacement start, replacement end);
/// then the keys and the replacements, end to end.
pub mod word_table;
pub mod writer;
