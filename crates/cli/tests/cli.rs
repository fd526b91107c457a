//! The `jobdoc` command as a user runs it: output, exit statuses, and one clear line for bad input.

use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::jobdoc;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Exit status 2 and exactly one line on stderr naming the file, no panic, no backtrace.
fn assert_one_line_failure(o: &Output, file: &Path, expect: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(
        err.contains(&file.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(expect), "says «{expect}»: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[test]
fn templates_lists_id_language_and_position() {
    let o = jobdoc(&["templates"]);
    assert!(o.status.success());
    let out = stdout(&o);
    // One line per file under templates/<category>/.
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    let files = std::fs::read_dir(&templates)
        .unwrap()
        .flat_map(|category| std::fs::read_dir(category.unwrap().path()).unwrap())
        .filter(|f| f.as_ref().unwrap().path().extension() == Some("jobdoc".as_ref()))
        .count();
    assert!(files >= 10, "{files} template files");
    assert_eq!(out.lines().count(), files, "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("ru-key-account-manager"))
        .unwrap();
    assert!(
        line.contains(" ru ") && line.contains("менеджер по работе с ключевыми клиентами"),
        "{line}"
    );
    assert!(out
        .lines()
        .any(|l| l.starts_with("en-sales-manager") && l.contains(" en ")));
}

#[test]
fn new_then_check_a_template_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kam.jobdoc");
    let f = file.to_str().unwrap();
    let o = jobdoc(&["new", "--template", "ru-key-account-manager", "-o", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = read_json(&file);
    assert_eq!(doc["meta"]["template"], "ru-key-account-manager");
    assert_eq!(doc["meta"]["revision"], 0);
    let o = jobdoc(&["check", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 error(s), 0 warning(s)"));
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.jobdoc");
    std::fs::write(&file, "keep me").unwrap();
    let f = file.to_str().unwrap();
    let o = jobdoc(&["new", "--template", "en-sales-manager", "-o", f]);
    assert_one_line_failure(&o, &file, "already exists");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    let o = jobdoc(&["new", "--template", "en-sales-manager", "-o", f, "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(jobdoc(&["check", f]).status.success());
}

#[test]
fn new_with_unknown_template_or_unwritable_target() {
    let dir = tempfile::tempdir().unwrap();
    let o = jobdoc(&[
        "new",
        "--template",
        "nope",
        "-o",
        dir.path().join("a.jobdoc").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope: no such template"),
        "{}",
        stderr(&o)
    );
    let target = dir.path().join("missing/a.jobdoc");
    let o = jobdoc(&[
        "new",
        "--template",
        "en-sales-manager",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_one_line_failure(&o, &target, "cannot write");
}

#[test]
fn blank_document_has_errors_and_exit_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank.jobdoc");
    let f = file.to_str().unwrap();
    assert!(jobdoc(&["new", "--blank", "ru", "-o", f]).status.success());
    let o = jobdoc(&["check", f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error: The organisation's name is missing. [/organisation/name]"),
        "{out}"
    );
    let o = jobdoc(&["check", "--lang", "ru", f]);
    assert!(stdout(&o).contains("ошибка: Не указано наименование организации."));
}

#[test]
fn check_reports_each_kind_of_bad_file_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/sales/ru-sales-manager.jobdoc"),
    )
    .unwrap();
    let newer = String::from_utf8(template.clone()).unwrap().replacen(
        &format!("\"schema\": {}", jobdoc_model::SCHEMA_VERSION),
        "\"schema\": 99",
        1,
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.jobdoc", vec![], "the file is empty"),
        (
            "truncated.jobdoc",
            template[..template.len() / 2].to_vec(),
            "cut off",
        ),
        (
            "binary.jobdoc",
            (0u8..=255).cycle().take(4096).collect(),
            "not UTF-8",
        ),
        (
            "array.jobdoc",
            b"[{\"schema\": 1}]".to_vec(),
            "not an object",
        ),
        ("newer.jobdoc", newer.into_bytes(), "newer Jobdoc"),
        (
            "notes.txt",
            "Должностная инструкция\nменеджера".as_bytes().to_vec(),
            "not JSON",
        ),
    ];
    for (name, bytes, expect) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = jobdoc(&["check", file.to_str().unwrap()]);
        assert_one_line_failure(&o, &file, expect);
    }
    let missing = dir.path().join("absent.jobdoc");
    assert_one_line_failure(
        &jobdoc(&["check", missing.to_str().unwrap()]),
        &missing,
        "cannot read",
    );
    let folder = dir.path();
    assert_one_line_failure(
        &jobdoc(&["check", folder.to_str().unwrap()]),
        folder,
        "cannot read",
    );
}

/// `jobdoc` run with this `LANG` and nothing else that names a locale.
fn jobdoc_in(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

#[test]
fn failure_lines_follow_the_language_of_messages() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("пустой.jobdoc");
    std::fs::write(&empty, b"").unwrap();
    let newer = dir.path().join("newer.jobdoc");
    std::fs::write(&newer, b"{\"schema\": 99}").unwrap();
    let (e, n) = (empty.to_str().unwrap(), newer.to_str().unwrap());

    // --lang ru wins over an English LANG.
    let o = jobdoc(&["--lang", "ru", "check", e]);
    assert_one_line_failure(&o, &empty, ": файл пуст");
    assert!(stderr(&o).starts_with("jobdoc: "), "{}", stderr(&o));
    let o = jobdoc(&["check", "--lang", "ru", n]);
    assert_one_line_failure(
        &o,
        &newer,
        "документ записан более новой версией Jobdoc (схема 99;",
    );
    assert!(stderr(&o).contains("обновите Jobdoc"), "{}", stderr(&o));

    // A Russian LANG gives Russian, --lang en gives English back.
    let o = jobdoc_in("ru_RU.UTF-8", &["check", e]);
    assert_one_line_failure(&o, &empty, ": файл пуст");
    let o = jobdoc_in("ru_RU.UTF-8", &["--lang", "en", "check", n]);
    assert_one_line_failure(&o, &newer, "written by a newer Jobdoc");

    // The command's own refusals too, and an export's write failure.
    let o = jobdoc(&["--lang", "ru", "new", "--blank", "ru", "-o", e]);
    assert_one_line_failure(
        &o,
        &empty,
        "файл уже существует; чтобы заменить его, добавьте --force",
    );
    let doc = dir.path().join("doc.jobdoc");
    assert!(
        jobdoc(&["new", "--blank", "ru", "-o", doc.to_str().unwrap()])
            .status
            .success()
    );
    let target = dir.path().join("нет/такой/папки.pdf");
    let o = jobdoc(&[
        "--lang",
        "ru",
        "export",
        doc.to_str().unwrap(),
        "--pdf",
        target.to_str().unwrap(),
    ]);
    assert_one_line_failure(
        &o,
        &target,
        "не удаётся записать файл: нет такого файла или папки",
    );
}

#[test]
fn help_and_version() {
    let o = jobdoc(&["--help"]);
    assert!(o.status.success());
    for word in ["templates", "new", "check"] {
        assert!(stdout(&o).contains(word));
    }
    let o = jobdoc(&["--version"]);
    assert!(o.status.success() && stdout(&o).starts_with("jobdoc "));
    let o = jobdoc(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is required for this test (scripts/setup installs it): {e}")
    });
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn export_writes_both_formats_that_real_readers_accept() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("kam.jobdoc");
    let (pdf, docx) = (dir.path().join("kam.pdf"), dir.path().join("kam.docx"));
    assert!(jobdoc(&[
        "new",
        "-t",
        "ru-key-account-manager",
        "-o",
        doc.to_str().unwrap()
    ])
    .status
    .success());
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
        "--docx",
        docx.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).is_empty(),
        "no warnings expected: {}",
        stderr(&o)
    );

    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ") && text.contains("УТВЕРЖДАЮ"),
        "{text}"
    );
    assert!(text.contains("менеджера по работе с ключевыми клиентами"));
    let paragraphs = tool(
        "python3",
        &["-c", "import docx,sys; print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))", docx.to_str().unwrap()],
    );
    assert!(
        paragraphs.contains("менеджера по работе с ключевыми клиентами"),
        "{paragraphs}"
    );

    // The same document exported again gives the same bytes.
    let (pdf2, docx2) = (dir.path().join("again.pdf"), dir.path().join("again.docx"));
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--pdf",
        pdf2.to_str().unwrap(),
        "--docx",
        docx2.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(
        std::fs::read(&pdf).unwrap() == std::fs::read(&pdf2).unwrap(),
        "PDF differs between runs"
    );
    assert!(
        std::fs::read(&docx).unwrap() == std::fs::read(&docx2).unwrap(),
        "DOCX differs between runs"
    );
}

#[test]
fn export_of_a_document_with_errors_writes_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("blank.jobdoc");
    let pdf = dir.path().join("blank.pdf");
    assert!(
        jobdoc(&["new", "--blank", "en", "-o", doc.to_str().unwrap()])
            .status
            .success()
    );
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: The organisation's name is missing."),
        "{}",
        stderr(&o)
    );
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
}

#[test]
fn export_failures_are_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("d.jobdoc");
    assert!(
        jobdoc(&["new", "-t", "en-sales-manager", "-o", doc.to_str().unwrap()])
            .status
            .success()
    );
    let target = dir.path().join("gone/d.pdf");
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--pdf",
        target.to_str().unwrap(),
    ]);
    assert_one_line_failure(&o, &target, "cannot write");
    let same = dir.path().join("x.out");
    let o = jobdoc(&[
        "export",
        doc.to_str().unwrap(),
        "--pdf",
        same.to_str().unwrap(),
        "--docx",
        same.to_str().unwrap(),
    ]);
    assert_one_line_failure(&o, &same, "same file");
    let missing = dir.path().join("missing.jobdoc");
    let o = jobdoc(&[
        "export",
        missing.to_str().unwrap(),
        "--pdf",
        target.to_str().unwrap(),
    ]);
    assert_one_line_failure(&o, &missing, "cannot read");
    let o = jobdoc(&["export", doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "an export needs --pdf or --docx");
}
