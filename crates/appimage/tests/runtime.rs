//! The start-up program as an AppImage runs it: a SquashFS image written by Debian's
//! mksquashfs (as scripts/appimage writes it) appended to the built runtime, with the type 2
//! magic, started as a program.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RUNTIME: &str = env!("CARGO_BIN_EXE_jobdoc-appimage-runtime");

/// `AppRun` of the test image: reports what it was given and reads a bundled file.
const APP_RUN: &str = r#"#!/bin/sh
printf 'appdir=%s\n' "$APPDIR"
printf 'owd=%s\n' "$OWD"
printf 'image=%s\n' "$APPIMAGE"
for arg do printf 'arg=%s\n' "$arg"; done
cat "$APPDIR/usr/share/greeting.txt"
"#;

fn mksquashfs() -> PathBuf {
    let found = Command::new("sh")
        .args([
            "-c",
            "command -v mksquashfs || ls /usr/sbin/mksquashfs /sbin/mksquashfs",
        ])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(PathBuf::from));
    found.unwrap_or_else(|| panic!("mksquashfs is missing: scripts/setup installs squashfs-tools"))
}

/// Builds `dir/Test.AppImage` from an AppDir with AppRun, a text file, a private file and a
/// symbolic link.
fn build_image(dir: &Path) -> PathBuf {
    let app = dir.join("AppDir");
    fs::create_dir_all(app.join("usr/share")).unwrap();
    fs::write(app.join("AppRun"), APP_RUN).unwrap();
    fs::set_permissions(app.join("AppRun"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(app.join("usr/share/greeting.txt"), "Здравствуйте, Jobdoc\n").unwrap();
    fs::write(app.join("usr/share/private"), "x").unwrap();
    fs::set_permissions(
        app.join("usr/share/private"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::os::unix::fs::symlink("greeting.txt", app.join("usr/share/link.txt")).unwrap();
    let squashfs = dir.join("image.squashfs");
    let status = Command::new(mksquashfs())
        .arg(&app)
        .arg(&squashfs)
        .args([
            "-quiet",
            "-noappend",
            "-root-owned",
            "-comp",
            "gzip",
            "-no-progress",
        ])
        .status()
        .unwrap();
    assert!(status.success(), "mksquashfs failed");
    let mut bytes = fs::read(RUNTIME).unwrap();
    bytes[8..11].copy_from_slice(&jobdoc_appimage::MAGIC);
    bytes.extend(fs::read(&squashfs).unwrap());
    let image = dir.join("Test.AppImage");
    fs::File::create(&image).unwrap().write_all(&bytes).unwrap();
    fs::set_permissions(&image, fs::Permissions::from_mode(0o755)).unwrap();
    image
}

fn run(image: &Path, cwd: &Path, cache: &Path, args: &[&str]) -> Output {
    // Another test's thread may fork while this one still had the image open for writing;
    // until that child execs, the kernel refuses to run the image ("text file busy").
    for _ in 0..100 {
        match Command::new(image)
            .args(args)
            .current_dir(cwd)
            .env("XDG_CACHE_HOME", cache)
            .output()
        {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            out => return out.unwrap(),
        }
    }
    panic!("{} stayed busy for 2 s", image.display())
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_appimage_unpacks_once_and_runs_app_run_with_the_contract_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let image = build_image(tmp.path());
    let (cwd, cache) = (tmp.path().join("work"), tmp.path().join("cache"));
    fs::create_dir_all(&cwd).unwrap();

    let first = run(&image, &cwd, &cache, &["file one.jobdoc", "--flag"]);
    assert!(first.status.success(), "{first:?}");
    let out = stdout(&first);
    let unpacked: Vec<PathBuf> = fs::read_dir(cache.join("jobdoc/appimage"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        unpacked.len(),
        1,
        "one unpacked image, no leftovers: {unpacked:?}"
    );
    let appdir = &unpacked[0];
    assert!(
        out.contains(&format!("appdir={}\n", appdir.display())),
        "{out}"
    );
    assert!(out.contains(&format!("owd={}\n", cwd.display())), "{out}");
    assert!(
        out.contains(&format!("image={}\n", image.display())),
        "{out}"
    );
    assert!(out.contains("arg=file one.jobdoc\narg=--flag\n"), "{out}");
    assert!(out.ends_with("Здравствуйте, Jobdoc\n"), "{out}");
    let mode = |p: &str| fs::metadata(appdir.join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("AppRun"), 0o755);
    assert_eq!(mode("usr/share/private"), 0o600);
    assert_eq!(
        fs::read_link(appdir.join("usr/share/link.txt")).unwrap(),
        PathBuf::from("greeting.txt")
    );

    // A second start runs the same unpacked folder: a file added there is still there.
    fs::write(appdir.join("usr/share/greeting.txt"), "kept\n").unwrap();
    let second = run(&image, &cwd, &cache, &[]);
    assert!(stdout(&second).ends_with("kept\n"), "{second:?}");
}

#[test]
fn the_runtime_options_extract_and_report_the_offset() {
    let tmp = tempfile::tempdir().unwrap();
    let image = build_image(tmp.path());
    let cache = tmp.path().join("cache");
    let offset = run(&image, tmp.path(), &cache, &["--appimage-offset"]);
    assert_eq!(
        stdout(&offset).trim(),
        fs::metadata(RUNTIME).unwrap().len().to_string(),
        "the image starts where the runtime ends"
    );
    let extract = run(&image, tmp.path(), &cache, &["--appimage-extract"]);
    assert!(extract.status.success(), "{extract:?}");
    assert_eq!(
        fs::read_to_string(tmp.path().join("squashfs-root/usr/share/greeting.txt")).unwrap(),
        "Здравствуйте, Jobdoc\n"
    );
    assert!(!cache.exists(), "extracting does not unpack into the cache");
}

#[test]
fn a_damaged_appimage_says_so_and_leaves_nothing_half_unpacked() {
    let tmp = tempfile::tempdir().unwrap();
    let image = build_image(tmp.path());
    let bytes = fs::read(&image).unwrap();
    let runtime_len = fs::metadata(RUNTIME).unwrap().len() as usize;
    // The download stopped a little into the image.
    fs::write(&image, &bytes[..runtime_len + 200]).unwrap();
    let cache = tmp.path().join("cache");
    let out = run(&image, tmp.path(), &cache, &[]);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains(&image.display().to_string()) && message.contains("damaged"),
        "{message}"
    );
    let left: Vec<_> = fs::read_dir(cache.join("jobdoc/appimage"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing left in the cache: {left:?}");
}
