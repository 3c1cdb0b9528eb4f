//! copydesk: an editorial fact-check and style linter for news copy.
//!
//! The pipeline is visible in the module list: [`walk`] and [`document`] turn
//! input into a [`document::Document`]; [`pack`] compiles TOML rule packs and the
//! [`facts`] knowledge base into a [`pack::RuleSet`]; [`engine`] runs the rule set
//! over a document and yields [`finding::Finding`]s; [`render`] prints them.
//! Nothing below `rule/` or `facts/` prints or touches the disk.
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod error;
pub mod facts;
pub mod finding;
pub mod fix;
pub mod lexicon;
pub mod matcher;
pub mod pack;
pub mod render;
pub mod rule;
pub mod walk;
