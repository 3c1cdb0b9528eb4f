// Word lists compiled at build time: shared by the library and `build.rs` (which
// `include!`s this file, so keep it free of crate paths). See the module documentation
// in lib.rs.

/// The hash every word table uses, at build time and at run time alike (FNV-1a, 64
/// bits: the same on every platform, unlike hashers that work in machine words).
pub fn word_hash(word: &str) -> u64 {
    fnv1a(word.bytes())
}

/// FNV-1a, 64 bits, of `bytes`: [`word_hash`] of a word given byte by byte (the matcher
/// hashes phrases in ASCII lower case this way, without lowering a copy).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The `wrong,right` pairs of a swap-file, one a line, both sides trimmed; blank lines
/// and `#` comments are skipped. `Err` is the byte range of the first line that is not
/// such a pair. The one reader of the format: `substitution` reads a list with it at run
/// time, `build.rs` when it compiles a built-in one.
pub fn swap_pairs(text: &str) -> Result<Vec<(&str, &str)>, std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        if !content.trim().is_empty() && !content.trim_start().starts_with('#') {
            let pair = content
                .split_once(',')
                .map(|(w, r)| (w.trim(), r.trim()))
                .filter(|(w, r)| !w.is_empty() && !r.is_empty() && !r.contains(','));
            out.push(pair.ok_or(offset..offset + content.len())?);
        }
        offset += line.len();
    }
    Ok(out)
}

/// True when `word` may go into a compiled table: lower-case ASCII letters and digits,
/// with single apostrophes inside ("don't"). Such a word is one word token of a
/// document and its own lookup key, so the table needs no case folding.
pub fn tabulable(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b[0] != b'\''
        && b[b.len() - 1] != b'\''
        && !word.contains("''")
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'\'')
}

/// Builds the table of `entries` (key, replacement); keys must be [`tabulable`] and
/// distinct. Returns `None` when one is not.
pub fn build_word_table(entries: &[(&str, &str)]) -> Option<Vec<u8>> {
    let n = entries.len();
    let slots = (2 * n).next_power_of_two().max(2);
    let mut slot = vec![0u32; slots];
    let (mut keys, mut replacements) = (String::new(), String::new());
    let mut records = Vec::with_capacity(4 * n);
    let mut seen = std::collections::HashSet::new();
    for (i, (key, replacement)) in entries.iter().enumerate() {
        if !tabulable(key) || !seen.insert(*key) {
            return None;
        }
        let mut at = (word_hash(key) as usize) & (slots - 1);
        while slot[at] != 0 {
            at = (at + 1) & (slots - 1);
        }
        slot[at] = slot_value(i, word_hash(key))?;
        let key_start = keys.len();
        keys.push_str(key);
        let replacement_start = replacements.len();
        replacements.push_str(replacement);
        for x in [key_start, keys.len(), replacement_start, replacements.len()] {
            records.push(u32::try_from(x).ok()?);
        }
    }
    let mut out = Vec::new();
    let header = [n, slots, keys.len(), replacements.len()];
    for x in header.into_iter().map(u32::try_from) {
        out.extend(x.ok()?.to_le_bytes());
    }
    for x in slot.into_iter().chain(records) {
        out.extend(x.to_le_bytes());
    }
    out.extend(keys.as_bytes());
    out.extend(replacements.as_bytes());
    Some(out)
}

/// Entries a table may hold: a slot keeps the entry's index in its low bits.
const MAX_ENTRIES: usize = (1 << 22) - 1;

/// A slot's value: entry `i` + 1 in the low 22 bits, the top 10 bits of the key's hash
/// above them, so most probes that meet another key skip comparing it.
fn slot_value(i: usize, hash: u64) -> Option<u32> {
    (i < MAX_ENTRIES).then(|| (i as u32 + 1) | ((hash >> 54) as u32) << 22)
}

/// A compiled word table, read in place.
#[derive(Debug, Clone, Copy)]
pub struct WordTable {
    slots: &'static [u8],
    entries: &'static [u8],
    keys: &'static str,
    replacements: &'static str,
}

fn number(bytes: &[u8], i: usize) -> usize {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
}

impl WordTable {
    /// Reads a table [`build_word_table`] made.
    ///
    /// # Panics
    /// When `bytes` is not such a table (a build bug, caught by the tests).
    pub fn new(bytes: &'static [u8]) -> WordTable {
        let (n, slots, keys, replacements) = (
            number(bytes, 0),
            number(bytes, 1),
            number(bytes, 2),
            number(bytes, 3),
        );
        let (slots_at, entries_at) = (16, 16 + 4 * slots);
        let keys_at = entries_at + 16 * n;
        let text = |from: usize, len: usize| {
            std::str::from_utf8(&bytes[from..from + len]).expect("build.rs writes UTF-8 keys")
        };
        assert_eq!(
            bytes.len(),
            keys_at + keys + replacements,
            "word table size"
        );
        WordTable {
            slots: &bytes[slots_at..entries_at],
            entries: &bytes[entries_at..keys_at],
            keys: text(keys_at, keys),
            replacements: text(keys_at + keys, replacements),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len() / 16
    }

    /// True when the table has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The index of the entry whose key is `key`, whose [`word_hash`] is `hash`.
    pub fn get(&self, key: &str, hash: u64) -> Option<u32> {
        let mask = self.slots.len() / 4 - 1;
        let tag = (hash >> 54) as usize;
        let mut at = (hash as usize) & mask;
        loop {
            let slot = number(self.slots, at);
            let entry = (slot & MAX_ENTRIES).checked_sub(1)?;
            if slot >> 22 == tag {
                let (start, end) = (
                    number(self.entries, 4 * entry),
                    number(self.entries, 4 * entry + 1),
                );
                if &self.keys[start..end] == key {
                    return u32::try_from(entry).ok();
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The replacement of entry `i`.
    pub fn replacement(&self, i: u32) -> &'static str {
        let i = 4 * i as usize;
        &self.replacements[number(self.entries, i + 2)..number(self.entries, i + 3)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(entries: &[(&str, &str)]) -> WordTable {
        let bytes = build_word_table(entries).expect("tabulable, distinct keys");
        WordTable::new(Box::leak(bytes.into_boxed_slice()))
    }

    #[test]
    fn finds_every_key_and_nothing_else() {
        let words: Vec<(String, String)> = (0..5_000)
            .map(|i| (format!("w{i}x"), format!("right{i}")))
            .collect();
        let entries: Vec<(&str, &str)> = words
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let t = table(&entries);
        assert_eq!(t.len(), 5_000);
        for (i, (k, v)) in entries.iter().enumerate() {
            assert_eq!(t.get(k, word_hash(k)), Some(i as u32));
            assert_eq!(t.replacement(i as u32), *v);
        }
        for miss in ["w5000x", "w1", "", "right1", "W1X"] {
            assert_eq!(t.get(miss, word_hash(miss)), None, "{miss}");
        }
        assert!(table(&[]).get("a", word_hash("a")).is_none());
    }

    #[test]
    fn only_distinct_lower_case_single_words_are_tabulated() {
        assert!(build_word_table(&[("teh", "the"), ("don't", "do not")]).is_some());
        for bad in ["Teh", "per cent", "'tis", "rock''n", "caf\u{e9}", ""] {
            assert!(build_word_table(&[(bad, "x")]).is_none(), "{bad:?}");
        }
        assert!(build_word_table(&[("teh", "the"), ("teh", "tea")]).is_none());
    }

    #[test]
    fn swap_files_are_read_line_by_line_and_a_bad_line_is_located() {
        let text = "# comment\r\n teh , the \r\n\n  # indented comment\nrecieve,receive";
        assert_eq!(
            swap_pairs(text),
            Ok(vec![("teh", "the"), ("recieve", "receive")])
        );
        for bad in ["teh,the\nno comma here\n", "teh,the\n,the\n", "a,b,c\n"] {
            let line = swap_pairs(bad).expect_err(bad);
            let first_bad = bad.lines().position(|l| !l.starts_with("teh")).unwrap();
            assert_eq!(&bad[line], bad.lines().nth(first_bad).unwrap(), "{bad:?}");
        }
    }

    #[test]
    fn the_hash_is_fixed() {
        // build.rs and the library must agree on every platform: FNV-1a's published value.
        assert_eq!(word_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(word_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
