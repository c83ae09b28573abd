//! Reading input: JSON and TOML documents with errors that name the place ([`source`]),
//! TOML read through the JSON path ([`toml_json`]), the format version checked first
//! ([`version`]), the flat raw forms of tagged records ([`raw`]), the limits on what is read
//! ([`limits`]), a JSON dataset read record by record ([`stream`]), a stream read once
//! copied to a temporary file to be read as a file is ([`spool`]), and (feature `columnar`)
//! datasets in Parquet, Arrow IPC, CSV and `.xlsx` table files ([`columnar`]).

use crate::error::{Error, Result};

#[cfg(feature = "columnar")]
pub mod columnar;
#[cfg(test)]
mod limit_tests;
pub(crate) mod limits;
pub(crate) mod raw;
pub(crate) mod source;
pub(crate) mod spool;
pub(crate) mod stream;
pub(crate) mod syntax_vi;
pub(crate) mod toml_json;
pub(crate) mod version;

/// Reads a file into a string, mapping failures to [`Error::Io`]; at most
/// [`source::MAX_DOCUMENT_BYTES`] are read, whatever the file is (pipes and devices too).
pub(crate) fn read_file(path: &std::path::Path) -> Result<String> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    read_limited(file, &name, source::MAX_DOCUMENT_BYTES)
}

/// A document file's text, read within `max_bytes` whatever the file is (a regular file,
/// a pipe, a device): what the CLI and Python read a ranking, medal or other document path
/// with. A missing or unreadable file is an `io` error naming the path.
///
/// ```
/// let e = antq::read_file_limited(std::path::Path::new("no/such.json"), 1000).unwrap_err();
/// assert_eq!(e.code(), "io");
/// ```
pub fn read_file_limited(path: &std::path::Path, max_bytes: usize) -> Result<String> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    read_limited(file, &name, max_bytes)
}

/// Reads UTF-8 text from `reader` (a file, a pipe, standard input), refusing it with
/// [`Error::Io`] as soon as it is over `max_bytes`: the limit holds while reading, so an
/// endless or huge stream is never held in memory. `name` is used in the error.
///
/// ```
/// let e = antq::read_limited(std::io::repeat(b'x'), "-", 1000).unwrap_err();
/// assert_eq!(e.code(), "io");
/// assert!(e.to_string().contains("over the limit max_document_bytes = 1000"));
/// assert_eq!(antq::read_limited(&b"{}"[..], "-", 2).unwrap(), "{}");
/// ```
pub fn read_limited(reader: impl std::io::Read, name: &str, max_bytes: usize) -> Result<String> {
    use std::io::Read as _;
    let io = |message: String| Error::Io { path: name.to_owned(), message };
    let mut buf = Vec::new();
    let cap = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut buf).map_err(|e| io(e.to_string()))?;
    if buf.len() > max_bytes {
        return Err(io(format!("more than {max_bytes} bytes: over the limit max_document_bytes = {max_bytes}")));
    }
    String::from_utf8(buf).map_err(|e| io(format!("not UTF-8 text ({e})")))
}
