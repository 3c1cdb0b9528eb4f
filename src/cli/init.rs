//! `copydesk init`: a commented starter `copydesk.toml`.

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::FILE_NAME;

/// The starter configuration: every key, commented, with what it does.
pub const STARTER: &str = r#"# copydesk configuration. Every key is optional; paths are relative to this file.
# Rule ids: `copydesk rules`. What a rule does: `copydesk explain RULE-ID`.

# Extra rule packs: folders of rule files (the folder name is the pack name).
# packs = ["style/house"]

# Extra facts: fact files or folders that extend the built-in knowledge base
# (people, offices, countries, titles).
# facts = ["facts/"]

# Vocabulary folders (Vale's convention): accept.txt lists words the spelling rules must
# never flag, reject.txt words this desk never prints (spelling/rejected-words).
# vocabulary = ["vocab/"]

# Turn rules or whole packs off, or back on (the more specific entry wins).
# disable = ["style/redundancy"]
# enable = []

# Files to check when a folder is given (default: *.txt, *.md, *.markdown), and to skip.
# include = ["stories/**/*.md"]
# exclude = ["drafts/**"]

# Lowest level that makes `copydesk check` exit 1: "error" (default), "warning" or "info".
# fail-on = "error"

# Year of datelines that give only month and day ("MOSCOW, February 13. /TASS/.").
# year = 2024

# Level per rule or pack.
# [levels]
# "style/spelling-variety" = "error"
"#;

pub(super) fn run() -> u8 {
    let path = std::path::Path::new(FILE_NAME);
    // Atomic, never over an existing file, and never through a link to a
    // file outside this folder.
    let options = crate::writer::WriteOptions {
        force: false,
        within: Some(std::path::Path::new(".")),
    };
    match crate::writer::write_file(path, crate::writer::Expect::Absent, STARTER, options) {
        Ok(()) => {
            eprintln!("wrote {FILE_NAME}; edit it, then run `copydesk check`");
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("copydesk: error: {e}");
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn starter_config_parses_and_uncommented_keys_are_valid() {
        let parsed: crate::config::ConfigFile = toml::from_str(super::STARTER).unwrap();
        assert!(parsed.packs.is_empty());
        let uncommented: String = super::STARTER
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = ") || r.starts_with('['))
                    .unwrap_or("")
            })
            .filter(|l| !l.starts_with("Rule ids"))
            .collect::<Vec<_>>()
            .join("\n");
        let all: crate::config::ConfigFile =
            toml::from_str(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(all.packs.len(), 1);
        assert_eq!(all.year.map(|y| *y.get_ref()), Some(2024));
    }
}
