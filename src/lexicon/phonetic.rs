// How a word sounds, roughly: shared by the library and `build.rs` (which `include!`s
// this file), so keep it free of crate paths.

/// A rough phonetic key of `word` (in the manner of Metaphone): consonant sounds in
/// order, vowels dropped but a leading one, doubled letters collapsed. Words that
/// sound alike share a key ("wensday" and "wednesday" are near: "WNST", "WTNST";
/// "minits" and "minutes" are both "MNTS"). Letters outside a–z are ignored.
pub fn sounds_like(word: &str) -> String {
    let w: Vec<u8> = word
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let at = |i: usize| w.get(i).copied().unwrap_or(0);
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut key = String::with_capacity(w.len());
    let mut i = 0;
    // Silent first letters: "knight", "write", "gnome", "psalm", "wholly".
    if matches!((at(0), at(1)), (b'k', b'n') | (b'g', b'n') | (b'w', b'r') | (b'p', b's')) {
        i = 1;
    }
    if vowel(at(i)) {
        key.push('A');
        i += 1;
    }
    while i < w.len() {
        let (c, next) = (w[i], at(i + 1));
        let mut step = 1;
        let sound: &str = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => "",
            b'b' => "P",
            b'c' if next == b'k' => {
                step = 2;
                "K"
            }
            b'c' if next == b'h' => {
                step = 2;
                "X"
            }
            b'c' if matches!(next, b'e' | b'i' | b'y') => "S",
            b'c' | b'k' | b'q' => "K",
            b'd' if next == b'g' && matches!(at(i + 2), b'e' | b'i' | b'y') => {
                step = 2;
                "J"
            }
            b'd' | b't' if next == b'h' => {
                step = 2;
                "0"
            }
            b'd' => "T",
            b'g' if next == b'h' => {
                step = 2;
                ""
            }
            b'g' if matches!(next, b'e' | b'i' | b'y') => "J",
            b'g' => "K",
            b'h' => "",
            b'j' => "J",
            b'p' if next == b'h' => {
                step = 2;
                "F"
            }
            b'p' => "P",
            b's' if next == b'h' => {
                step = 2;
                "X"
            }
            b's' | b't' if next == b'i' && matches!(at(i + 2), b'o' | b'a') => "X",
            b's' | b'z' => "S",
            b't' => "T",
            b'v' | b'f' => "F",
            b'w' if !vowel(next) => "",
            b'w' => "W",
            b'x' => "KS",
            b'l' => "L",
            b'm' => "M",
            b'n' => "N",
            b'r' => "R",
            _ => "",
        };
        for ch in sound.chars() {
            if !key.ends_with(ch) {
                key.push(ch);
            }
        }
        i += step;
    }
    key
}

/// The phones of English as the CMU pronouncing dictionary writes them (ARPAbet, stress
/// dropped), in the order that gives each its code: a phone's code is its place here
/// plus one, so that no code is the 0 that ends a word in the pronunciation set.
pub const PHONES: [&str; 39] = [
    "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH",
    "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH",
    "UH", "UW", "V", "W", "Y", "Z", "ZH",
];

/// The code of `phone` (see [`PHONES`]).
pub fn phone_code(phone: &str) -> Option<u8> {
    PHONES
        .iter()
        .position(|p| *p == phone)
        .and_then(|i| u8::try_from(i + 1).ok())
}
