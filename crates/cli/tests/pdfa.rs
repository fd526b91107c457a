//! `jobdoc export FILE --pdf OUT --pdfa` and `jobdoc export FILE --kedo DIR`, run as a user
//! runs them and judged by real readers (qpdf, pdfinfo, page-validation for PDF/A-1a).

use std::path::Path;
use std::process::Command;

mod support;

use support::jobdoc;

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is required for this test (scripts/setup installs it): {e}")
    });
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `page-validation`'s PDF/A-1a verdict (it is not veraPDF): "compliant" or the failed rules.
fn pdfa_verdict(pdf: &Path) -> String {
    tool(
        "python3",
        &[
            "-c",
            "import sys, page\n\
             r = page.validate_pdf(sys.argv[1], profile='PDF_A_1A')\n\
             print('compliant' if r.is_compliant else [f.rule_id for f in r.failures])",
            pdf.to_str().unwrap(),
        ],
    )
    .trim()
    .to_owned()
}

fn new_document(dir: &Path, template: &str) -> std::path::PathBuf {
    let doc = dir.join("doc.jobdoc");
    let o = jobdoc(&["new", "-t", template, "-o", doc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    doc
}

#[test]
fn pdfa_flag_writes_pdf_a_1a_and_without_it_the_plain_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let doc = new_document(dir.path(), "ru-sales-manager");
    let (plain, archival) = (dir.path().join("plain.pdf"), dir.path().join("a.pdf"));
    let d = doc.to_str().unwrap();
    let o = jobdoc(&["export", d, "--pdf", plain.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = jobdoc(&["export", d, "--pdf", archival.to_str().unwrap(), "--pdfa"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    assert_eq!(pdfa_verdict(&archival), "compliant");
    assert_ne!(pdfa_verdict(&plain), "compliant");
    tool("qpdf", &["--check", archival.to_str().unwrap()]);
    let info = tool("pdfinfo", &[archival.to_str().unwrap()]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert_eq!(
        tool("pdftotext", &[archival.to_str().unwrap(), "-"]),
        tool("pdftotext", &[plain.to_str().unwrap(), "-"])
    );
    // The same file twice gives the same bytes.
    let again = dir.path().join("again.pdf");
    let o = jobdoc(&["export", d, "--pdf", again.to_str().unwrap(), "--pdfa"]);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&archival).unwrap()
    );
}

#[test]
fn pdfa_needs_a_pdf_target() {
    let dir = tempfile::tempdir().unwrap();
    let doc = new_document(dir.path(), "ru-sales-manager");
    let docx = dir.path().join("x.docx");
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--docx",
        docx.to_str().unwrap(),
        "--pdfa",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--pdf"), "{err}");
    assert!(!docx.exists(), "nothing written");
}

#[test]
fn kedo_writes_the_pdf_a_and_its_description_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let doc = new_document(dir.path(), "en-sales-manager");
    let out = dir.path().join("kedo").join("batch 1");
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--kedo",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    let (pdf, xml) = (out.join(&names[0]), out.join(&names[1]));
    assert!(
        names[0].ends_with(".pdf") && names[1].ends_with(".xml"),
        "{names:?}"
    );
    assert_eq!(
        names[0].trim_end_matches(".pdf"),
        names[1].trim_end_matches(".xml")
    );
    assert_eq!(pdfa_verdict(&pdf), "compliant");

    let text = std::fs::read(&xml).unwrap();
    assert!(!text.starts_with(&[0xef, 0xbb, 0xbf]), "no BOM");
    let text = String::from_utf8(text).expect("UTF-8");
    assert!(
        text.contains(&format!("<name>{}</name>", names[0])),
        "{text}"
    );
    let sha = tool("sha256sum", &[pdf.to_str().unwrap()]);
    let sha = sha.split_whitespace().next().unwrap();
    assert!(text.contains(&format!("<sha256>{sha}</sha256>")), "{text}");
    let pages = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages = pages
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim();
    assert!(text.contains(&format!("<pages>{pages}</pages>")), "{text}");
    assert!(text.contains("<language>en-US</language>"), "{text}");
}

#[test]
fn kedo_into_a_path_that_is_a_file_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = new_document(dir.path(), "ru-sales-manager");
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--kedo",
        blocker.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not-a-folder"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
