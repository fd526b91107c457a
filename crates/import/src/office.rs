//! Formats read through LibreOffice (`.doc`, `.wps`, anything else it opens): the file is
//! converted to DOCX in a temporary folder with its own LibreOffice profile, so that a
//! running LibreOffice or a damaged profile does not get in the way; the conversion is
//! killed when it takes longer than the timeout.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::ImportError;

/// Where LibreOffice usually is, after `soffice`/`libreoffice` on the PATH.
fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            for name in ["soffice", "libreoffice", "soffice.exe"] {
                out.push(dir.join(name));
            }
        }
    }
    for p in [
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
        "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
    ] {
        out.push(PathBuf::from(p));
    }
    out
}

/// The LibreOffice program, if installed. `JOBDOC_SOFFICE` names it when it is somewhere
/// else (and, naming nothing, stands for "not installed").
pub fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JOBDOC_SOFFICE") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    candidates().into_iter().find(|p| p.is_file())
}

/// Converts `bytes` (a file called `file_name`) to DOCX with LibreOffice at `soffice`.
pub fn convert_to_docx(
    soffice: &Path,
    bytes: &[u8],
    file_name: &str,
    timeout: Duration,
) -> Result<Vec<u8>, ImportError> {
    let failed = |detail: String| ImportError::ConversionFailed { detail };
    let dir = tempfile::tempdir().map_err(|e| failed(format!("no temporary folder: {e}")))?;
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()) && e.len() <= 5)
        .unwrap_or("doc");
    let input = dir.path().join(format!("input.{ext}"));
    std::fs::write(&input, bytes).map_err(|e| failed(format!("cannot write a copy: {e}")))?;
    let profile = dir.path().join("profile");
    let out_dir = dir.path().join("out");
    let profile_url = format!("file://{}", profile.display()).replace('\\', "/");
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("cannot start {}: {e}", soffice.display())))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ImportError::ConversionTimeout {
                    seconds: timeout.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(e.to_string()));
            }
        }
    }
    let output = out_dir.join("input.docx");
    std::fs::read(&output).map_err(|_| failed("LibreOffice could not open the file".into()))
}
