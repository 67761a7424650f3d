//! Writing a report to a file: all or nothing, and without leaving the disk's work to the end.
//!
//! The report goes to a temporary file beside the target, is flushed to the disk, and only
//! then takes the target's name, so that a reader sees the old report or the whole new one,
//! never part of one. A report on a large corpus runs to hundreds of megabytes: the bytes are
//! handed to a second thread that writes them and flushes them to the disk as they come, so
//! that the wait for the disk overlaps the formatting instead of following it.
//!
//! A run interrupted while it writes (Ctrl-C, `kill`, a closed terminal: SIGINT, SIGTERM,
//! SIGHUP) removes its temporary file before it exits with the conventional 128 + the
//! signal's number (130, 143, 129): a report of hundreds of megabytes is not left hidden
//! beside the target.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Mutex, MutexGuard};

use anyhow::Context;

/// Bytes gathered before they are handed to the writing thread.
const BLOCK: usize = 1 << 20;
/// Blocks waiting for the writing thread before the formatting waits for it.
const QUEUE: usize = 8;
/// Bytes written between two flushes to the disk.
const FLUSH_EVERY: usize = 32 << 20;

/// The temporary files being written, which an interruption removes. A file leaves the list
/// while the lock is held for its rename, so that an interruption either removes it or finds
/// it renamed into place, never half of each.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file on the [`PENDING`] list until it is renamed into place; dropped before,
/// it is removed from the disk and from the list at once.
struct Pending {
    path: PathBuf,
}

impl Pending {
    /// Creates a temporary file in `dir` and puts it on the list in one hold of the lock, the
    /// handler of interruptions installed before: an interruption at any moment finds the
    /// file on the list, or no file.
    fn create(
        builder: &tempfile::Builder<'_, '_>,
        dir: &Path,
    ) -> io::Result<(tempfile::NamedTempFile, Pending)> {
        clean_up_on_interruption();
        let mut list = pending();
        let temp = builder.tempfile_in(dir)?;
        list.push(temp.path().to_path_buf());
        let path = temp.path().to_path_buf();
        Ok((temp, Pending { path }))
    }

    /// Renames the file into place with `rename`, and takes it off the list in the same
    /// hold of the lock.
    fn rename<T>(self, rename: impl FnOnce() -> T) -> T {
        let mut list = pending();
        let renamed = rename();
        list.retain(|p| p != &self.path);
        drop(list);
        // Renamed (or removed by the failed rename's clean-up): nothing is left to remove, and
        // a file that takes the temporary name later is not ours.
        std::mem::forget(self);
        renamed
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut list = pending();
        let _ = std::fs::remove_file(&self.path);
        list.retain(|p| p != &self.path);
    }
}

/// Installs, once, a thread that waits for SIGINT, SIGTERM or SIGHUP, removes the pending
/// temporary files and ends the process with 128 + the signal's number. Ending the process
/// from here is the point: the signal has asked for it, and the work in progress is dropped.
#[cfg(unix)]
fn clean_up_on_interruption() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // Without the handler an interruption still ends the run, only leaving the file.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let list = pending();
                for path in list.iter() {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn clean_up_on_interruption() {}

/// Writes what `write` produces to `path`, replacing the file only once all of it is written
/// and on the disk. On any failure nothing is left behind and a previous file is untouched.
///
/// Only a regular file is replaced so: a link to one replaces the file it points at and keeps
/// the link; a device, a pipe or a socket (`/dev/null`, `/dev/stdout`, a FIFO), or a link to
/// one, is written in place, never replaced by a file; a folder is refused.
pub fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    match std::fs::metadata(path) {
        Ok(existing) if existing.is_dir() => {
            anyhow::bail!("{}: is a folder, not a file", path.display())
        }
        Ok(existing) if !existing.is_file() => return write_in_place(path, write),
        _ => {}
    }
    let linked;
    let path = match std::fs::symlink_metadata(path) {
        Ok(link) if link.file_type().is_symlink() => {
            linked = path.canonicalize().with_context(|| {
                format!("{}: a link to nowhere; cannot follow it", path.display())
            })?;
            linked.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".quotedrift-").suffix(".tmp");
    // A report is an ordinary file: keep the permissions of the one it replaces, or give a
    // new one the usual rw-r--r-- rather than the temporary file's private mode.
    match std::fs::metadata(path) {
        Ok(existing) => {
            builder.permissions(existing.permissions());
        }
        Err(_) => set_default_permissions(&mut builder),
    }
    let (temp, registered) = Pending::create(&builder, &dir).with_context(|| {
        format!(
            "{}: cannot create a file in {}",
            path.display(),
            dir.display()
        )
    })?;
    write_through(temp.as_file(), write)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    registered
        .rename(|| temp.persist(path))
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot replace the file", path.display()))?;
    Ok(())
}

/// Writes to a file that is not a regular file (a device, a pipe) where it is: such a file
/// cannot be replaced atomically, and replacing it would destroy it.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("{}: cannot open for writing", path.display()))?;
    let mut out = io::BufWriter::with_capacity(BLOCK, file);
    write(&mut out)
        .and_then(|()| out.flush())
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// Runs `write` with a writer whose bytes a second thread writes to `file`, flushing them to
/// the disk every [`FLUSH_EVERY`] bytes and once more at the end. The writing thread's own
/// error, if it failed, is the one returned: it explains why the hand-off stopped.
fn write_through(
    file: &File,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel(QUEUE);
        let writer = scope.spawn(move || drain(file, receiver));
        let mut handoff = Handoff {
            buffer: Vec::with_capacity(BLOCK),
            sender,
        };
        let written = write(&mut handoff).and_then(|()| handoff.flush());
        drop(handoff);
        let drained = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writing thread failed")));
        drained.and(written)
    })
}

/// The writing thread: every block in order, and a last flush to the disk (data and
/// metadata) when the blocks end. Every [`FLUSH_EVERY`] bytes it asks a third thread to flush
/// what is written so far, without waiting for it: the writing goes on while the disk works,
/// and the last flush has only the tail left to do.
fn drain(file: &File, blocks: Receiver<Vec<u8>>) -> io::Result<()> {
    std::thread::scope(|scope| {
        // One request waits at most: a request made while one waits adds nothing.
        let (ask, asked) = sync_channel::<()>(1);
        let flusher = scope.spawn(move || -> io::Result<()> {
            for () in asked {
                file.sync_data()?;
            }
            Ok(())
        });
        let written = (|| {
            let mut out = file;
            let mut unflushed = 0;
            for block in blocks {
                out.write_all(&block)?;
                unflushed += block.len();
                if unflushed >= FLUSH_EVERY {
                    // Full: a flush is pending, which will take this too. Gone: the flusher
                    // failed, and its error is reported below.
                    let _ = ask.try_send(());
                    unflushed = 0;
                }
            }
            Ok(())
        })();
        drop(ask);
        let flushed = flusher
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the flushing thread failed")));
        written.and(flushed).and_then(|()| file.sync_all())
    })
}

/// The formatting side: bytes gathered into blocks and sent to the writing thread.
struct Handoff {
    buffer: Vec<u8>,
    sender: SyncSender<Vec<u8>>,
}

impl Handoff {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.buffer, Vec::with_capacity(BLOCK));
        self.sender
            .send(full)
            .map_err(|_| io::Error::other("the writing thread stopped"))
    }
}

impl Write for Handoff {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= BLOCK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

#[cfg(unix)]
fn set_default_permissions(builder: &mut tempfile::Builder<'_, '_>) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_default_permissions(_builder: &mut tempfile::Builder<'_, '_>) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_keeps_its_place_and_the_file_it_points_at_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, "previous").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace_file(&link, |w| w.write_all(b"new")).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        let result = replace_file(&target, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        let message = format!("{:#}", result.unwrap_err());
        assert!(
            message.contains("report.json") && message.contains("disk full"),
            "{message}"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "nothing partial remains: {left:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_report() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        std::fs::write(&target, "previous").unwrap();
        let result = replace_file(&target, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn every_byte_arrives_in_order_across_many_blocks_and_flushes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        // Writes of uneven sizes, some larger than a block, past several flushes.
        let pieces: Vec<Vec<u8>> = (0..400u32)
            .map(|i| {
                let len = (i as usize * 7919) % (3 * BLOCK / 2) + 1;
                (0..len).map(|k| (k as u32 ^ i) as u8).collect()
            })
            .collect();
        let expected: Vec<u8> = pieces.concat();
        assert!(expected.len() > 2 * FLUSH_EVERY);
        replace_file(&target, |w| {
            for piece in &pieces {
                w.write_all(piece)?;
            }
            Ok(())
        })
        .unwrap();
        assert!(std::fs::read(&target).unwrap() == expected);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failure_of_the_writing_thread_is_the_error_reported() {
        // A writer that cannot write: the file is opened read-only.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read-only");
        std::fs::write(&path, "").unwrap();
        let file = File::open(&path).unwrap();
        let error = write_through(&file, |w| {
            for _ in 0..64 {
                w.write_all(&[b'x'; BLOCK])?;
            }
            Ok(())
        })
        .unwrap_err();
        // The operating system's refusal (a descriptor not open for writing), not the
        // hand-off's "the writing thread stopped".
        assert!(
            error.raw_os_error().is_some(),
            "the cause, not the hand-off: {error}"
        );
    }
}
