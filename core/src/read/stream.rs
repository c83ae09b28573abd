//! Reading a JSON dataset from a file record by record, so that the file's text is never
//! held whole beside the dataset it becomes (peak memory: the dataset and one buffer).
//!
//! The top-level object is scanned by hand; each record (`units[i]`, `evidence[i]`, …) is
//! cut out of a bounded buffer and parsed with serde on its own. Anything unusual — a
//! syntax error, a limit, an unknown field, another format version, a record serde
//! refuses — gives up ([`Outcome::Retry`]) and the caller reads the file whole as before,
//! which reports the problem with its line and column. The two readers therefore accept
//! the same files and give the same dataset (`stream_equals_whole_text` below).

use crate::model::dataset::{DATASET_FORMAT_VERSION, Dataset, DatasetMeta};
use crate::read::limits::Limits;
use serde::de::DeserializeOwned;
use std::io::Read;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// What the streaming reader made of a file.
pub(crate) enum Outcome {
    /// The dataset, exactly as the whole-text reader would give it.
    Read(Dataset),
    /// Something to report: read the file whole to say what and where.
    Retry,
}

/// Reads a JSON dataset from `reader`, within `limits` (document size, nesting depth and
/// string lengths; counts are the caller's, as for the whole-text reader).
pub(crate) fn read_dataset(reader: impl Read, limits: &Limits) -> std::io::Result<Outcome> {
    let mut s = Scanner {
        reader,
        chunk: vec![0; CHUNK].into_boxed_slice(),
        buf: Vec::with_capacity(2 * CHUNK),
        pos: 0,
        read: 0,
        eof: false,
        limits,
    };
    Ok(match s.dataset()? {
        Some(ds) => Outcome::Read(ds),
        None => Outcome::Retry,
    })
}

struct Scanner<'l, R> {
    reader: R,
    /// What one read gives.
    chunk: Box<[u8]>,
    /// The bytes read and not yet parsed (the record being cut out, and what follows).
    buf: Vec<u8>,
    /// Next unread byte in `buf`.
    pos: usize,
    /// Bytes read from the reader so far.
    read: usize,
    eof: bool,
    limits: &'l Limits,
}

/// `None`: give up and let the whole-text reader report.
type Step<T> = std::io::Result<Option<T>>;

impl<R: Read> Scanner<'_, R> {
    /// Drops the bytes before `keep` and reads more; false at the end of the input or over
    /// the document size limit (then the whole-text reader reports it).
    fn fill(&mut self, keep: usize) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.buf.drain(..keep);
        self.pos -= keep;
        let n = loop {
            match self.reader.read(&mut self.chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.buf.extend_from_slice(&self.chunk[..n]);
        self.read += n;
        if n == 0 || self.read > self.limits.max_document_bytes {
            self.eof = true;
        }
        Ok(n > 0 && self.read <= self.limits.max_document_bytes)
    }

    /// The next byte that is not white space (not consumed).
    fn peek(&mut self) -> Step<u8> {
        loop {
            while let Some(&b) = self.buf.get(self.pos) {
                if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                    self.pos += 1;
                } else {
                    return Ok(Some(b));
                }
            }
            if !self.fill(self.pos)? {
                return Ok(None);
            }
        }
    }

    /// Consumes `want` (after white space).
    fn eat(&mut self, want: u8) -> Step<()> {
        Ok(match self.peek()? {
            Some(b) if b == want => {
                self.pos += 1;
                Some(())
            }
            _ => None,
        })
    }

    /// Cuts out the next value (after white space) and parses it as `T`; `depth` is the
    /// nesting depth it starts at, for the depth limit.
    fn value<T: DeserializeOwned>(&mut self, depth: usize) -> Step<T> {
        if self.peek()?.is_none() {
            return Ok(None);
        }
        let Some(end) = self.value_end(depth)? else { return Ok(None) };
        let parsed = serde_json::from_slice(&self.buf[self.pos..end]).ok();
        self.pos = end;
        Ok(parsed)
    }

    /// The end of the value starting at `pos`, reading more as needed; `None` when it is
    /// cut short, too deep, or holds a string over the limit.
    fn value_end(&mut self, start_depth: usize) -> Step<usize> {
        let (mut i, mut depth, mut string) = (self.pos, 0usize, None::<usize>);
        loop {
            while let Some(&b) = self.buf.get(i) {
                if let Some(from) = string {
                    match b {
                        b'\\' => {
                            if i + 1 >= self.buf.len() {
                                break; // the escaped byte is in the next chunk
                            }
                            i += 1;
                        }
                        b'"' => {
                            if i - from - 1 > self.limits.max_string_bytes {
                                return Ok(None);
                            }
                            string = None;
                            if depth == 0 {
                                return Ok(Some(i + 1));
                            }
                        }
                        _ => {}
                    }
                } else {
                    match b {
                        b'"' => string = Some(i),
                        b'{' | b'[' => {
                            depth += 1;
                            if start_depth + depth > self.limits.max_nesting_depth {
                                return Ok(None);
                            }
                        }
                        b'}' | b']' if depth > 0 => {
                            depth -= 1;
                            if depth == 0 {
                                return Ok(Some(i + 1));
                            }
                        }
                        b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' if depth == 0 => return Ok(Some(i)),
                        _ => {}
                    }
                }
                i += 1;
            }
            let keep = self.pos;
            if !self.fill(keep)? {
                // A scalar may end the input; anything open is cut short.
                return Ok((depth == 0 && string.is_none() && i - keep > 0).then_some(i - keep));
            }
            i -= keep;
            string = string.map(|s| s - keep);
        }
    }

    /// The elements of an array at depth 1 (after its key), each parsed as `T`.
    fn array<T: DeserializeOwned>(&mut self, out: &mut Vec<T>) -> Step<()> {
        if self.eat(b'[')?.is_none() {
            return Ok(None);
        }
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Ok(Some(()));
        }
        loop {
            let Some(v) = self.value::<T>(2)? else { return Ok(None) };
            out.push(v);
            match self.peek()? {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    // What doubling left over is given back: the dataset is held for long.
                    out.shrink_to_fit();
                    return Ok(Some(()));
                }
                _ => return Ok(None),
            }
        }
    }

    fn dataset(&mut self) -> Step<Dataset> {
        // A UTF-8 byte order mark is not part of the document (as in `Source::new`).
        while self.buf.len() < 3 && self.fill(0)? {}
        if self.buf.starts_with(b"\xEF\xBB\xBF") {
            self.pos = 3;
        }
        if self.eat(b'{')?.is_none() {
            return Ok(None);
        }
        let mut ds = Dataset::default();
        let (mut version, mut seen) = (None, Vec::<String>::new());
        if self.peek()? == Some(b'}') {
            return Ok(None); // no format_version: the whole-text reader says so
        }
        loop {
            let Some(key) = self.value::<String>(1)? else { return Ok(None) };
            if seen.contains(&key) || self.eat(b':')?.is_none() {
                return Ok(None);
            }
            let done = match key.as_str() {
                "format_version" => self.value::<u32>(1)?.map(|v| version = Some(v)),
                "meta" => self.value::<DatasetMeta>(1)?.map(|m| ds.meta = m),
                "units" => self.array(&mut ds.units)?,
                "evidence" => self.array(&mut ds.evidence)?,
                "incidents" => self.array(&mut ds.incidents)?,
                "activities" => self.array(&mut ds.activities)?,
                _ => None,
            };
            if done.is_none() {
                return Ok(None);
            }
            seen.push(key);
            match self.peek()? {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Ok(None),
            }
        }
        // Only white space may follow; `units` and the version are required.
        if self.peek()?.is_some()
            || self.read > self.limits.max_document_bytes
            || version != Some(DATASET_FORMAT_VERSION)
            || !seen.iter().any(|k| k == "units")
        {
            return Ok(None);
        }
        Ok(Some(ds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(text: &str, limits: &Limits) -> Option<Dataset> {
        // A reader giving a few bytes at a time, so records straddle the chunks.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(self.0.len()).min(7);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        match read_dataset(Trickle(text.as_bytes()), limits).unwrap() {
            Outcome::Read(ds) => Some(ds),
            Outcome::Retry => None,
        }
    }

    #[test]
    fn stream_equals_whole_text() {
        let sample = crate::synthetic::sample::SAMPLE_JSON;
        let whole = Dataset::from_str_named("s.json", sample).unwrap();
        assert_eq!(streamed(sample, &Limits::default()).unwrap(), whole);
        let compact = serde_json::to_string(&whole).unwrap();
        assert_eq!(streamed(&compact, &Limits::default()).unwrap(), whole);
        assert_eq!(streamed(&format!("\u{feff}{compact}"), &Limits::default()).unwrap(), whole);
    }

    #[test]
    fn anything_unusual_is_left_to_the_whole_text_reader() {
        let ok = r#"{"format_version": 1, "units": [{"id": "P", "name": "T\"ỉ\\nh", "kind": "province", "subkind": "tinh"}]}"#;
        assert_eq!(streamed(ok, &Limits::default()).unwrap().units[0].name, "T\"ỉ\\nh");
        for bad in [
            "",
            "{}",
            "[]",
            r#"{"format_version": 2, "units": []}"#,
            r#"{"units": []}"#,
            r#"{"format_version": 1}"#,
            r#"{"format_version": 1, "units": [], "regions": []}"#,
            r#"{"format_version": 1, "units": [], "units": []}"#,
            r#"{"format_version": 1, "units": [{"id": 1}]}"#,
            r#"{"format_version": 1, "units": [] "evidence": []}"#,
            r#"{"format_version": 1, "units": []} x"#,
            r#"{"format_version": 1, "units": [}"#,
            r#"{"format_version": 1, "units": ["#,
            r#"{"format_version": 1, "units": [{"id": "P", "name": "T"#,
            r#"{"format_version": 1, "evidence": null, "units": []}"#,
        ] {
            assert!(streamed(bad, &Limits::default()).is_none(), "{bad}");
        }
        let with = |f: fn(&mut Limits)| {
            let mut l = Limits::default();
            f(&mut l);
            l
        };
        assert!(streamed(ok, &with(|l| l.max_string_bytes = 3)).is_none());
        assert!(streamed(ok, &with(|l| l.max_nesting_depth = 2)).is_none());
        let size = ok.len();
        let mut l = Limits { max_document_bytes: size - 1, ..Limits::default() };
        assert!(streamed(ok, &l).is_none());
        l.max_document_bytes = size;
        assert!(streamed(ok, &l).is_some());
    }
}
