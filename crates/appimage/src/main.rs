//! `Jobdoc-<version>-x86_64.AppImage`: unpacks itself once into the user's cache and runs
//! the app (see the library's documentation).

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

use jobdoc_appimage::{cache_dir, ensure_unpacked, image_key, image_offset, prune, unpack};

const HELP: &str = "\
Jobdoc AppImage. Runs Jobdoc (file arguments are passed on); the first start unpacks the
application into ~/.cache/jobdoc/appimage/ (no FUSE needed).

  --appimage-extract   unpack into ./squashfs-root and exit
  --appimage-offset    print where the image starts in this file
  --appimage-version   print this runtime's version
  --appimage-help      this text";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("Jobdoc AppImage: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let image = std::env::current_exe().map_err(|e| format!("cannot find itself: {e}"))?;
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let offset = image_offset(&image).map_err(|e| e.to_string())?;
    match args.first().and_then(|a| a.to_str()) {
        Some("--appimage-help") => {
            println!("{HELP}");
            return Ok(ExitCode::SUCCESS);
        }
        Some("--appimage-version") => {
            println!("jobdoc-appimage-runtime {}", env!("CARGO_PKG_VERSION"));
            return Ok(ExitCode::SUCCESS);
        }
        Some("--appimage-offset") => {
            println!("{offset}");
            return Ok(ExitCode::SUCCESS);
        }
        Some("--appimage-extract") => {
            let dest = Path::new("squashfs-root");
            let n = unpack(&image, offset, dest).map_err(|e| e.to_string())?;
            println!("{n} entries unpacked into {}", dest.display());
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let home = std::env::var("HOME").ok();
    let cache = cache_dir(
        std::env::var("XDG_CACHE_HOME").ok().as_deref(),
        home.as_deref(),
    )
    .ok_or("neither XDG_CACHE_HOME nor HOME is set: nowhere to unpack the application")?;
    let key = image_key(&image, offset).map_err(|e| e.to_string())?;
    let appdir = ensure_unpacked(&image, offset, &cache, &key).map_err(|e| e.to_string())?;
    prune(&cache, &appdir, SystemTime::now());
    let owd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    // AppImage's environment contract: where the image is, where it is unpacked, how it was
    // called and from where.
    let error = Command::new(appdir.join("AppRun"))
        .args(&args)
        .env("APPIMAGE", &image)
        .env("APPDIR", &appdir)
        .env("OWD", &owd)
        .env("ARGV0", std::env::args_os().next().unwrap_or_default())
        .exec();
    Err(format!(
        "cannot start {}: {error}",
        appdir.join("AppRun").display()
    ))
}
