//! Writing files safely: the one place copydesk creates or replaces a file on disk.
//!
//! Every writer (`--fix`, `--add-ignore`, `--write-baseline`, `copydesk init`
//! and the editor's ignore action) goes through [`write_file`], so the rules
//! for not losing anyone's work live here once:
//!
//! - the new text goes to a temporary file in the same folder, is synced, takes
//!   the original's permissions, owner and group (where the system lets us) and
//!   is renamed over the original, so a crash leaves the old text or the new,
//!   never half of one;
//! - a symbolic link is written through: its target is replaced and the link
//!   stays a link; with [`WriteOptions::within`], a link whose target lies
//!   outside that folder (or a dangling one that would create a file there) is
//!   refused;
//! - a read-only file is refused unless [`WriteOptions::force`];
//! - a file with several hard links is rewritten in place (see
//!   `copy_back`), since a rename would split the links;
//! - the original is never replaced if it no longer holds what the caller read.

use crate::walk::InputError;
use std::path::{Path, PathBuf};

/// What the file on disk must hold for a write to go ahead.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// The text the caller read and based the new text on; anything else means
    /// someone changed the file meanwhile, and it is left alone.
    Text(&'a str),
    /// Nothing: the file must not exist (a new file never replaces one).
    Absent,
    /// Whatever it holds, or nothing: an output named by the user (a baseline).
    Anything,
}

impl<'a> Expect<'a> {
    /// What an edit of a file read with [`read_existing`] expects: the text it read, or
    /// no file.
    pub fn previous(old: Option<&'a str>) -> Expect<'a> {
        old.map_or(Expect::Absent, Expect::Text)
    }
}

/// The text of `path`, or `None` when there is no such file yet: the start of an edit
/// (an ignore entry, a vocabulary word) that [`write_file`] then makes with
/// [`Expect::previous`].
///
/// # Errors
/// The file exists but cannot be read.
pub fn read_existing(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// How a write may go.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions<'a> {
    /// Rewrite read-only files too (`check --force`); their mode is kept.
    pub force: bool,
    /// Refuse to write outside this folder: the path may be a symbolic link
    /// only to a file inside it (a project's own files are not to be used to
    /// write somewhere else).
    pub within: Option<&'a Path>,
}

/// Writes `new_text` to `path` atomically, provided the file holds what
/// `expect` says; see the module documentation for links and modes.
///
/// # Errors
/// An [`InputError`] naming the file (as given) that says what happened and
/// what to do: it cannot be resolved, read, written or replaced; it is
/// read-only; it is a link out of [`WriteOptions::within`]; or it does not hold
/// what `expect` says. In every case the file is left as it was.
pub fn write_file(
    path: &Path,
    expect: Expect<'_>,
    new_text: &str,
    options: WriteOptions<'_>,
) -> Result<(), InputError> {
    write_file_with_hook(path, expect, new_text, options, &mut || {})
}

/// [`write_file`], calling `before_rename` once the temporary file is written
/// and synced, just before the final check and the rename: tests use it to
/// change the file in that window.
fn write_file_with_hook(
    path: &Path,
    expect: Expect<'_>,
    new_text: &str,
    options: WriteOptions<'_>,
    before_rename: &mut dyn FnMut(),
) -> Result<(), InputError> {
    let shown = crate::pack::display_path(path);
    let err = |message: String| InputError {
        path: shown.clone(),
        position: None,
        message,
    };
    let changed = || err(CHANGED.into());
    let target = resolve(path).map_err(|e| {
        // The folder named in the path itself is missing (`-o out/report.txt`), not the
        // target of a link on the way.
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        err(if std::fs::symlink_metadata(folder).is_err() {
            "its folder does not exist; create it first".into()
        } else {
            format!("cannot follow the link: {e}")
        })
    })?;
    if let Some(root) = options.within {
        let inside = std::fs::canonicalize(root).is_ok_and(|r| target.starts_with(r));
        if !inside {
            return Err(err(format!(
                "is a link to {}, outside {}; not written; replace the link with a file",
                target.display(),
                crate::pack::display_path(root)
            )));
        }
    }
    let before = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(err(format!("cannot read before writing: {e}"))),
    };
    match (&before, expect) {
        (None, Expect::Text(_)) => return Err(changed()),
        (Some(_), Expect::Absent) => {
            return Err(err("already exists; not overwritten".into()));
        }
        (Some(m), _) if !m.is_file() => {
            return Err(err("not a regular file; not written".into()));
        }
        (Some(m), _) if m.permissions().readonly() && !options.force => {
            return Err(err(format!(
                "read-only file{}; not changed; make it writable (chmod u+w) or pass --force",
                mode(m)
            )));
        }
        _ => {}
    }
    // Checked before any work, so a stale fix is not even written to a temporary
    // file, and again just before the rename: a save that lands while the
    // temporary file is written and synced (tens of milliseconds for a large
    // file) must not be replaced by text computed from the old one.
    let holds_expected = || match expect {
        Expect::Text(t) => std::fs::read(&target)
            .map(|now| now == t.as_bytes())
            .map_err(|e| err(format!("cannot re-read before writing: {e}"))),
        Expect::Absent | Expect::Anything => Ok(true),
    };
    if !holds_expected()? {
        return Err(changed());
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".copydesk-");
    // A new file gets the usual mode (0666 less the umask), not the temporary
    // file's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| err(format!("cannot create a temporary file: {e}")))?;
    std::io::Write::write_all(&mut tmp, new_text.as_bytes())
        .map_err(|e| err(format!("cannot write: {e}")))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| err(format!("cannot write: {e}")))?;
    if let Some(before) = &before {
        keep_owner(tmp.as_file(), before);
        std::fs::set_permissions(tmp.path(), before.permissions())
            .map_err(|e| err(format!("cannot keep permissions: {e}")))?;
    }
    before_rename();
    // Identity, size and modification time catch most changes cheaply; the
    // content decides, since a save can keep all three. Dropping `tmp` on the
    // way out removes the temporary file.
    let after = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(err(format!("cannot re-read before writing: {e}"))),
    };
    if after.as_ref().map(Stamp::of) != before.as_ref().map(Stamp::of) {
        return Err(match expect {
            Expect::Absent => err("was created meanwhile; not overwritten".into()),
            _ => changed(),
        });
    }
    if !holds_expected()? {
        return Err(changed());
    }
    // A save between this last read and the rename can still be lost: without
    // locks honoured by every editor the window can be narrowed, not closed.
    match &before {
        Some(m) if links(m) > 1 => copy_back(&target, tmp, expect).map_err(err),
        Some(_) => tmp
            .persist(&target)
            .map(drop)
            .map_err(|e| err(format!("cannot replace the file: {}", e.error))),
        None => tmp.persist_noclobber(&target).map(drop).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                err("was created meanwhile; not overwritten".into())
            } else {
                err(format!("cannot create the file: {}", e.error))
            }
        }),
    }
}

/// What [`write_file`] reports when the file changed since it was read.
const CHANGED: &str = "changed on disk while fixing; not written; run again";

/// Where `path` leads: its symbolic links followed to the end, even when the
/// last target does not exist yet (the file a write would create).
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    // Linux gives up after 40 links; so do we.
    for _ in 0..40 {
        let parent = match at.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => at = parent.join(std::fs::read_link(&at)?),
            Ok(_) => return std::fs::canonicalize(&at),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let name = at.file_name().ok_or(e)?;
                return Ok(std::fs::canonicalize(parent)?.join(name));
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Gives the temporary file the original's owner and group. Only root may
/// give a file away, and only a member of the group may set it: where the
/// system refuses, the new file keeps what it was created with (the group
/// alone is tried on its own, since any member may keep it).
fn keep_owner(file: &std::fs::File, original: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        if fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
            let _ = fchown(file, None, Some(original.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, original);
}

/// The number of hard links to a file (1 where the system has no such notion).
fn links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    return std::os::unix::fs::MetadataExt::nlink(meta);
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// " (mode 0444)" on Unix, nothing elsewhere.
fn mode(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    return format!(
        " (mode {:04o})",
        std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o7777
    );
    #[cfg(not(unix))]
    {
        let _ = meta;
        String::new()
    }
}

/// Puts the new text into the file's own inode, for a file with several hard
/// links: renaming a new file over one name would leave the other names with
/// the old text. Writing in place is not atomic, so it is done only after the
/// content check, from the synced temporary file, which stays the safe copy: if
/// the in-place write fails, the old text is put back, and if even that fails
/// the temporary file is kept and named, so no version is ever lost.
fn copy_back(
    target: &Path,
    tmp: tempfile::NamedTempFile,
    expect: Expect<'_>,
) -> Result<(), String> {
    let write = |bytes: &[u8]| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).open(target)?;
        std::io::Write::write_all(&mut f, bytes)?;
        f.set_len(bytes.len() as u64)?;
        f.sync_all()
    };
    let new = std::fs::read(tmp.path()).map_err(|e| format!("cannot write: {e}"))?;
    let Err(e) = write(&new) else {
        return Ok(());
    };
    let restored = match expect {
        Expect::Text(old) => write(old.as_bytes()).is_ok(),
        Expect::Absent | Expect::Anything => false,
    };
    if restored {
        return Err(format!(
            "cannot write in place (the file has several hard links): {e}; the old text was put back"
        ));
    }
    match tmp.keep() {
        Ok((_, kept)) => Err(format!(
            "cannot write in place (the file has several hard links): {e}; it may be incomplete; the new text is in {}",
            kept.display()
        )),
        Err(k) => Err(format!(
            "cannot write in place (the file has several hard links): {e}; it may be incomplete ({})",
            k.error
        )),
    }
}

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
        write_file(
            &p,
            Expect::Text("\u{feff}old\r\n"),
            "\u{feff}new\r\n",
            WriteOptions::default(),
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "\u{feff}new\r\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let e =
            write_file(&p, Expect::Text("stale text"), "x", WriteOptions::default()).unwrap_err();
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
        let e = write_file_with_hook(
            &p,
            Expect::Text("The the army moved.\n"),
            "The army moved.\n",
            WriteOptions::default(),
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
        let e = write_file_with_hook(
            &p,
            Expect::Text("The the army moved.\n"),
            "The army moved.\n",
            WriteOptions::default(),
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

    fn write(p: &Path, old: &str, new: &str) -> Result<(), InputError> {
        write_file(p, Expect::Text(old), new, WriteOptions::default())
    }

    #[test]
    fn issue_9_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/story.txt");
        std::fs::write(&target, "old\n").unwrap();
        let link = dir.path().join("story.txt");
        std::os::unix::fs::symlink("real/story.txt", &link).unwrap();
        write(&link, "old\n", "new\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is still a link"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
    }

    #[test]
    fn issue_9_hard_links_stay_linked() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "old\n").unwrap();
        std::fs::hard_link(&a, &b).unwrap();
        let ino = std::fs::metadata(&a).unwrap().ino();
        write(&a, "old\n", "new text\n").unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new text\n");
        assert_eq!(std::fs::metadata(&a).unwrap().ino(), ino);
        assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
        write(&b, "new text\n", "short\n").unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "short\n");
        let e = write(&a, "stale\n", "x").unwrap_err();
        assert!(e.message.contains("changed on disk"), "{}", e.message);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "short\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn issue_9_read_only_files_are_refused_unless_forced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "old\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write(&p, "old\n", "new\n").unwrap_err();
        assert_eq!(
            e.message,
            "read-only file (mode 0444); not changed; make it writable (chmod u+w) or pass --force"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old\n");
        let force = WriteOptions {
            force: true,
            within: None,
        };
        write_file(&p, Expect::Text("old\n"), "new\n", force).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o444
        );
    }

    #[test]
    fn issue_9_owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "old\n").unwrap();
        // Only root may give a file away; elsewhere there is nothing to test.
        if std::os::unix::fs::chown(&p, Some(54321), Some(54321)).is_err() {
            return;
        }
        write(&p, "old\n", "new\n").unwrap();
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!((m.uid(), m.gid()), (54321, 54321));
    }

    #[test]
    fn issue_9_links_out_of_the_project_are_refused_and_new_files_are_not_clobbered() {
        let project = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let ignore = project.path().join("copydesk.ignore.toml");
        // A dangling link: writing through it would create a file elsewhere.
        std::os::unix::fs::symlink(outside.path().join("planted.toml"), &ignore).unwrap();
        let within = WriteOptions {
            force: false,
            within: Some(project.path()),
        };
        let e = write_file(&ignore, Expect::Anything, "x", within).unwrap_err();
        assert!(e.message.contains("outside"), "{}", e.message);
        assert!(!outside.path().join("planted.toml").exists());
        // A link inside the project is followed.
        std::fs::remove_file(&ignore).unwrap();
        std::os::unix::fs::symlink("sub/ignore.toml", &ignore).unwrap();
        std::fs::create_dir(project.path().join("sub")).unwrap();
        write_file(&ignore, Expect::Absent, "x", within).unwrap();
        assert_eq!(
            std::fs::read_to_string(project.path().join("sub/ignore.toml")).unwrap(),
            "x"
        );
        let e = write_file(&ignore, Expect::Absent, "y", within).unwrap_err();
        assert_eq!(e.message, "already exists; not overwritten");
        // A new file gets the usual mode, not the temporary file's 0600.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(project.path().join("sub/ignore.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_ne!(mode & 0o044, 0, "{mode:o}");
    }
}
