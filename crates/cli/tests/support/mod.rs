//! What the `jobdoc` command's tests share.

use std::process::{Command, Output};

/// Runs the real binary with an English locale (messages in English), as a user would.
pub fn jobdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}
