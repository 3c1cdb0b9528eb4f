//! The keys of an `fst` within one or two edits of a word, found by following the word.
//!
//! A search with a Levenshtein automaton steps the automaton over every transition of
//! every node it reaches, and it reaches thousands: every prefix within the edits of a
//! prefix of the word; building the automaton for two edits costs as much again. Here
//! the word is followed through the fst, and at each of its characters the walk branches
//! (the character left out, swapped with the next, replaced by or preceded by each
//! character the fst has there), each branch following the rest of the word with one
//! edit fewer. The keys are the same (the edits are those of a Levenshtein automaton
//! with transpositions, which the tests compare). On the unknown words of news copy the
//! one-edit walk takes a fifth of the automaton's time, and the two-edit walk (same
//! first character) about as long as the automaton's search without its building.

use fst::raw::{Fst, Node, Output};

/// A place in an fst: a node and the output on the way to it.
type At<'f> = (Node<'f>, Output);

/// Calls `found` with each key of `fst` within one edit of `word`, and its value: a
/// character left out, added or replaced, or two adjacent characters swapped, or `word`
/// itself. Characters are Unicode scalar values, as the automaton counts them. Each key
/// comes once.
pub fn within_one_edit<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    word: &str,
    found: &mut dyn FnMut(&[u8], u64),
) {
    Walk::new(fst, None, found).walk((fst.root(), Output::zero()), word, 1);
}

/// Calls `found` with each key of `fst` within two edits of `word` (as
/// [`within_one_edit`] counts them) that begins with the same character, and its value;
/// some keys more than once.
pub fn within_two_edits_same_start<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    word: &str,
    found: &mut dyn FnMut(&[u8], u64),
) {
    let first = word.chars().next();
    Walk::new(fst, first, found).walk((fst.root(), Output::zero()), word, 2);
}

/// A walk of an fst along a word.
struct Walk<'f, 'c, D> {
    fst: &'f Fst<D>,
    /// The key read so far.
    key: Vec<u8>,
    /// The character every key found must begin with, if any.
    first: Option<char>,
    /// Room for the characters of the rest of the word at each number of edits left,
    /// used again at every step.
    chars: [Vec<(usize, char)>; 3],
    found: &'c mut dyn FnMut(&[u8], u64),
}

impl<'f, 'c, D: AsRef<[u8]>> Walk<'f, 'c, D> {
    fn new(fst: &'f Fst<D>, first: Option<char>, found: &'c mut dyn FnMut(&[u8], u64)) -> Self {
        Walk {
            fst,
            key: Vec::with_capacity(32),
            first,
            chars: Default::default(),
            found,
        }
    }

    /// Finds the keys that go on from `at` (where [`Walk::key`] leads) as `rest` does,
    /// within `edits` edits of it.
    fn walk(&mut self, at: At<'f>, rest: &str, edits: u8) {
        let base = self.key.len();
        if edits == 0 {
            if let Some((node, out)) = follow(self.fst, at, rest.as_bytes()) {
                self.key.extend_from_slice(rest.as_bytes());
                self.emit(node, out);
                self.key.truncate(base);
            }
            return;
        }
        let fst = self.fst;
        let level = usize::from(edits.min(2));
        let mut chars = std::mem::take(&mut self.chars[level]);
        chars.clear();
        chars.extend(rest.char_indices());
        let offset = |k: usize| chars.get(k).map_or(rest.len(), |&(i, _)| i);
        let (mut node, mut out) = at;
        for k in 0..=chars.len() {
            let (start, end) = (offset(k), offset(k + 1));
            let this = chars.get(k).map(|&(_, c)| c);
            // Within this part of the word: an edit at the same place of the key
            // elsewhere makes the same key.
            let before = k.checked_sub(1).map(|k| chars[k].1);
            // Left out: the character (not the second of a pair: the same key).
            if let Some(c) = this
                && before != Some(c)
            {
                self.walk((node, out), &rest[end..], edits - 1);
            }
            // Swapped with the next.
            if let (Some(c), Some(&(_, d))) = (this, chars.get(k + 1))
                && c != d
            {
                let swapped = &rest[end..offset(k + 2)];
                let swapped_with = &rest[start..end];
                let at = follow(fst, (node, out), swapped.as_bytes())
                    .and_then(|at| follow(fst, at, swapped_with.as_bytes()));
                if let Some(at) = at {
                    self.key.extend_from_slice(swapped.as_bytes());
                    self.key.extend_from_slice(swapped_with.as_bytes());
                    self.walk(at, &rest[offset(k + 2)..], edits - 1);
                    self.key.truncate(base + start);
                }
            }
            // Replaced by, or preceded by, each character the fst has here.
            let starts_key = self.key.is_empty();
            each_char(fst, node, out, &mut |c, bytes, next| {
                if starts_key && self.first.is_some_and(|f| f != c) {
                    return;
                }
                self.key.extend_from_slice(bytes);
                if this.is_some_and(|t| t != c) {
                    self.walk(next, &rest[end..], edits - 1);
                }
                // Inserting a character after one of its kind: the same key as before it.
                if before != Some(c) {
                    self.walk(next, &rest[start..], edits - 1);
                }
                self.key.truncate(base + start);
            });
            // On to the next character of the word itself.
            if this.is_none() {
                self.emit(node, out);
                break;
            }
            match follow(fst, (node, out), &rest.as_bytes()[start..end]) {
                Some(at) => {
                    (node, out) = at;
                    self.key.extend_from_slice(&rest.as_bytes()[start..end]);
                }
                None => break,
            }
        }
        self.key.truncate(base);
        self.chars[level] = chars;
    }

    /// Calls `found` with the key read, when it ends at `node` and begins as it must.
    fn emit(&mut self, node: Node<'f>, out: Output) {
        let begins_well = self.first.is_none_or(|f| {
            let mut buffer = [0; 4];
            self.key.starts_with(f.encode_utf8(&mut buffer).as_bytes())
        });
        if node.is_final() && begins_well {
            (self.found)(&self.key, out.cat(node.final_output()).value());
        }
    }
}

/// Where `bytes` lead from `at`.
fn follow<'f, D: AsRef<[u8]>>(fst: &'f Fst<D>, at: At<'f>, bytes: &[u8]) -> Option<At<'f>> {
    let (mut node, mut out) = at;
    for &b in bytes {
        let t = node.transition(node.find_input(b)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// Calls `f` with each whole character on a path from `node` (with output `out`), its
/// UTF-8 bytes and where they lead.
fn each_char<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    node: Node<'f>,
    out: Output,
    f: &mut dyn FnMut(char, &[u8], At<'f>),
) {
    let mut bytes = [0u8; 4];
    each_char_from(fst, node, out, &mut bytes, 0, f);
}

/// [`each_char`], `len` bytes into a character (in `bytes`).
fn each_char_from<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    node: Node<'f>,
    out: Output,
    bytes: &mut [u8; 4],
    len: usize,
    f: &mut dyn FnMut(char, &[u8], At<'f>),
) {
    for t in node.transitions() {
        bytes[len] = t.inp;
        let want = match bytes[0] {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            // A continuation byte cannot begin a character.
            _ => continue,
        };
        let (next, out) = (fst.node(t.addr), out.cat(t.out));
        if want == len + 1 {
            if let Some(c) = std::str::from_utf8(&bytes[..want])
                .ok()
                .and_then(|s| s.chars().next())
            {
                f(c, &bytes[..want], (next, out));
            }
        } else {
            each_char_from(fst, next, out, bytes, len + 1, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::automaton::Automaton;
    use fst::{IntoStreamer, Streamer};
    use levenshtein_automata::LevenshteinAutomatonBuilder;

    /// The keys and values a Levenshtein automaton finds.
    fn by_automaton(map: &fst::Map<Vec<u8>>, word: &str, edits: u8) -> Vec<(Vec<u8>, u64)> {
        let dfa = LevenshteinAutomatonBuilder::new(edits, true).build_dfa(word);
        let mut out = Vec::new();
        let mut collect = |stream: &mut dyn for<'a> Streamer<'a, Item = (&'a [u8], u64)>| {
            while let Some((k, v)) = stream.next() {
                out.push((k.to_vec(), v));
            }
        };
        if edits == 1 {
            collect(&mut map.search(&dfa).into_stream());
        } else {
            let first = word.chars().next().map_or(String::new(), String::from);
            let same_start = fst::automaton::Str::new(&first).starts_with();
            collect(&mut map.search((&dfa).intersection(same_start)).into_stream());
        }
        out
    }

    fn by_walk(map: &fst::Map<Vec<u8>>, word: &str, edits: u8) -> Vec<(Vec<u8>, u64)> {
        let mut out = Vec::new();
        let mut push = |k: &[u8], v| out.push((k.to_vec(), v));
        if edits == 1 {
            within_one_edit(map.as_fst(), word, &mut push);
        } else {
            within_two_edits_same_start(map.as_fst(), word, &mut push);
        }
        let n = out.len();
        out.sort();
        out.dedup();
        if edits == 1 {
            assert_eq!(out.len(), n, "{word}: a key found twice");
        }
        out
    }

    #[test]
    fn issue_10_finds_what_a_levenshtein_automaton_finds() {
        let words = [
            "a", "ab", "abc", "acb", "bac", "abbc", "abcd", "aabc", "abcc", "ba", "b", "cafe",
            "café", "cafés", "naïve", "naive", "nave", "sleep", "slep", "sleeep", "seep", "steep",
            "speel", "sleepy", "sleeppy", "slpee", "lseep", "ﬁne", "über", "uber", "xyz", "", "aa",
            "aaa", "aaaa", "abab", "baba", "abba",
        ];
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort();
        sorted.dedup();
        let map =
            fst::Map::from_iter(sorted.iter().enumerate().map(|(i, w)| (*w, i as u64))).unwrap();
        for word in [
            "", "a", "ab", "abc", "abbc", "cafe", "cafè", "naive", "sleep", "slep", "sleeep",
            "steep", "über", "zzz", "x", "bc", "ca", "ﬁne", "fine", "aa", "aba", "sleepp", "selep",
            "slepe", "ba",
        ] {
            for edits in [1, 2] {
                assert_eq!(
                    by_walk(&map, word, edits),
                    by_automaton(&map, word, edits),
                    "{word:?}, {edits} edits"
                );
            }
        }
    }
}
