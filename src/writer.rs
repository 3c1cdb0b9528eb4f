//! Writing files back safely: the one place copydesk replaces a file on disk.
//!
//! Every writer (`--fix` today) goes through [`replace_file`], so the rules for
//! not losing anyone's work live here once: the new text goes to a temporary
//! file in the same folder, is synced, takes the original's permissions and is
//! renamed over the original; and the original is never replaced if it no
//! longer holds the text the caller read.

use crate::walk::InputError;
use std::path::Path;

/// Replaces the file at `path` with `new_text`, atomically, provided it still
/// holds `read_text` (what the caller read and based `new_text` on).
///
/// # Errors
/// An [`InputError`] naming the file when it cannot be read, written or
/// replaced, or when it changed on disk since it was read; in that last case
/// the file is left as it is.
pub fn replace_file(path: &Path, read_text: &str, new_text: &str) -> Result<(), InputError> {
    replace_file_with_hook(path, read_text, new_text, &mut || {})
}

/// [`replace_file`], calling `before_rename` once the temporary file is written
/// and synced, just before the final check and the rename: tests use it to
/// change the file in that window.
fn replace_file_with_hook(
    path: &Path,
    read_text: &str,
    new_text: &str,
    before_rename: &mut dyn FnMut(),
) -> Result<(), InputError> {
    let shown = crate::pack::display_path(path);
    let err = |message: String| InputError {
        path: shown.clone(),
        position: None,
        message,
    };
    let changed = || err(CHANGED.into());
    // Checked before any work, so a stale fix is not even written to a temporary
    // file, and again just before the rename: a save that lands while the
    // temporary file is written and synced (tens of milliseconds for a large
    // file) must not be replaced by text computed from the old one.
    let before =
        std::fs::metadata(path).map_err(|e| err(format!("cannot re-read before writing: {e}")))?;
    let now =
        std::fs::read(path).map_err(|e| err(format!("cannot re-read before writing: {e}")))?;
    if now != read_text.as_bytes() {
        return Err(changed());
    }
    drop(now);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| err(format!("cannot create a temporary file: {e}")))?;
    std::io::Write::write_all(&mut tmp, new_text.as_bytes())
        .map_err(|e| err(format!("cannot write: {e}")))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| err(format!("cannot write: {e}")))?;
    std::fs::set_permissions(tmp.path(), before.permissions())
        .map_err(|e| err(format!("cannot keep permissions: {e}")))?;
    before_rename();
    // Identity, size and modification time catch most changes cheaply; the
    // content decides, since a save can keep all three. Dropping `tmp` on the
    // way out removes the temporary file.
    let after =
        std::fs::metadata(path).map_err(|e| err(format!("cannot re-read before writing: {e}")))?;
    if Stamp::of(&after) != Stamp::of(&before) {
        return Err(changed());
    }
    let now =
        std::fs::read(path).map_err(|e| err(format!("cannot re-read before writing: {e}")))?;
    if now != read_text.as_bytes() {
        return Err(changed());
    }
    // A save between this last read and the rename can still be lost: without
    // locks honoured by every editor the window can be narrowed, not closed.
    tmp.persist(path)
        .map_err(|e| err(format!("cannot replace the file: {}", e.error)))?;
    Ok(())
}

/// What [`replace_file`] reports when the file changed since it was read.
const CHANGED: &str = "changed on disk while fixing; not written; run again";

/// The parts of a file's metadata that a save changes in the usual case.
#[derive(PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Device and inode: an editor that saves by renaming a new file over the
    /// old one makes a new inode.
    #[cfg(unix)]
    id: (u64, u64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            id: (meta.dev(), meta.ino()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "\u{feff}old\r\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_file(&p, "\u{feff}old\r\n", "\u{feff}new\r\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "\u{feff}new\r\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let e = replace_file(&p, "stale text", "x").unwrap_err();
        assert!(e.message.contains("changed on disk"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "\u{feff}new\r\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }

    #[test]
    fn issue_9_edit_saved_while_fixing_survives() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("story.txt");
        std::fs::write(&p, "The the army moved.\n").unwrap();
        // The editor saves after the fixed text went to the temporary file,
        // before the rename.
        let e = replace_file_with_hook(
            &p,
            "The the army moved.\n",
            "The army moved.\n",
            &mut || std::fs::write(&p, "The the army moved on.\n").unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "The the army moved on.\n",
            "the user's edit is kept"
        );
        assert_eq!(e.path, crate::pack::display_path(&p));
        assert!(
            e.message
                .contains("changed on disk while fixing; not written; run again"),
            "{}",
            e.message
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }

    #[test]
    fn issue_9_same_size_edit_in_the_same_instant_is_still_seen() {
        // Size and modification time can both stay the same (a one-letter
        // change within the file system's timestamp granularity, or a save that
        // resets the mtime): the content decides.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("story.txt");
        std::fs::write(&p, "The the army moved.\n").unwrap();
        let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
        let e = replace_file_with_hook(
            &p,
            "The the army moved.\n",
            "The army moved.\n",
            &mut || {
                let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
                std::io::Write::write_all(&mut &f, b"Tha").unwrap();
                f.set_modified(mtime).unwrap();
            },
        )
        .unwrap_err();
        assert!(e.message.contains("changed on disk"), "{}", e.message);
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "Tha the army moved.\n"
        );
    }
}
