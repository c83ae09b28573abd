//! Helpers shared by the CLI's end-to-end tests: run the built `antq` and read its output.

#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs the `antq` binary of this build with `args`.
pub fn antq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antq")).args(args).output().expect("run antq")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
