//! Reading what can be read only once (issue 13): FIFOs and standard input are never
//! opened twice, bounded, and read to the same result as a file; error headers count every
//! problem, not the listed ones.

mod common;

use common::{antq, stderr, stdout};
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// A path of its own for each call (tests run in parallel).
fn temp_path(name: &str) -> std::path::PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::env::temp_dir().join(format!("antq-reading-{}-{n}-{name}", std::process::id()))
}

/// A malformed dataset: an unknown field on line 2.
const MALFORMED: &str = "{\"format_version\": 1, \"units\": [\n  {\"id\": \"C\", \"name\": \"C\", \"kind\": \"commune\", \"subkind\": \"xa\", \"parnt\": \"P\"}]}\n";

/// A dataset with a name over the string limit (64 KiB).
fn over_a_limit() -> String {
    format!(
        "{{\"format_version\": 1, \"units\": [{{\"id\": \"C\", \"name\": \"{}\", \"kind\": \"commune\", \"subkind\": \"xa\"}}]}}",
        "x".repeat(70_000)
    )
}

/// Runs `antq args…` (with `{}` in an argument replaced by `path`) on a FIFO at `path`
/// fed `text`, failing the test if it has not finished within 60 s.
#[cfg(unix)]
fn through_fifo(args: &[&str], text: String) -> Output {
    let fifo = temp_path("fifo.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());
    let p = fifo.display().to_string();
    let args: Vec<String> = args.iter().map(|a| a.replace("{}", &p)).collect();
    let child = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run antq");
    let pid = child.id();
    // Opening a FIFO for writing waits for its reader: antq opens it once.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(&fifo).expect("open the FIFO");
            let _ = f.write_all(text.as_bytes());
        })
    };
    // Its output is read while it runs (a full pipe would stop it).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let Ok(out) = rx.recv_timeout(Duration::from_secs(60)) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        let _ = std::fs::remove_file(&fifo);
        panic!("antq {args:?} on a FIFO did not finish in 60 s");
    };
    writer.join().expect("writer");
    let _ = std::fs::remove_file(&fifo);
    out.expect("output")
}

#[cfg(unix)]
#[test]
fn a_fifo_with_a_problem_is_read_once_and_the_problem_located() {
    let o = through_fifo(&["evaluate", "--year", "2023", "{}"], MALFORMED.to_owned());
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("fifo.json:2:") && e.contains("unknown field `parnt`"), "{e}");

    let o = through_fifo(&["stats", "{}", "--year", "2023"], over_a_limit());
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("[limit]") && e.contains("max_string_bytes = 65536"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_sound_fifo_reads_as_the_file_does() {
    let text = antq(&["generate", "--units", "300"]).stdout;
    let file = temp_path("g.json");
    std::fs::write(&file, &text).expect("write");
    let from_file = antq(&["evaluate", "--year", "2023", "--format", "json", &file.display().to_string()]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    let o = through_fifo(
        &["evaluate", "--year", "2023", "--format", "json", "{}"],
        String::from_utf8(text).expect("UTF-8"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout, from_file.stdout);
    let _ = std::fs::remove_file(file);
}

/// `antq args…` with `text` on standard input.
fn with_stdin(args: &[&str], text: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run antq");
    let mut stdin = child.stdin.take().expect("stdin");
    let text = text.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&text);
    });
    let o = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    o
}

#[test]
fn standard_input_reads_as_the_file_does_and_locates_problems() {
    let text = antq(&["generate", "--units", "300"]).stdout;
    let file = temp_path("s.json");
    std::fs::write(&file, &text).expect("write");
    let from_file = antq(&["evaluate", "--year", "2023", "--format", "json", &file.display().to_string()]);
    let from_stdin = with_stdin(&["evaluate", "--year", "2023", "--format", "json", "-"], &text);
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    let _ = std::fs::remove_file(file);

    let o = with_stdin(&["evaluate", "--year", "2023", "-"], MALFORMED.as_bytes());
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("standard input:2:"), "{}", stderr(&o));
    // TOML is told from its text.
    let toml = "format_version = 1\n[[units]]\nid = \"C\"\nname = \"Xã C\"\nkind = \"commune\"\nsubkind = \"xa\"\n";
    let o = with_stdin(&["stats", "-", "--year", "2023", "--format", "csv"], toml.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\nC,Xã C,commune,"), "{}", stdout(&o));
}

#[test]
fn the_header_counts_every_problem_not_the_listed_ones() {
    let ev: Vec<String> = (0..391).map(|i| format!("{{\"unit\": \"X{i}\", \"year\": 2023}}")).collect();
    let text = format!(
        "{{\"format_version\": 1, \"units\": [{{\"id\": \"C\", \"name\": \"C\", \"kind\": \"commune\", \"subkind\": \"xa\"}}],\n\"evidence\": [\n{}]}}",
        ev.join(",\n")
    );
    let o = with_stdin(&["evaluate", "--year", "2023", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(4));
    let e = stderr(&o);
    assert!(e.contains("invalid dataset (391 problems):"), "{e}");
    assert!(e.contains("… and 291 more problems not listed"), "{e}");
    assert_eq!(e.lines().filter(|l| l.contains("[unknown_unit]")).count(), 100, "{e}");
}
