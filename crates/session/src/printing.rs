//! Printing through CUPS's own commands with Jobdoc's print dialog, for Linux systems whose
//! GTK print dialog cannot work: Debian 12's libcups2 2.4.2-3+deb12u10 makes GTK's CUPS backend
//! spin without ever listing a printer, so the dialog (and the window under it) freezes
//! (OpenPrinting/cups#1429). There the UI asks for printer, copies, pages and two-sided
//! printing itself, `lpstat` lists the printers and `lp` sends the exported PDF: CUPS applies
//! the choices to the PDF exactly as for a job from GTK.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::SessionError;

/// The printers CUPS knows, for the print dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Printers {
    pub names: Vec<String>,
    /// The system's default printer, when one is set and listed.
    pub default: Option<String>,
}

/// What the user chose in Jobdoc's print dialog.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PrintChoice {
    pub printer: String,
    pub copies: u32,
    /// Pages as typed («1-3, 5»); empty or absent for every page.
    pub pages: Option<String>,
    /// Both sides of the sheet, turned on the long edge (portrait pages).
    pub two_sided: bool,
}

/// Whether GTK's print dialog would freeze in this process. GTK's CUPS backend uses the
/// libcups the process has loaded (`maps`, the text of /proc/self/maps) or, before the first
/// print, the one the dynamic loader will find: in a folder of `library_path`
/// (LD_LIBRARY_PATH; `has_libcups` looks there) or else the system's. The system's is judged
/// by the installed libcups2 package's version (`installed`, from dpkg): Debian 12's security
/// update 2.4.2-3+deb12u10 and later builds of 2.4.2 bring the change that makes it spin.
pub fn gtk_print_freezes(
    maps: &str,
    library_path: &str,
    has_libcups: impl Fn(&Path) -> bool,
    installed: impl FnOnce() -> Option<String>,
) -> bool {
    let loaded = maps
        .lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .find(|path| {
            Path::new(path)
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("libcups.so.2"))
        });
    let system = match loaded {
        Some(path) => path.starts_with("/usr/lib/") || path.starts_with("/lib/"),
        None => !library_path
            .split(':')
            .filter(|d| !d.is_empty())
            .any(|d| has_libcups(Path::new(d))),
    };
    system && installed().is_some_and(|v| libcups_freezes_gtk(&v))
}

/// Debian 12's libcups2 builds from 2.4.2-3+deb12u10 on (no fixed build is known yet).
pub fn libcups_freezes_gtk(version: &str) -> bool {
    version
        .strip_prefix("2.4.2-3+deb12u")
        .and_then(|n| n.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n >= 10)
}

/// The version of the installed libcups2 package, from dpkg's status file.
pub fn installed_libcups2(dpkg_status: &str) -> Option<String> {
    dpkg_status.split("\n\n").find_map(|stanza| {
        let field = |name: &str| {
            stanza
                .lines()
                .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
        };
        let package = field("Package:")?;
        let installed = field("Status:").is_some_and(|s| s.ends_with("installed"));
        (package == "libcups2" && installed)
            .then(|| field("Version:"))
            .flatten()
    })
}

/// The printers from `lpstat -e` (one destination per line) and `lpstat -d`.
pub fn parse_printers(destinations: &str, default: &str) -> Printers {
    let names: Vec<String> = destinations
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    // "system default destination: NAME" (or "no system default destination").
    let default = default
        .lines()
        .find_map(|l| {
            l.split_once("destination:")
                .map(|(_, n)| n.trim().to_owned())
        })
        .filter(|n| names.contains(n));
    Printers { names, default }
}

/// `pages` as CUPS's page list («1-3,5»), checked against a document of `count` pages; `None`
/// for every page.
pub fn page_list(pages: Option<&str>, count: usize) -> Result<Option<String>, SessionError> {
    let text = pages.map(str::trim).unwrap_or("");
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = || SessionError::InvalidPages {
        pages: text.to_owned(),
        count,
    };
    let mut parts = Vec::new();
    for part in text.split([',', ';']).map(str::trim) {
        let (from, to) = match part.split_once(['-', '–']) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let from: usize = from.parse().map_err(|_| invalid())?;
        let to: usize = to.parse().map_err(|_| invalid())?;
        if from == 0 || to < from || to > count {
            return Err(invalid());
        }
        parts.push(if from == to {
            from.to_string()
        } else {
            format!("{from}-{to}")
        });
    }
    Ok(Some(parts.join(",")))
}

/// The arguments of `lp` for `choice` (pages already checked, see [`page_list`]): A4, as every
/// Jobdoc page is, collated copies, the page list, one or two sides.
pub fn lp_arguments(
    choice: &PrintChoice,
    pages: Option<&str>,
    title: &str,
    file: &Path,
) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![
        "-d".into(),
        choice.printer.clone().into(),
        "-n".into(),
        choice.copies.max(1).to_string().into(),
        "-t".into(),
        title.into(),
        "-o".into(),
        "media=iso_a4_210x297mm".into(),
        "-o".into(),
        "collate=true".into(),
        "-o".into(),
        if choice.two_sided {
            "sides=two-sided-long-edge"
        } else {
            "sides=one-sided"
        }
        .into(),
    ];
    if let Some(pages) = pages {
        args.extend(["-P".into(), pages.into()]);
    }
    args.extend(["--".into(), file.as_os_str().to_owned()]);
    args
}

fn run(command: &mut Command, what: &str) -> Result<String, SessionError> {
    let out = command.output().map_err(|e| {
        let missing = e.kind() == std::io::ErrorKind::NotFound;
        SessionError::PrintCommand {
            detail: if missing {
                format!("{what} is not installed (Debian: apt install cups-client)")
            } else {
                format!("{what}: {e}")
            },
            missing,
        }
    })?;
    if !out.status.success() {
        return Err(SessionError::PrintCommand {
            detail: format!("{what}: {}", String::from_utf8_lossy(&out.stderr).trim()),
            missing: false,
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The printers CUPS lists (its server from `CUPS_SERVER` or the system's configuration).
pub fn list_printers() -> Result<Printers, SessionError> {
    let destinations = run(Command::new("lpstat").arg("-e"), "lpstat")?;
    // No default printer is not a failure.
    let default = run(Command::new("lpstat").arg("-d"), "lpstat").unwrap_or_default();
    let printers = parse_printers(&destinations, &default);
    if printers.names.is_empty() {
        return Err(SessionError::NoPrinters);
    }
    Ok(printers)
}

/// Sends `pdf` (of `count` pages) to the chosen printer with `lp`. The temporary file is
/// removed once `lp` has queued it (CUPS keeps its own copy).
pub fn print_pdf(
    choice: &PrintChoice,
    title: &str,
    pdf: &[u8],
    count: usize,
    spool: &Path,
) -> Result<(), SessionError> {
    let pages = page_list(choice.pages.as_deref(), count)?;
    std::fs::write(spool, pdf).map_err(|e| SessionError::NotWritten {
        path: spool.to_path_buf(),
        error: e.to_string(),
    })?;
    let sent = run(
        Command::new("lp").args(lp_arguments(choice, pages.as_deref(), title, spool)),
        "lp",
    );
    let _ = std::fs::remove_file(spool);
    sent.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_debian_builds_from_u10_on_freeze_gtk() {
        assert!(!libcups_freezes_gtk("2.4.2-3+deb12u9"));
        assert!(libcups_freezes_gtk("2.4.2-3+deb12u10"));
        assert!(libcups_freezes_gtk("2.4.2-3+deb12u11"));
        assert!(!libcups_freezes_gtk("2.4.7-1.2ubuntu7"));
        assert!(!libcups_freezes_gtk(""));
    }

    #[test]
    fn the_libcups_gtk_uses_decides() {
        let system = "7f00-7f01 r-xp 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libcups.so.2\n";
        let private =
            "7f00-7f01 r-xp 00000000 08:01 123 /home/u/.cache/jobdoc/libcups/libcups.so.2\n";
        let u10 = || Some("2.4.2-3+deb12u10".to_owned());
        let nowhere = |_: &Path| false;
        assert!(gtk_print_freezes(system, "", nowhere, u10));
        assert!(!gtk_print_freezes(private, "", nowhere, u10));
        assert!(!gtk_print_freezes(system, "", nowhere, || Some(
            "2.4.2-3+deb12u9".into()
        )));
        // Before the first print nothing is loaded: the loader's choice counts.
        assert!(gtk_print_freezes("", "/opt/lib", nowhere, u10));
        let cached = |d: &Path| d == Path::new("/home/u/.cache/jobdoc/libcups");
        assert!(!gtk_print_freezes(
            "",
            "/opt/lib:/home/u/.cache/jobdoc/libcups",
            cached,
            u10
        ));
        assert!(
            !gtk_print_freezes("", "", nowhere, || None),
            "no libcups2 package, no judgement"
        );
    }

    #[test]
    fn dpkg_status_names_the_installed_version() {
        let status = "Package: libcups2\nStatus: deinstall ok config-files\nVersion: 2.4.1\n\n\
                      Package: cups\nStatus: install ok installed\nVersion: 2.4.2-3+deb12u10\n\n\
                      Package: libcups2\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.4.2-3+deb12u10\n";
        assert_eq!(
            installed_libcups2(status).as_deref(),
            Some("2.4.2-3+deb12u10")
        );
        assert_eq!(installed_libcups2("Package: cups\nVersion: 1\n"), None);
    }

    /// The reading of dpkg's status file agrees with dpkg itself on this machine's libcups2.
    #[test]
    fn dpkg_status_reading_agrees_with_dpkg_query() {
        let Ok(out) = Command::new("dpkg-query")
            .args(["-W", "-f=${Version}", "libcups2"])
            .output()
        else {
            eprintln!("skipped: no dpkg-query (not a Debian system)");
            return;
        };
        let expected = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let status = std::fs::read_to_string("/var/lib/dpkg/status").unwrap();
        let read = installed_libcups2(&status);
        if out.status.success() && !expected.is_empty() {
            assert_eq!(read.as_deref(), Some(expected.as_str()));
        } else {
            assert_eq!(read, None, "dpkg knows no installed libcups2");
        }
    }

    #[test]
    fn lpstat_output_becomes_the_printer_list() {
        let p = parse_printers(
            "JobdocPDF\nOffice_Laser\n",
            "system default destination: Office_Laser\n",
        );
        assert_eq!(p.names, ["JobdocPDF", "Office_Laser"]);
        assert_eq!(p.default.as_deref(), Some("Office_Laser"));
        assert_eq!(
            parse_printers("A\n", "no system default destination\n").default,
            None
        );
    }

    #[test]
    fn page_lists_are_checked_against_the_document() {
        assert_eq!(page_list(None, 5).unwrap(), None);
        assert_eq!(page_list(Some("  "), 5).unwrap(), None);
        assert_eq!(
            page_list(Some("1-2, 5"), 5).unwrap().as_deref(),
            Some("1-2,5")
        );
        assert_eq!(
            page_list(Some("3–4;2"), 5).unwrap().as_deref(),
            Some("3-4,2")
        );
        for bad in ["0", "6", "2-1", "a", "1-", "1,,2"] {
            assert!(
                matches!(
                    page_list(Some(bad), 5),
                    Err(SessionError::InvalidPages { .. })
                ),
                "{bad} must be refused"
            );
        }
    }

    #[test]
    fn lp_gets_printer_copies_pages_sides_and_a4() {
        let choice = PrintChoice {
            printer: "JobdocPDF".into(),
            copies: 2,
            pages: Some("1-2".into()),
            two_sided: true,
        };
        let args = lp_arguments(&choice, Some("1-2"), "Driver", Path::new("/tmp/x.pdf"));
        let args: Vec<String> = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            args.join(" "),
            "-d JobdocPDF -n 2 -t Driver -o media=iso_a4_210x297mm -o collate=true \
             -o sides=two-sided-long-edge -P 1-2 -- /tmp/x.pdf"
        );
    }
}
