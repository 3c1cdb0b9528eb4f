//! The language server's transport and text helpers: any byte stream is read as
//! frames until it ends (errors become JSON-RPC error replies, never a panic or
//! an allocation of what a header claims), and the position and URI helpers
//! take any input.
#![no_main]

use copydesk::lsp::transport::FrameReader;
use copydesk::lsp::{apply_change, offset_at, position_of, uri_to_path};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = FrameReader::new(data);
    let mut frames = 0;
    while let Ok(Some(frame)) = reader.next_frame() {
        for e in &frame.errors {
            let reply: serde_json::Value =
                serde_json::from_str(&e.to_json()).expect("error replies are JSON");
            assert_eq!(reply["jsonrpc"], "2.0");
        }
        frames += 1;
        assert!(
            frames <= data.len() + 1,
            "the reader does not loop in place"
        );
    }

    // The same bytes as a URI and as a document edited at positions taken from them.
    let text = String::from_utf8_lossy(data);
    let _ = uri_to_path(&text);
    let _ = uri_to_path(&format!("file:///tmp/{text}"));
    let pos = |i: usize| lsp_types::Position {
        line: u32::from(data.get(i).copied().unwrap_or(0) % 8),
        character: u32::from(data.get(i + 1).copied().unwrap_or(0)),
    };
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let p = position_of(&text, mid);
    // Between the CR and LF of a CRLF is no position of its own.
    if !(text[..mid].ends_with('\r') && text[mid..].starts_with('\n')) {
        assert_eq!(offset_at(&text, p), mid, "positions round-trip");
    }
    let at = offset_at(&text, p);
    assert!(at <= text.len() && text.is_char_boundary(at));
    let mut doc = text.to_string();
    let range = lsp_types::Range {
        start: pos(0),
        end: pos(2),
    };
    apply_change(&mut doc, Some(range), "x\u{e9}\r\n");
    let at = offset_at(&doc, pos(4));
    assert!(at <= doc.len() && doc.is_char_boundary(at));
});
