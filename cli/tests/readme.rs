//! The top-level README's examples are tests. Here: every `antq …` line of its `sh` blocks
//! runs against this build from the repository's root and must succeed, and the README keeps
//! its two commands first and one quick start per surface. The Rust quick start is a doctest
//! of the core (`core/src/lib.rs`, module `docs`); the Python and JavaScript ones run in
//! `bindings-python/tests/test_readme.py` and `bindings-wasm/test/node/readme.test.mjs`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root").to_path_buf()
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The bodies of the fenced blocks whose info string is exactly `lang`.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) if info.trim() == lang => current = Some(String::new()),
            (Some(body), Some("")) => {
                out.push(std::mem::take(body));
                current = None;
            }
            (Some(body), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

/// The `antq` lines of the README's shell blocks, without their comments.
fn antq_lines(text: &str) -> Vec<String> {
    blocks(text, "sh")
        .iter()
        .flat_map(|b| b.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| l.starts_with("antq "))
        .map(|l| l.split(" #").next().unwrap_or_default().trim().to_owned())
        .collect()
}

#[test]
fn every_antq_line_of_the_readme_runs() {
    let lines = antq_lines(&readme());
    assert!(lines.len() >= 3, "the README's command-line quick start has {} `antq` lines", lines.len());
    for line in &lines {
        // Plain words only: each line runs without a shell, exactly as written.
        assert!(
            !line.chars().any(|c| "|&;<>$`'\"*?()[]{}\\".contains(c)),
            "keep the README's `antq` lines free of shell syntax: {line}"
        );
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_antq")).args(&args).current_dir(root()).output().expect("run antq");
        assert!(
            out.status.success(),
            "`{line}` exited with {:?}:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "`{line}` printed nothing");
    }
}

#[test]
fn the_readme_keeps_its_two_commands_first_and_a_quick_start_per_surface() {
    let text = readme();
    let first = blocks(&text, "sh").into_iter().next().expect("a first sh block");
    let commands: Vec<&str> = first.lines().map(|l| l.split(" #").next().unwrap_or_default().trim()).collect();
    assert_eq!(commands, ["cargo run -p antq-cli -- demo", "scripts/test-all.sh"], "the README's first block");
    assert!(text.find("```sh") < text.find("```rust"), "the two commands come first");
    for lang in ["rust", "python", "js"] {
        assert_eq!(blocks(&text, lang).len(), 1, "the README has one `{lang}` quick start");
    }
    let lib = std::fs::read_to_string(root().join("core/src/lib.rs")).expect("core/src/lib.rs");
    assert!(lib.contains(r#"include_str!("../../README.md")"#), "the core compiles the README's Rust as a doctest");
}

#[test]
fn the_block_reader_finds_what_it_should() {
    let text = "x\n```sh\nantq a  # note\nls\n```\n```rust\nfn f() {}\n```\n";
    assert_eq!(blocks(text, "rust"), ["fn f() {}\n"]);
    assert_eq!(antq_lines(text), ["antq a"]);
    assert!(blocks(text, "python").is_empty());
}
