//! Inputs: paths and standard input into article texts.
//!
//! Folders are walked with the `ignore` crate (`.gitignore`, `.ignore` and
//! hidden files respected) and filtered by the include/exclude globs. Files
//! named explicitly are always read. Reading checks that the file is text:
//! binary files, invalid UTF-8 and oversized files are errors naming the file
//! and position, and never stop the other files from being checked.

use crate::config::{DEFAULT_EXTENSIONS, Settings};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// A file that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {message}", .position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct InputError {
    /// The path as given or found.
    pub path: String,
    /// Line and column (1-based) of the problem, when it has one.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do.
    pub message: String,
}

/// `p` made absolute against the working folder, with `.` and `..` resolved
/// lexically (the file need not exist; links are not followed).
pub fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `p` (absolute) as it is best shown and used: relative to the working folder when
/// it is inside it or a few folders up ("news/a.md", "../copydesk.toml"), else as is.
pub fn from_working_folder(p: &Path) -> PathBuf {
    let cwd = absolute(Path::new("."));
    for (up, base) in cwd.ancestors().take(4).enumerate() {
        if let Ok(rest) = p.strip_prefix(base) {
            let mut rel: PathBuf = std::iter::repeat_n("..", up).collect();
            rel.push(rest);
            return if rel.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                rel
            };
        }
    }
    p.to_path_buf()
}

fn glob_set(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        // Validated when the config was loaded.
        if let Ok(glob) = Glob::new(g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The files to check, sorted.
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked or are not files.
    pub errors: Vec<InputError>,
    /// Paths named on the command line that were skipped because `exclude`
    /// matches them ([`Settings::force_exclude`]).
    pub excluded: usize,
}

/// Expands `paths` (files and folders) into the files to check, sorted. A folder
/// walk skips the config's pack, facts and vocabulary folders, as if excluded. A
/// file named explicitly is checked whatever `include` and `exclude` say,
/// unless [`Settings::force_exclude`]: then `exclude` applies to it too (a
/// pre-commit hook names every changed file).
pub fn collect(paths: &[PathBuf], settings: &Settings) -> Collected {
    let include = glob_set(&settings.include);
    let exclude = glob_set(&settings.exclude);
    // A glob matches the path or one of its folders ("drafts" skips drafts/a.md),
    // relative to the config's folder or as found.
    let excluded = |p: &Path| {
        let rel = p.strip_prefix(&settings.root).unwrap_or(p);
        let rel = rel.strip_prefix(".").unwrap_or(rel);
        rel.ancestors()
            .chain(p.ancestors())
            .filter(|a| !a.as_os_str().is_empty() && a.as_os_str() != ".")
            .any(|a| exclude.is_match(a))
    };
    // The config's own folders (packs, facts, vocabulary) hold word lists and rules,
    // not articles: they are excluded too ("reject.txt" would flag its own words).
    let own: Vec<PathBuf> = settings
        .packs
        .iter()
        .chain(&settings.facts)
        .chain(&settings.vocabulary)
        .map(|p| absolute(p))
        .collect();
    let excluded = |p: &Path| {
        excluded(p) || (!own.is_empty() && own.iter().any(|o| absolute(p).starts_with(o)))
    };
    let wanted = |p: &Path| {
        if excluded(p) {
            return false;
        }
        let rel = p.strip_prefix(&settings.root).unwrap_or(p);
        let rel = rel.strip_prefix(".").unwrap_or(rel);
        if settings.include.is_empty() {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        } else {
            include.is_match(rel) || include.is_match(p)
        }
    };
    let mut found = Collected::default();
    let (files, errors) = (&mut found.files, &mut found.errors);
    for path in paths {
        if settings.force_exclude && excluded(path) {
            found.excluded += 1;
            continue;
        }
        let error = |message: String| InputError {
            path: path.display().to_string(),
            position: None,
            message,
        };
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {
                files.push(path.clone());
                continue;
            }
            Ok(m) if m.is_dir() => {}
            Ok(m) => {
                errors.push(error(format!(
                    "{}, not a file; not checked; name a file or a folder",
                    special_kind(&m)
                )));
                continue;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(error("no such file or folder".into()));
                continue;
            }
            Err(e) => {
                errors.push(error(format!("cannot read: {e}")));
                continue;
            }
        }
        for entry in ignore::WalkBuilder::new(path)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build()
        {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && wanted(e.path()) => {
                    files.push(e.into_path());
                }
                Ok(_) => {}
                Err(err) => errors.push(InputError {
                    path: path.display().to_string(),
                    position: None,
                    message: err.to_string(),
                }),
            }
        }
    }
    files.sort();
    dedup_same_files(files);
    found
}

/// Keeps one name for each file: "a.txt", "./a.txt", a folder walk that finds
/// it again and a hard link to it are the same file, checked (and fixed) once.
/// The first name in sorted order is kept.
pub fn dedup_same_files(files: &mut Vec<PathBuf>) {
    files.dedup();
    let mut seen = std::collections::HashSet::new();
    files.retain(|p| match file_id(p) {
        Some(id) => seen.insert(id),
        None => true,
    });
}

/// Device and inode of a file, following links (Unix); its canonical path elsewhere.
fn file_id(path: &Path) -> Option<(u64, u64, Option<PathBuf>)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some((m.dev(), m.ino(), None))
    }
    #[cfg(not(unix))]
    Some((0, 0, Some(std::fs::canonicalize(path).ok()?)))
}

/// What a path that is neither a file nor a folder is, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        } else if t.is_char_device() || t.is_block_device() {
            return "a device";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

/// The error for an input over [`MAX_FILE_BYTES`]; `size` when it is known.
fn too_large(path: &str, size: Option<u64>) -> InputError {
    let what = match size {
        Some(n) => format!("file is {} MiB", n >> 20),
        None => format!("input is more than {} MiB", MAX_FILE_BYTES >> 20),
    };
    InputError {
        path: path.to_string(),
        position: None,
        message: format!(
            "{what}, over the {} MiB limit; split it or exclude it",
            MAX_FILE_BYTES >> 20
        ),
    }
}

/// Reads `input` to its end as an article's text, but never more than
/// [`MAX_FILE_BYTES`] and one byte: an endless or huge stream is refused as
/// soon as it passes the limit, not after it has been read whole.
pub fn read_text(path: &str, input: impl Read) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError {
            path: path.to_string(),
            position: None,
            message: format!("cannot read: {e}"),
        })?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, None));
    }
    decode(path, bytes)
}

/// Checks that `bytes` are an article's text and returns it.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let err = |position, message: String| InputError {
        path: path.to_string(),
        position,
        message,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, Some(bytes.len() as u64)));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(err(
            None,
            "binary file (contains NUL bytes), not checked; exclude it in copydesk.toml".into(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = std::str::from_utf8(good).expect("valid up to here");
        // Lines and columns as every output counts them (a lone CR ends a line).
        let at = crate::render::LineIndex::new(text).position(text.len());
        let (line, col) = (at.line, at.column);
        let byte = e.as_bytes()[good.len()];
        err(
            Some((line, col)),
            format!("invalid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8"),
        )
    })
}

/// Reads a file as an article's text; one over the limit is refused by its size, unread.
pub fn read(path: &Path) -> Result<String, InputError> {
    let shown = crate::pack::display_path(path);
    let file = std::fs::File::open(path).map_err(|e| InputError {
        path: shown.clone(),
        position: None,
        message: format!("cannot read: {e}"),
    })?;
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_FILE_BYTES as u64
    {
        return Err(too_large(&shown, Some(meta.len())));
    }
    read_text(&shown, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = decode("a.txt", b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(e.position, Some((2, 3)));
        assert!(e.message.contains("0xFF"));
        assert_eq!(
            e.to_string(),
            "a.txt:2:3: invalid UTF-8 (byte 0xFF); save the file as UTF-8"
        );
    }

    #[test]
    fn oversized_files_are_refused() {
        let e = decode("huge.txt", vec![b'a'; MAX_FILE_BYTES + 1]).unwrap_err();
        assert!(e.message.contains("over the 64 MiB limit"), "{}", e.message);
    }

    #[test]
    fn endless_input_is_refused_at_the_limit() {
        let mut endless = std::io::repeat(b'x');
        let e = read_text("<stdin>", &mut endless).unwrap_err();
        assert_eq!(
            e.message,
            "input is more than 64 MiB, over the 64 MiB limit; split it or exclude it"
        );
    }

    #[test]
    fn binary_files_are_refused() {
        let e = decode("x.bin", vec![0x89, b'P', 0, 0]).unwrap_err();
        assert!(e.message.starts_with("binary file"));
    }

    #[test]
    fn walks_folders_by_extension_and_respects_excludes() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a.txt", "b.md", "c.rs", "drafts/d.txt"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let mut s = Settings::defaults(dir.path().to_path_buf());
        s.exclude = vec!["drafts/**".into()];
        let Collected { files, errors, .. } = collect(&[dir.path().to_path_buf()], &s);
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["a.txt", "b.md"]);
        assert!(errors.is_empty());
    }
}
