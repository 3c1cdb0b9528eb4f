//! The keys of an `fst` within one edit of a word, found by following the word.
//!
//! A search with a one-edit Levenshtein automaton steps the automaton over every
//! transition of every node it reaches, and it reaches thousands: every prefix one edit
//! from a prefix of the word. Here the word is followed through the fst once, and at
//! each of its characters the walk branches once (the character left out, swapped with
//! the next, replaced by or preceded by each character the fst has there), each branch
//! then following the rest of the word exactly. The keys are the same; the suggestion
//! search on a name the dictionary lacks reads a tenth of the nodes.

use fst::raw::{Fst, Node, Output};

/// A place in an fst: a node and the output on the way to it.
type At<'f> = (Node<'f>, Output);

/// Calls `found` with each key of `fst` within one edit of `word`, and its value: a
/// character left out, added or replaced, or two adjacent characters swapped (the edits
/// of a Levenshtein automaton with transpositions), or `word` itself. Characters are
/// Unicode scalar values, as the automaton counts them. Each key comes once.
pub fn within_one_edit<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    word: &str,
    found: &mut dyn FnMut(&[u8], u64),
) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(word.len(), |&(i, _)| i);
    let mut key: Vec<u8> = Vec::with_capacity(word.len() + 4);
    let mut char_bytes: Vec<u8> = Vec::with_capacity(4);
    let mut node = fst.root();
    let mut out = Output::zero();
    for k in 0..=chars.len() {
        let (start, end) = (at(k), at(k + 1));
        let prefix = &word.as_bytes()[..start];
        let rest = &word.as_bytes()[end..];
        let this = chars.get(k).map(|&(_, c)| c);
        let before = k.checked_sub(1).map(|k| chars[k].1);
        // Left out: the character (not the second of a pair: the same key).
        if let Some(c) = this
            && before != Some(c)
        {
            emit(fst, (node, out), &[prefix], &[rest], &mut key, found);
        }
        // Swapped with the next.
        if let (Some(c), Some(&(_, d))) = (this, chars.get(k + 1))
            && c != d
        {
            let (mut cb, mut db) = ([0; 4], [0; 4]);
            let (c, d) = (c.encode_utf8(&mut cb), d.encode_utf8(&mut db));
            let after = &word.as_bytes()[at(k + 2)..];
            let swapped: [&[u8]; 3] = [d.as_bytes(), c.as_bytes(), after];
            emit(fst, (node, out), &[prefix], &swapped, &mut key, found);
        }
        // Replaced by, or preceded by, each character the fst has here.
        let from_here = &word.as_bytes()[start..];
        each_char(fst, node, out, &mut char_bytes, &mut |bytes, next| {
            let c = std::str::from_utf8(bytes)
                .ok()
                .and_then(|s| s.chars().next());
            if this.is_some() && c != this {
                emit(fst, next, &[prefix, bytes], &[rest], &mut key, found);
            }
            // Inserting the character before its own kind: the same key as after it.
            if c != before {
                emit(fst, next, &[prefix, bytes], &[from_here], &mut key, found);
            }
        });
        // On to the next character of the word itself.
        let Some(_) = this else {
            // The whole word: itself.
            if node.is_final() {
                found(word.as_bytes(), out.cat(node.final_output()).value());
            }
            break;
        };
        match follow(fst, node, out, &word.as_bytes()[start..end]) {
            Some((n, o)) => (node, out) = (n, o),
            None => break,
        }
    }
}

/// Follows `parts` from `at` (the node `read` leads to, and the output on the way) and,
/// when they end on a key, calls `found` with it (`key` is room to write it in).
fn emit<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    at: At<'_>,
    read: &[&[u8]],
    parts: &[&[u8]],
    key: &mut Vec<u8>,
    found: &mut dyn FnMut(&[u8], u64),
) {
    let (mut node, mut out) = at;
    for part in parts {
        match follow(fst, node, out, part) {
            Some((n, o)) => (node, out) = (n, o),
            None => return,
        }
    }
    if node.is_final() {
        key.clear();
        for part in read.iter().chain(parts) {
            key.extend_from_slice(part);
        }
        found(key, out.cat(node.final_output()).value());
    }
}

/// The node `bytes` lead to from `node`, and the output on the way.
fn follow<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    mut node: Node<'f>,
    mut out: Output,
    bytes: &[u8],
) -> Option<(Node<'f>, Output)> {
    for &b in bytes {
        let t = node.transition(node.find_input(b)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// Calls `f` with each whole character (its UTF-8 bytes) on a path from `node`, and the
/// node after it with the output so far. `bytes` holds the character's bytes so far.
fn each_char<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    node: Node<'f>,
    out: Output,
    bytes: &mut Vec<u8>,
    f: &mut dyn FnMut(&[u8], At<'f>),
) {
    for t in node.transitions() {
        bytes.push(t.inp);
        let next = fst.node(t.addr);
        let out = out.cat(t.out);
        let first = bytes[0];
        let length = match first {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            // A continuation byte cannot begin a character.
            _ => 0,
        };
        if length == bytes.len() {
            f(bytes, (next, out));
        } else if length > bytes.len() {
            each_char(fst, next, out, bytes, f);
        }
        bytes.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Streamer};
    use levenshtein_automata::LevenshteinAutomatonBuilder;

    /// The keys and values a one-edit Levenshtein automaton finds.
    fn by_automaton(map: &fst::Map<Vec<u8>>, word: &str) -> Vec<(Vec<u8>, u64)> {
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa(word);
        let mut stream = map.search(&dfa).into_stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            out.push((k.to_vec(), v));
        }
        out
    }

    fn by_walk(map: &fst::Map<Vec<u8>>, word: &str) -> Vec<(Vec<u8>, u64)> {
        let mut out = Vec::new();
        within_one_edit(map.as_fst(), word, &mut |k, v| out.push((k.to_vec(), v)));
        let n = out.len();
        out.sort();
        out.dedup();
        assert_eq!(out.len(), n, "{word}: a key found twice");
        out
    }

    #[test]
    fn issue_10_finds_what_a_one_edit_automaton_finds() {
        let words = [
            "a", "ab", "abc", "acb", "bac", "abbc", "abc", "abcd", "aabc", "abcc", "ba", "b",
            "cafe", "café", "cafés", "naïve", "naive", "nave", "sleep", "slep", "sleeep", "seep",
            "steep", "speel", "sleepy", "ﬁne", "über", "uber", "xyz", "",
        ];
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort();
        sorted.dedup();
        let map =
            fst::Map::from_iter(sorted.iter().enumerate().map(|(i, w)| (*w, i as u64))).unwrap();
        for word in [
            "", "a", "ab", "abc", "abbc", "cafe", "cafè", "naive", "sleep", "slep", "sleeep",
            "steep", "über", "zzz", "x", "bc", "ca", "ﬁne", "fine",
        ] {
            assert_eq!(by_walk(&map, word), by_automaton(&map, word), "{word:?}");
        }
    }
}
