//! A stream that can be read only once (standard input, a pipe, a FIFO, a device) copied
//! to a temporary file, within the document size limit, so that it can be read as a file
//! is: record by record, then again from the start to locate problems. Its text is never
//! held whole in memory beside the dataset it becomes.
//!
//! The file is created anew (never an existing one) in the system's temporary folder,
//! readable by its owner only; on Unix its name is removed at once (the open file stays
//! readable, and nothing is left behind even if the process is killed), elsewhere when
//! the spool is dropped.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

/// A temporary file holding a copy of a stream, removed when dropped.
#[derive(Debug)]
pub(crate) struct Spool {
    /// The copy, positioned at its start.
    pub file: File,
    /// The file's name while it has one (removed on drop).
    path: Option<PathBuf>,
}

impl Spool {
    /// Copies `reader` into a new temporary file, refusing it with [`Error::Io`] (naming
    /// `name`) as soon as it is over `max_bytes`, as [`crate::read_limited`] does.
    /// `Ok(None)` when no temporary file can be made: nothing has been read yet.
    pub(crate) fn copy(reader: &mut impl Read, name: &str, max_bytes: usize) -> Result<Option<Spool>> {
        let Some(mut spool) = Spool::create() else { return Ok(None) };
        let io = |message: String| Error::Io { path: name.to_owned(), message };
        let cap = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
        let copied = std::io::copy(&mut reader.take(cap), &mut spool.file)
            .map_err(|e| io(format!("{e} (while copying it to a temporary file, to read it as a file is read)")))?;
        if copied > max_bytes as u64 {
            return Err(io(format!("more than {max_bytes} bytes: over the limit max_document_bytes = {max_bytes}")));
        }
        spool.file.flush().and_then(|()| spool.file.rewind()).map_err(|e| io(e.to_string()))?;
        Ok(Some(spool))
    }

    /// A new, empty temporary file, or `None` when the system gives none.
    fn create() -> Option<Spool> {
        #[cfg(target_family = "wasm")]
        {
            None
        }
        #[cfg(not(target_family = "wasm"))]
        {
            use std::sync::atomic::{AtomicU32, Ordering};
            static NEXT: AtomicU32 = AtomicU32::new(0);
            let dir = std::env::temp_dir();
            for _ in 0..16 {
                let n = NEXT.fetch_add(1, Ordering::Relaxed);
                let path = dir.join(format!(".antq-spool-{}-{n}", std::process::id()));
                let mut options = std::fs::OpenOptions::new();
                options.read(true).write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                match options.open(&path) {
                    Ok(file) => {
                        // On Unix the open file outlives its name: remove the name now.
                        let path = if cfg!(unix) && std::fs::remove_file(&path).is_ok() { None } else { Some(path) };
                        return Some(Spool { file, path });
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(_) => return None,
                }
            }
            None
        }
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_copied_within_the_limit_and_leaves_nothing_behind() {
        let mut spool = Spool::copy(&mut &b"{\"a\": 1}"[..], "-", 8).unwrap().expect("a temporary file");
        let mut text = String::new();
        spool.file.read_to_string(&mut text).unwrap();
        assert_eq!(text, "{\"a\": 1}");
        let kept = spool.path.clone();
        drop(spool);
        assert!(kept.is_none_or(|p| !p.exists()));
        let e = Spool::copy(&mut std::io::repeat(b'x'), "standard input", 1000).unwrap_err();
        assert_eq!(e.code(), "io");
        assert!(e.to_string().contains("over the limit max_document_bytes = 1000"), "{e}");
    }
}
