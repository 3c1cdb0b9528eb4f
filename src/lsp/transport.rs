//! The stdio transport: LSP base-protocol framing that survives a bad client.
//!
//! `lsp-server`'s own transport allocates whatever `Content-Length` says (a
//! lying header aborts the process) and ends the connection, silently, at the
//! first malformed header or JSON body. This one caps a message at
//! [`MAX_MESSAGE_BYTES`], answers every malformed message with a JSON-RPC error
//! (`id` null when none can be read, which `lsp_server::Response` cannot
//! express, hence a second channel of raw replies to the writer) and reads on.
//! The server loop still sees an `lsp_server::Connection`.

use crossbeam_channel::{Receiver, Sender, bounded, select, unbounded};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

/// Messages larger than this are refused (their bytes are read and dropped).
pub const MAX_MESSAGE_BYTES: u64 = 64 << 20;

/// Header lines longer than this are malformed; the excess is not kept.
const MAX_HEADER_LINE: usize = 8 << 10;

/// A JSON-RPC error to send for a message that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// The request id when it could be read, else null.
    pub id: Value,
    /// JSON-RPC error code.
    pub code: i32,
    /// What was wrong.
    pub message: String,
}

impl ReadError {
    fn new(id: Value, code: ErrorCode, message: String) -> ReadError {
        ReadError {
            id,
            code: code as i32,
            message,
        }
    }

    /// The error response, as JSON text.
    pub fn to_json(&self) -> String {
        json!({"jsonrpc": "2.0", "id": self.id,
            "error": {"code": self.code, "message": self.message}})
        .to_string()
    }
}

/// What one read from the stream gave: a message, errors to answer, or both
/// (bytes skipped before a good message).
#[derive(Debug, Default)]
pub struct Frame {
    /// Errors to answer, in the order met.
    pub errors: Vec<ReadError>,
    /// The message, if one was read.
    pub message: Option<Message>,
}

/// One header line without its line ending, and whether it was cut at [`MAX_HEADER_LINE`].
/// `None` at the end of the stream.
fn read_header_line(r: &mut impl BufRead) -> io::Result<Option<(Vec<u8>, bool)>> {
    let mut line = Vec::new();
    let mut cut = false;
    let mut any = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some((line, cut)));
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1),
            None => (buf, buf.len()),
        };
        let room = MAX_HEADER_LINE.saturating_sub(line.len());
        cut |= chunk.len() > room;
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let newline = done > chunk.len();
        r.consume(done);
        if newline {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some((line, cut)));
        }
    }
}

/// Reads frames from a stream.
pub struct FrameReader<R> {
    input: R,
    /// Bytes of a refused message still to drop before the next frame. They are
    /// dropped on the next read, not at once, so the refusal is answered first
    /// (a client that lied about the length may be waiting for the answer).
    skip: u64,
}

impl<R: BufRead> FrameReader<R> {
    /// Reads from `input`.
    pub fn new(input: R) -> Self {
        FrameReader { input, skip: 0 }
    }

    /// Reads the next frame; `None` at the end of the stream.
    ///
    /// Header lines end with CRLF or LF. Text before a `Content-Length` header on
    /// its line (a body sent without one, run into the next header) is skipped and
    /// reported, so the stream finds its footing again at the next good message.
    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        let skip = std::mem::take(&mut self.skip);
        if io::copy(&mut (&mut self.input).take(skip), &mut io::sink())? < skip {
            return Ok(None);
        }
        read_frame(&mut self.input, &mut self.skip)
    }
}

/// [`FrameReader::next_frame`] after any skipping; sets `skip` for a refused body.
fn read_frame(r: &mut impl BufRead, skip: &mut u64) -> io::Result<Option<Frame>> {
    let mut frame = Frame::default();
    let parse_error = |message: String| ReadError::new(Value::Null, ErrorCode::ParseError, message);
    let mut length: Option<u64> = None;
    let mut bad_header: Option<String> = None;
    let mut seen = false;
    loop {
        let Some((line, cut)) = read_header_line(r)? else {
            return Ok(None);
        };
        if line.is_empty() {
            if seen {
                break;
            }
            continue;
        }
        seen = true;
        let mut line = String::from_utf8_lossy(&line).into_owned();
        if let Some(at) = line.to_ascii_lowercase().find("content-length:")
            && at > 0
        {
            frame.errors.push(parse_error(format!(
                "skipped {at} bytes of text that is not a message header"
            )));
            line.drain(..at);
            (length, bad_header) = (None, None);
        }
        if cut {
            bad_header = Some(format!("header line over {MAX_HEADER_LINE} bytes"));
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<u64>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length: {:?}", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header line {line:?}")),
        }
    }
    let Some(length) = length else {
        let why = bad_header.unwrap_or_else(|| "no Content-Length header".into());
        frame.errors.push(parse_error(why));
        return Ok(Some(frame));
    };
    if let Some(why) = bad_header {
        frame.errors.push(parse_error(why));
        *skip = length;
        return Ok(Some(frame));
    }
    if length > MAX_MESSAGE_BYTES {
        frame.errors.push(ReadError::new(
            Value::Null,
            ErrorCode::InvalidRequest,
            format!(
                "message of {length} bytes is over the {} MiB limit; it was dropped",
                MAX_MESSAGE_BYTES >> 20
            ),
        ));
        // Keep the framing: the next message starts after this one's bytes.
        *skip = length;
        return Ok(Some(frame));
    }
    // Read, not allocated up front: a stream that ends early costs only what it sent.
    let mut body = Vec::new();
    r.take(length).read_to_end(&mut body)?;
    if body.len() as u64 != length {
        return Ok(None);
    }
    match serde_json::from_slice::<Value>(&body) {
        Err(e) => frame.errors.push(parse_error(format!("invalid JSON: {e}"))),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_number() || id.is_string())
                .cloned()
                .unwrap_or(Value::Null);
            match serde_json::from_value::<Message>(value) {
                Ok(m) => frame.message = Some(m),
                Err(e) => frame.errors.push(ReadError::new(
                    id,
                    ErrorCode::InvalidRequest,
                    format!("not a JSON-RPC request, response or notification: {e}"),
                )),
            }
        }
    }
    Ok(Some(frame))
}

fn write_raw(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// The writer thread, joined to flush the last replies.
pub struct Writer(JoinHandle<io::Result<()>>);

impl Writer {
    /// Waits until everything sent has been written.
    pub fn join(self) -> io::Result<()> {
        self.0
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer thread panicked")))
    }
}

/// A connection over stdin/stdout. The reader thread is not joined: it may be
/// blocked on a client that never closes stdin, and it stops after `exit`.
pub fn stdio() -> (Connection, Writer) {
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, outgoing) = bounded::<Message>(0);
    let (raw_tx, raw_rx) = unbounded::<String>();
    std::thread::Builder::new()
        .name("copydesk-lsp-reader".into())
        .spawn(move || read_loop(&mut io::stdin().lock(), &to_server, &raw_tx))
        .expect("the reader thread starts");
    let writer = std::thread::Builder::new()
        .name("copydesk-lsp-writer".into())
        .spawn(move || write_loop(&mut io::stdout().lock(), &outgoing, &raw_rx))
        .expect("the writer thread starts");
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Writer(writer))
}

fn read_loop(
    input: &mut impl BufRead,
    to_server: &Sender<Message>,
    raw: &Sender<String>,
) -> io::Result<()> {
    let mut reader = FrameReader::new(input);
    while let Some(frame) = reader.next_frame()? {
        for e in frame.errors {
            let _ = raw.send(e.to_json());
        }
        if let Some(msg) = frame.message {
            let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
            if to_server.send(msg).is_err() || exit {
                break;
            }
        }
    }
    Ok(())
}

fn write_loop(
    out: &mut impl Write,
    messages: &Receiver<Message>,
    raw: &Receiver<String>,
) -> io::Result<()> {
    let mut raw_open = true;
    loop {
        if raw_open {
            select! {
                recv(messages) -> m => match m {
                    Ok(m) => m.write(out)?,
                    Err(_) => return Ok(()),
                },
                recv(raw) -> r => match r {
                    Ok(body) => write_raw(out, &body)?,
                    Err(_) => raw_open = false,
                },
            }
        } else {
            match messages.recv() {
                Ok(m) => m.write(out)?,
                Err(_) => return Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = FrameReader::new(input);
        std::iter::from_fn(|| r.next_frame().expect("in-memory reads")).collect()
    }

    fn msg(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#;

    #[test]
    fn reads_good_messages_back_to_back() {
        let input = msg(PING) + &msg(PING);
        let f = frames(input.as_bytes());
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.errors.is_empty() && f.message.is_some()));
    }

    #[test]
    fn oversized_messages_are_dropped_and_the_next_one_is_read() {
        let input = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE_BYTES + 1);
        let mut bytes = input.into_bytes();
        bytes.resize(bytes.len() + MAX_MESSAGE_BYTES as usize + 1, b' ');
        bytes.extend_from_slice(msg(PING).as_bytes());
        let f = frames(&bytes);
        assert_eq!(f.len(), 2);
        assert!(f[0].errors[0].message.contains("over the 64 MiB limit"));
        assert!(f[1].message.is_some());
    }

    #[test]
    fn a_lying_length_costs_nothing_up_front() {
        let f = frames(b"Content-Length: 99999999999999\r\n\r\n{}");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].errors[0].code, ErrorCode::InvalidRequest as i32);
        // A plausible length with too few bytes behind it is the end of the stream.
        assert!(frames(b"Content-Length: 60000000\r\n\r\n{}").is_empty());
    }

    #[test]
    fn malformed_json_and_non_messages_are_answered() {
        let input = msg("{not json") + &msg(r#"{"jsonrpc":"2.0","id":3}"#) + &msg(PING);
        let f = frames(input.as_bytes());
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].errors[0].code, ErrorCode::ParseError as i32);
        assert_eq!(f[0].errors[0].id, Value::Null);
        assert_eq!(f[1].errors[0].code, ErrorCode::InvalidRequest as i32);
        assert_eq!(f[1].errors[0].id, json!(3));
        assert!(f[2].message.is_some());
    }

    #[test]
    fn bad_headers_are_answered_and_reading_goes_on() {
        let input = "Content-Length: twelve\r\n\r\n".to_string()
            + "garbage\r\n\r\n"
            + &format!("{PING}Content-Length: {}\r\n\r\n{PING}", PING.len())
            + &msg(PING);
        let f = frames(input.as_bytes());
        let errors: Vec<&str> = f
            .iter()
            .flat_map(|f| &f.errors)
            .map(|e| e.message.as_str())
            .collect();
        assert_eq!(
            errors,
            [
                "bad Content-Length: \"twelve\"",
                "malformed header line \"garbage\"",
                "skipped 40 bytes of text that is not a message header"
            ]
        );
        assert_eq!(f.iter().filter(|f| f.message.is_some()).count(), 2);
    }

    #[test]
    fn endless_header_lines_are_cut() {
        let mut input = vec![b'x'; 1 << 20];
        input.extend_from_slice(b"\r\n\r\n");
        input.extend_from_slice(msg(PING).as_bytes());
        let f = frames(&input);
        assert!(f[0].errors[0].message.contains("header line over"));
        assert!(f[1].message.is_some());
    }
}
