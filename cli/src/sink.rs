//! Where commands write: standard output, locked and buffered, with every write error
//! returned (never a panic), escaped for the terminal in table and text output; and `-o`
//! files written to a temporary file in the same directory, renamed into place.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// What a command can fail with: the library's errors, and writing its output.
#[derive(Debug)]
pub enum CliError {
    /// An error of the library (reading, validating, evaluating).
    Antq(antq::Error),
    /// The output could not be written (a full disk, a removed directory…).
    Write {
        /// The file written, or `standard output`.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The reader of standard output went away (`antq … | head`): the command stops quietly.
    ClosedPipe,
}

impl From<antq::Error> for CliError {
    fn from(e: antq::Error) -> Self {
        CliError::Antq(e)
    }
}

/// The result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;

fn write_error(path: &str, e: &io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CliError::ClosedPipe
    } else {
        CliError::Write { path: path.to_owned(), message: e.to_string() }
    }
}

const STDOUT: &str = "standard output";

thread_local! {
    static OUT: RefCell<Option<BufWriter<io::StdoutLock<'static>>>> = const { RefCell::new(None) };
    static TEXT: Cell<bool> = const { Cell::new(false) };
}

/// Whether output is a table or text for a terminal (escaped), rather than JSON or CSV.
pub fn set_text(on: bool) {
    TEXT.with(|t| t.set(on));
}

/// Whether output is escaped for a terminal (see [`set_text`]).
pub fn text() -> bool {
    TEXT.with(Cell::get)
}

fn raw(bytes: &[u8]) -> io::Result<()> {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.get_or_insert_with(|| BufWriter::with_capacity(1 << 16, io::stdout().lock())).write_all(bytes)
    })
}

/// Writes `s` to standard output; in text mode every control character but the line
/// break, and every bidirectional-text control, is written escaped (`\u{1b}`).
pub fn write_str(s: &str) -> CliResult {
    let s = if text() { escape(s, false) } else { Cow::Borrowed(s) };
    raw(s.as_bytes()).map_err(|e| write_error(STDOUT, &e))
}

/// Flushes standard output.
pub fn flush() -> CliResult {
    OUT.with(|o| o.borrow_mut().as_mut().map_or(Ok(()), Write::flush)).map_err(|e| write_error(STDOUT, &e))
}

/// Standard output as an [`io::Write`], unescaped (for JSON written as it is made).
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        raw(buf).map(|()| buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        OUT.with(|o| o.borrow_mut().as_mut().map_or(Ok(()), Write::flush))
    }
}

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls and DEL (ESC starts
/// the escape sequences that move the cursor or recolour), and the bidirectional controls
/// that reorder what is shown (U+200E/F, U+202A–E, U+2066–9).
pub fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every hostile character (and, with `newlines`, every line break too) written
/// as a visible escape: `\n`, `\r`, `\t`, else `\u{1b}`.
pub fn escape(s: &str, newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_hostile(c) && (newlines || c != '\n');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            _ if !bad(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A writer that refuses to take more than `left` bytes (and remembers that it did).
pub struct Limited<W> {
    pub inner: W,
    pub left: usize,
    pub over: bool,
}

impl<W: Write> Write for Limited<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() > self.left {
            self.over = true;
            return Err(io::Error::other("over the document size limit"));
        }
        let n = self.inner.write(buf)?;
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `path` through `fill` into a new temporary file in the same directory, then
/// renames it into place: a failed or killed run never leaves a truncated file where a
/// good one was. On failure the temporary file is removed and the error names `path`
/// (a broken `fill` returns its own error).
pub fn write_file(path: &Path, fill: impl FnOnce(&mut dyn Write) -> CliResult) -> CliResult {
    let name = path.display().to_string();
    let fail = |e: io::Error| CliError::Write { path: name.clone(), message: e.to_string() };
    antq::replace_file(
        path,
        |tmp| {
            let file = std::fs::File::create_new(tmp).map_err(fail)?;
            let mut w = BufWriter::with_capacity(1 << 16, file);
            fill(&mut w)?;
            w.flush().map_err(fail)
        },
        fail,
    )
}

/// Maps a failed write to `path` of a `fill` (see [`write_file`]).
pub fn io_error(path: &str, e: &io::Error) -> CliError {
    write_error(path, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_text_and_shows_controls() {
        assert!(matches!(escape("Phường Hòa — ok", true), Cow::Borrowed(_)));
        assert_eq!(escape("a\u{1b}[2Jb\nc\u{202e}d", true), "a\\u{1b}[2Jb\\nc\\u{202e}d");
        assert_eq!(escape("a\u{1b}\nb", false), "a\\u{1b}\nb");
    }
}
