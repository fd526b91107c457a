//! The bad-input catalogue (docs/RELIABILITY.md): every case with its expected outcome.
//!
//! Each case runs the real `jobdoc` binary and expects either a failure — exit status 2 and
//! exactly one line on stderr that names the file and says what is wrong — or a valid result
//! with a stated exit status. Never a panic, never a changed input file. The table in
//! docs/RELIABILITY.md lists the same cases; run with `--nocapture` to print it from the
//! observed outcomes.
//!
//! Modules of cases: `files` (what `jobdoc check` is given), `text` (odd characters and sizes in
//! clauses of a valid document), `targets` (where `jobdoc new` is asked to write), `exports`
//! (odd documents and awkward targets for `jobdoc export`), `mounts` (a read-only folder and a
//! full disk; these need root to mount a tmpfs and are skipped, saying so, without it).
//!
//! As root, permissions do not stop a write; the read-only cases still hold because `jobdoc`
//! checks the file's read-only bit itself, and the read-only folder is a read-only mount.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const JOBDOC: &str = env!("CARGO_BIN_EXE_jobdoc");
const BASE_TEMPLATE: &str = "ru-key-account-manager";

fn jobdoc<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(JOBDOC)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run jobdoc")
}

/// What a case must give.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Exit 2, one line on stderr naming the file and containing this text.
    Fails(&'static str),
    /// Exit with this status (0 clean, 1 the document has errors); no panic.
    Exit(i32),
}

impl Expect {
    fn describe(self) -> String {
        match self {
            Expect::Fails(text) => format!("exit 2, names the file: «{text}»"),
            Expect::Exit(0) => "exit 0, valid".into(),
            Expect::Exit(n) => format!("exit {n}, diagnostics listed"),
        }
    }
}

/// Judges one outcome; `Err` describes what is wrong.
fn judge(out: &Output, expect: Expect, file: &Path) -> Result<(), String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Err(format!("panic: {stderr}"));
    }
    let code = out.status.code();
    match expect {
        Expect::Fails(text) => {
            if code != Some(2) {
                return Err(format!("exit {code:?} instead of 2; stderr: {stderr}"));
            }
            if stderr.lines().count() != 1 {
                return Err(format!("not one line on stderr: {stderr:?}"));
            }
            let shown = file.display().to_string();
            if !stderr.contains(&shown) {
                return Err(format!("does not name {shown}: {stderr}"));
            }
            if !stderr.contains(text) {
                return Err(format!("does not say «{text}»: {stderr}"));
            }
        }
        Expect::Exit(n) => {
            if code != Some(n) {
                return Err(format!(
                    "exit {code:?} instead of {n}; stderr: {stderr}; stdout: {}",
                    stdout.chars().take(400).collect::<String>()
                ));
            }
            if n == 1
                && !stdout.contains(&file.display().to_string())
                && !stderr.contains(&file.display().to_string())
            {
                return Err(format!("diagnostics do not name the file: {stdout}"));
            }
        }
    }
    Ok(())
}

/// Collects results and the catalogue table; fails at the end listing every broken case.
struct Catalogue {
    rows: String,
    failures: Vec<String>,
    count: usize,
}

impl Catalogue {
    fn new() -> Self {
        Catalogue {
            rows: String::new(),
            failures: Vec::new(),
            count: 0,
        }
    }

    fn record(&mut self, name: &str, expect: Expect, out: &Output, file: &Path) {
        self.record_result(name, expect, out, judge(out, expect, file));
    }

    fn record_result(
        &mut self,
        name: &str,
        expect: Expect,
        out: &Output,
        result: Result<(), String>,
    ) {
        self.count += 1;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first_line = stderr
            .lines()
            .find(|l| l.starts_with("jobdoc: "))
            .or_else(|| stderr.lines().next())
            .unwrap_or("")
            .chars()
            .take(160)
            .collect::<String>();
        let observed = match out.status.code() {
            Some(c) if first_line.is_empty() => format!("exit {c}"),
            Some(c) => format!("exit {c}: {}", first_line.replace('|', "\\|")),
            None => "killed by a signal".into(),
        };
        let _ = writeln!(
            self.rows,
            "| {} | {} | {observed} |",
            name.replace('|', "\\|"),
            expect.describe().replace('|', "\\|")
        );
        if let Err(why) = result {
            self.failures.push(format!("{name}: {why}"));
        }
    }

    fn finish(self, group: &str, at_least: usize) {
        eprintln!(
            "\n## {group}: {} cases\n| case | expected | observed |\n|---|---|---|\n{}",
            self.count, self.rows
        );
        assert!(
            self.failures.is_empty(),
            "{} case(s) failed:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
        assert!(self.count >= at_least, "{group}: only {} cases", self.count);
    }
}

/// A fresh document from the base template, as JSON.
fn base_document(dir: &Path) -> serde_json::Value {
    let path = dir.join("base.jobdoc");
    let o = jobdoc(&[
        "new",
        "--template",
        BASE_TEMPLATE,
        "-o",
        path.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn pretty(value: &serde_json::Value) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).unwrap();
    v.push(b'\n');
    v
}

/// Runs `jobdoc check` on `bytes` written to a file; checks that the file is left unchanged.
fn check_bytes(cat: &mut Catalogue, dir: &Path, name: &str, bytes: &[u8], expect: Expect) {
    let file = dir.join(format!("{}.jobdoc", cat.count + 1));
    std::fs::write(&file, bytes).unwrap();
    let out = jobdoc(&[OsStr::new("check"), file.as_os_str()]);
    let mut result = judge(&out, expect, &file);
    if result.is_ok() && std::fs::read(&file).unwrap() != bytes {
        result = Err("the input file was changed".into());
    }
    cat.record_result(name, expect, &out, result);
}

mod files {
    use super::*;

    #[test]
    fn unreadable_and_foreign_files_are_refused_with_a_clear_line() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let base = base_document(d);
        let good = pretty(&base);
        let mut cat = Catalogue::new();
        use Expect::*;

        check_bytes(&mut cat, d, "empty file", b"", Fails("the file is empty"));
        check_bytes(
            &mut cat,
            d,
            "only spaces and newlines",
            b"  \n\n\t \r\n",
            Fails("the file is empty"),
        );
        check_bytes(
            &mut cat,
            d,
            "truncated at half",
            &good[..good.len() / 2],
            Fails("cut off"),
        );
        check_bytes(&mut cat, d, "truncated to `{`", b"{", Fails("cut off"));
        check_bytes(
            &mut cat,
            d,
            "truncated inside a Cyrillic letter",
            &{
                let text = String::from_utf8(good.clone()).unwrap();
                let i = text.find('М').unwrap();
                good[..i + 1].to_vec()
            },
            Fails("cut off"),
        );
        let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        check_bytes(
            &mut cat,
            d,
            "binary (PNG header + noise)",
            &binary,
            Fails("not a Jobdoc document"),
        );
        check_bytes(
            &mut cat,
            d,
            "a ZIP/DOCX file renamed",
            b"PK\x03\x04\x14\0\0\0\x08\0",
            Fails("not a Jobdoc document"),
        );
        let mut bad_utf8 = good.clone();
        let pos = bad_utf8.len() / 2;
        bad_utf8[pos] = 0xff;
        check_bytes(
            &mut cat,
            d,
            "invalid UTF-8 in the middle",
            &bad_utf8,
            Fails("not UTF-8"),
        );
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(
            String::from_utf8(good.clone())
                .unwrap()
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        check_bytes(
            &mut cat,
            d,
            "UTF-16 with byte-order mark",
            &utf16,
            Fails("not UTF-8"),
        );
        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend(&good);
        check_bytes(
            &mut cat,
            d,
            "UTF-8 with byte-order mark",
            &with_bom,
            Exit(0),
        );
        let crlf = String::from_utf8(good.clone())
            .unwrap()
            .replace('\n', "\r\n");
        check_bytes(
            &mut cat,
            d,
            "Windows line endings (CRLF)",
            crlf.as_bytes(),
            Exit(0),
        );

        // 50 MB: refused by size before reading.
        let big = d.join("50mb.jobdoc");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(50 * 1024 * 1024).unwrap();
        drop(f);
        let out = jobdoc(&[OsStr::new("check"), big.as_os_str()]);
        cat.record("50 MB file", Fails("too large"), &out, &big);
        // A device that never ends: read at most 16 MiB + 1 byte.
        let zero = Path::new("/dev/zero");
        let out = jobdoc(&[OsStr::new("check"), zero.as_os_str()]);
        cat.record("/dev/zero (endless)", Fails("too large"), &out, zero);
        let null = Path::new("/dev/null");
        let out = jobdoc(&[OsStr::new("check"), null.as_os_str()]);
        cat.record("/dev/null", Fails("the file is empty"), &out, null);

        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        check_bytes(
            &mut cat,
            d,
            "JSON nested 100,000 deep",
            deep.as_bytes(),
            Fails("not a Jobdoc document"),
        );
        let deep_field = format!(
            "{{\"schema\":1,\"meta\":{}1{}}}",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        check_bytes(
            &mut cat,
            d,
            "deep nesting inside a field",
            deep_field.as_bytes(),
            Fails("recursion limit exceeded"),
        );
        check_bytes(
            &mut cat,
            d,
            "JSON array, not an object",
            b"[1,2,3]",
            Fails("not an object"),
        );
        check_bytes(&mut cat, d, "JSON null", b"null", Fails("not an object"));
        check_bytes(
            &mut cat,
            d,
            "another program's JSON",
            br#"{"name":"report","pages":3}"#,
            Fails("no \"schema\""),
        );
        check_bytes(
            &mut cat,
            d,
            "plain text",
            "Должностная инструкция\n".as_bytes(),
            Fails("not a Jobdoc document"),
        );

        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = base.clone();
            f(&mut v);
            pretty(&v)
        };
        check_bytes(
            &mut cat,
            d,
            "newer schema",
            &with(&|v| v["schema"] = (jobdoc_model::SCHEMA_VERSION + 1).into()),
            Fails("newer Jobdoc"),
        );
        check_bytes(
            &mut cat,
            d,
            "schema 0",
            &with(&|v| v["schema"] = 0.into()),
            Fails("schema 0"),
        );
        check_bytes(
            &mut cat,
            d,
            "schema as a string",
            &with(&|v| v["schema"] = "1".into()),
            Fails("not a positive whole number"),
        );
        check_bytes(
            &mut cat,
            d,
            "schema negative",
            &with(&|v| v["schema"] = (-1).into()),
            Fails("not a positive whole number"),
        );
        check_bytes(
            &mut cat,
            d,
            "schema missing",
            &with(&|v| {
                v.as_object_mut().unwrap().remove("schema");
            }),
            Fails("no \"schema\""),
        );
        check_bytes(
            &mut cat,
            d,
            "wrong type: revision is text",
            &with(&|v| v["meta"]["revision"] = "three".into()),
            Fails("invalid document"),
        );
        check_bytes(
            &mut cat,
            d,
            "wrong type: sections is an object",
            &with(&|v| v["sections"] = serde_json::json!({})),
            Fails("invalid document"),
        );
        check_bytes(
            &mut cat,
            d,
            "wrong type: clause text is a number",
            &with(&|v| v["sections"][0]["clauses"][0]["text"] = 42.into()),
            Fails("invalid document"),
        );
        check_bytes(
            &mut cat,
            d,
            "wrong type: font size is text",
            &with(&|v| v["page"]["font_size_pt"] = "14".into()),
            Fails("invalid document"),
        );
        check_bytes(
            &mut cat,
            d,
            "negative revision",
            &with(&|v| v["meta"]["revision"] = (-1).into()),
            Fails("invalid document"),
        );
        check_bytes(
            &mut cat,
            d,
            "unknown field at the top",
            &with(&|v| v["macro"] = "rm -rf /".into()),
            Fails("unknown field"),
        );
        check_bytes(
            &mut cat,
            d,
            "unknown field in a clause",
            &with(&|v| v["sections"][0]["clauses"][0]["style"] = "bold".into()),
            Fails("unknown field"),
        );
        check_bytes(
            &mut cat,
            d,
            "missing field (language)",
            &with(&|v| {
                v.as_object_mut().unwrap().remove("language");
            }),
            Fails("missing field"),
        );
        check_bytes(
            &mut cat,
            d,
            "unknown language \"de\"",
            &with(&|v| v["language"] = "de".into()),
            Fails("unknown variant"),
        );
        check_bytes(
            &mut cat,
            d,
            "unknown section kind",
            &with(&|v| v["sections"][0]["kind"] = "salary".into()),
            Fails("unknown variant"),
        );
        check_bytes(
            &mut cat,
            d,
            "invalid date 2026-02-30",
            &with(&|v| v["registration"]["date"] = "2026-02-30".into()),
            Fails("invalid document"),
        );
        let schema = format!("\"schema\": {},", jobdoc_model::SCHEMA_VERSION);
        let dup = String::from_utf8(good.clone()).unwrap().replacen(
            &schema,
            &format!("{schema}\n  {schema}"),
            1,
        );
        check_bytes(
            &mut cat,
            d,
            "duplicate key",
            dup.as_bytes(),
            Fails("duplicate field"),
        );
        let huge_number = String::from_utf8(good.clone()).unwrap().replacen(
            "\"font_size_pt\": 14.0",
            "\"font_size_pt\": 1e400",
            1,
        );
        check_bytes(
            &mut cat,
            d,
            "number out of range (1e400)",
            huge_number.as_bytes(),
            Fails("number out of range"),
        );
        let nan = String::from_utf8(good.clone()).unwrap().replacen(
            "\"font_size_pt\": 14.0",
            "\"font_size_pt\": NaN",
            1,
        );
        check_bytes(
            &mut cat,
            d,
            "NaN as a number",
            nan.as_bytes(),
            Fails("not a Jobdoc document"),
        );
        let lone = String::from_utf8(good.clone()).unwrap().replacen(
            "\"text\": \"",
            "\"text\": \"\\ud800 ",
            1,
        );
        check_bytes(
            &mut cat,
            d,
            "lone surrogate escape \\ud800",
            lone.as_bytes(),
            Fails("not JSON text"),
        );
        check_bytes(
            &mut cat,
            d,
            "all text fields empty",
            &with(&|v| {
                for key in ["organisation", "position"] {
                    for (_, field) in v[key].as_object_mut().unwrap().iter_mut() {
                        *field = "".into();
                    }
                }
            }),
            Exit(1),
        );

        let missing = d.join("no such file.jobdoc");
        let out = jobdoc(&[OsStr::new("check"), missing.as_os_str()]);
        cat.record(
            "file does not exist",
            Fails("cannot read the file"),
            &out,
            &missing,
        );
        let folder = d.join("a folder.jobdoc");
        std::fs::create_dir(&folder).unwrap();
        let out = jobdoc(&[OsStr::new("check"), folder.as_os_str()]);
        cat.record(
            "a folder instead of a file",
            Fails("cannot read the file"),
            &out,
            &folder,
        );

        cat.finish("files given to `jobdoc check`", 40);
    }
}

mod text {
    use super::*;

    /// Sets the first clause's text; the check must read it (exit `expect`) and leave the
    /// file alone.
    fn with_clause(base: &serde_json::Value, text: &str) -> Vec<u8> {
        let mut v = base.clone();
        v["sections"][0]["clauses"][0]["text"] = text.into();
        pretty(&v)
    }

    #[test]
    fn odd_characters_and_sizes_in_clauses_are_read_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let base = base_document(d);
        let mut cat = Catalogue::new();
        use Expect::*;
        let cases: &[(&str, String)] = &[
            (
                "characters invalid in XML (U+0001, U+FFFE, U+FFFF)",
                "Текст\u{1}\u{fffe}\u{ffff} пункта".into(),
            ),
            ("NUL character", "до\u{0}после".into()),
            (
                "control characters (BEL, ESC, DEL, C1)",
                "a\u{7}b\u{1b}[31mc\u{7f}d\u{85}e".into(),
            ),
            ("tabs", "Колонка 1\tКолонка 2\t\tконец".into()),
            (
                "line breaks inside a clause",
                "первая строка\nвторая строка\r\nтретья".into(),
            ),
            (
                "right-to-left text (Arabic, Hebrew)",
                "العميل الرئيسي — לקוח מרכזי — key client".into(),
            ),
            ("bidi override U+202E", "abc\u{202e}fed\u{202c}ghi".into()),
            (
                "emoji with ZWJ sequences",
                "Клиент 👩‍💼🤝 доволен ✅ 🇷🇺".into(),
            ),
            (
                "zero-width characters",
                "нуле\u{200b}вой\u{200c}ши\u{200d}рины\u{2060}\u{feff}".into(),
            ),
            (
                "soft hyphens",
                "кли\u{ad}ент\u{ad}ский ме\u{ad}не\u{ad}джер".into(),
            ),
            (
                "combining marks (stacked)",
                "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}".repeat(50),
            ),
            ("only a zero-width space", "\u{200b}".into()),
            (
                "100 KB clause, words",
                "обеспечивает выполнение плана продаж ".repeat(100 * 1024 / 66),
            ),
            ("100 KB clause, one word", "а".repeat(50 * 1024)),
            ("1 MB clause", "x ".repeat(512 * 1024)),
            (
                "private-use and unassigned code points",
                "\u{e000}\u{f8ff}\u{10ffff}\u{40000}".into(),
            ),
        ];
        for (name, text) in cases {
            check_bytes(&mut cat, d, name, &with_clause(&base, text), Exit(0));
        }

        // 10,000 clauses.
        let mut v = base.clone();
        let clauses: Vec<serde_json::Value> = (0..10_000)
            .map(|i| serde_json::json!({"text": format!("Пункт номер {i}."), "children": []}))
            .collect();
        v["sections"][2]["clauses"] = clauses.into();
        check_bytes(&mut cat, d, "10,000 clauses", &pretty(&v), Exit(0));

        // Depth over 3: reported, not refused.
        let nest = |depth: usize| {
            let mut c = serde_json::json!({"text": "самый глубокий", "children": []});
            for level in 0..depth - 1 {
                c = serde_json::json!({"text": format!("уровень {level}"), "children": [c]});
            }
            c
        };
        let mut v = base.clone();
        v["sections"][1]["clauses"] = vec![nest(4)].into();
        check_bytes(&mut cat, d, "clause depth 4", &pretty(&v), Exit(1));
        let mut v = base.clone();
        v["sections"][1]["clauses"] = vec![nest(40)].into();
        check_bytes(&mut cat, d, "clause depth 40", &pretty(&v), Exit(1));
        // Written as text: building it as a serde_json::Value would overflow this test's stack.
        let mut v = base.clone();
        v["sections"][1]["clauses"] = serde_json::json!(["DEEP"]);
        let deep = "{\"text\": \"x\", \"children\": [".repeat(1000) + &"]}".repeat(1000);
        let text = String::from_utf8(pretty(&v))
            .unwrap()
            .replacen("\"DEEP\"", &deep, 1);
        check_bytes(
            &mut cat,
            d,
            "clause depth 1000 (beyond the JSON nesting limit)",
            text.as_bytes(),
            Fails("recursion limit exceeded"),
        );
        // Ten thousand visas and employees.
        let mut v = base.clone();
        v["signatures"]["visas"] = (0..10_000)
            .map(|i| serde_json::json!({"position": format!("Должность {i}"), "name": format!("И. О. Фамилия{i}")}))
            .collect::<Vec<_>>()
            .into();
        check_bytes(&mut cat, d, "10,000 visas", &pretty(&v), Exit(0));

        cat.finish("clause text and sizes (`jobdoc check`)", 20);
    }
}

mod targets {
    use super::*;

    fn new_to(path: &Path, force: bool) -> Output {
        let mut args: Vec<&OsStr> = vec![
            OsStr::new("new"),
            OsStr::new("--template"),
            OsStr::new(BASE_TEMPLATE),
            OsStr::new("-o"),
            path.as_os_str(),
        ];
        if force {
            args.push(OsStr::new("--force"));
        }
        jobdoc(&args)
    }

    /// A valid output: exit 0, and the file exists under exactly that name and reads back.
    fn expect_written(cat: &mut Catalogue, name: &str, path: &Path) {
        let out = new_to(path, false);
        let mut result = judge(&out, Expect::Exit(0), path);
        if result.is_ok() {
            let check = jobdoc(&[OsStr::new("check"), path.as_os_str()]);
            if check.status.code() != Some(0) {
                result = Err(format!(
                    "written file does not check: {}",
                    String::from_utf8_lossy(&check.stderr)
                ));
            }
        }
        cat.record_result(name, Expect::Exit(0), &out, result);
    }

    #[test]
    fn awkward_targets_give_a_file_or_a_clear_line() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let mut cat = Catalogue::new();
        use Expect::*;

        let missing = d.join("no such folder").join("a.jobdoc");
        cat.record(
            "target folder does not exist",
            Fails("cannot write the file"),
            &new_to(&missing, false),
            &missing,
        );
        let folder = d.join("existing folder");
        std::fs::create_dir(&folder).unwrap();
        cat.record(
            "target is a folder",
            Fails("existing folder"),
            &new_to(&folder, true),
            &folder,
        );
        let exists = d.join("exists.jobdoc");
        std::fs::write(&exists, b"keep me").unwrap();
        let out = new_to(&exists, false);
        let mut r = judge(&out, Fails("already exists"), &exists);
        if std::fs::read(&exists).unwrap() != b"keep me" {
            r = Err("the existing file was changed".into());
        }
        cat.record_result(
            "target exists, no --force",
            Fails("already exists"),
            &out,
            r,
        );
        let readonly = d.join("read-only.jobdoc");
        std::fs::write(&readonly, b"keep me").unwrap();
        let mut perms = std::fs::metadata(&readonly).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&readonly, perms).unwrap();
        let out = new_to(&readonly, true);
        let mut r = judge(&out, Fails("read-only"), &readonly);
        if std::fs::read(&readonly).unwrap() != b"keep me" {
            r = Err("the read-only file was changed".into());
        }
        cat.record_result(
            "read-only target file with --force",
            Fails("read-only"),
            &out,
            r,
        );
        let under_file = exists.join("a.jobdoc");
        cat.record(
            "a file used as a folder",
            Fails("cannot write the file"),
            &new_to(&under_file, false),
            &under_file,
        );

        // Names Windows forbids are ordinary names here: the file is written under that name.
        // (On Windows the system refuses them and the write fails with exit 2 naming the file.)
        for (label, name) in [
            ("Windows device name CON", "CON.jobdoc"),
            (
                "Windows device name with extension (aux.txt)",
                "aux.txt.jobdoc",
            ),
            (
                "characters < > : \" | ? * in the name",
                "a<b>c:d\"e|f?g*h.jobdoc",
            ),
            ("name ending in a dot and a space", "trailing. "),
            (
                "Cyrillic name with spaces",
                "Должностная инструкция менеджера.jobdoc",
            ),
            ("leading dash in the name", "-rf.jobdoc"),
        ] {
            expect_written(&mut cat, label, &d.join(name));
        }
        // Not UTF-8 at all (allowed by Linux file systems).
        let raw = d.join(OsStr::from_bytes(b"caf\xe9.jobdoc"));
        expect_written(&mut cat, "file name not in UTF-8", &raw);

        // Longest legal name (255 bytes).
        let longest = d.join(format!("{}.jobdoc", "a".repeat(255 - ".jobdoc".len())));
        expect_written(&mut cat, "file name of 255 bytes (the limit)", &longest);
        let too_long = d.join(format!("{}.jobdoc", "я".repeat(150)));
        cat.record(
            "file name of 307 bytes",
            Fails("too long"),
            &new_to(&too_long, false),
            &too_long,
        );
        let mut deep = d.to_path_buf();
        for _ in 0..40 {
            deep.push("x".repeat(120));
        }
        deep.push("a.jobdoc");
        cat.record(
            "path of 4,900 bytes",
            Fails("too long"),
            &new_to(&deep, false),
            &deep,
        );
        let mut ok_deep = d.to_path_buf();
        for _ in 0..12 {
            ok_deep.push("папка".repeat(10));
        }
        std::fs::create_dir_all(&ok_deep).unwrap();
        let ok_deep = ok_deep.join("a.jobdoc");
        expect_written(&mut cat, "path of 1,200 bytes (long but legal)", &ok_deep);

        let nul_path: PathBuf = d.join("bad");
        let out = jobdoc(&[
            "new",
            "--template",
            "no-such-template",
            "-o",
            nul_path.to_str().unwrap(),
        ]);
        let r = judge(
            &out,
            Fails("no such template"),
            Path::new("no-such-template"),
        );
        cat.record_result("unknown template id", Fails("no such template"), &out, r);

        cat.finish("targets of `jobdoc new`", 15);
    }
}

mod exports {
    use super::*;

    fn export(doc: &Path, pdf: Option<&Path>, docx: Option<&Path>) -> Output {
        let mut args: Vec<&OsStr> = vec![OsStr::new("export"), doc.as_os_str()];
        if let Some(p) = pdf {
            args.extend([OsStr::new("--pdf"), p.as_os_str()]);
        }
        if let Some(p) = docx {
            args.extend([OsStr::new("--docx"), p.as_os_str()]);
        }
        jobdoc(&args)
    }

    /// Exit 0 (or 1 with diagnostics), a PDF that passes qpdf and a DOCX that unzips and
    /// opens in python-docx.
    fn expect_exported(cat: &mut Catalogue, name: &str, doc: &Path, expect: Expect) {
        let dir = doc.parent().unwrap();
        let stem = doc.file_stem().unwrap().to_string_lossy();
        let (pdf, docx) = (
            dir.join(format!("{stem}.pdf")),
            dir.join(format!("{stem}.docx")),
        );
        let before = std::fs::read(doc).unwrap();
        let out = export(doc, Some(&pdf), Some(&docx));
        let mut result = judge(&out, expect, doc);
        if result.is_ok() {
            result = readable(&pdf, &docx);
        }
        if result.is_ok() && std::fs::read(doc).unwrap() != before {
            result = Err("the document was changed by the export".into());
        }
        cat.record_result(name, expect, &out, result);
    }

    fn readable(pdf: &Path, docx: &Path) -> Result<(), String> {
        let q = Command::new("qpdf")
            .arg("--check")
            .arg(pdf)
            .output()
            .map_err(|e| format!("qpdf: {e}"))?;
        if q.status.code() != Some(0) {
            return Err(format!(
                "qpdf --check: {}",
                String::from_utf8_lossy(&q.stdout)
            ));
        }
        let z = Command::new("unzip")
            .arg("-tqq")
            .arg(docx)
            .output()
            .map_err(|e| format!("unzip: {e}"))?;
        if !z.status.success() {
            return Err(format!("unzip -t: {}", String::from_utf8_lossy(&z.stdout)));
        }
        let p = Command::new("python3")
            .args(["-c", "import docx, sys; docx.Document(sys.argv[1])"])
            .arg(docx)
            .output()
            .map_err(|e| format!("python3: {e}"))?;
        if !p.status.success() {
            return Err(format!(
                "python-docx: {}",
                String::from_utf8_lossy(&p.stderr)
            ));
        }
        Ok(())
    }

    #[test]
    fn odd_documents_export_and_awkward_targets_fail_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let base = base_document(d);
        let mut cat = Catalogue::new();
        use Expect::*;
        let write_doc = |name: &str, v: &serde_json::Value| {
            let p = d.join(format!("{name}.jobdoc"));
            std::fs::write(&p, pretty(v)).unwrap();
            p
        };
        let with_clause = |text: &str| {
            let mut v = base.clone();
            v["sections"][0]["clauses"][0]["text"] = text.into();
            v
        };

        for (i, (name, text)) in [
            (
                "characters invalid in XML",
                "до\u{1}\u{b}\u{fffe}\u{ffff}после",
            ),
            ("control characters and tabs", "a\u{7}b\u{1b}c\td\u{7f}e"),
            (
                "right-to-left text and bidi override",
                "العميل — לקוח \u{202e}abc\u{202c}",
            ),
            ("emoji", "Клиент 👩‍💼🤝 доволен ✅"),
            (
                "zero-width characters and soft hyphens",
                "кли\u{ad}ент\u{200b}ский\u{200d}\u{feff}",
            ),
            (
                "100 KB clause",
                &"обеспечивает выполнение плана продаж ".repeat(100 * 1024 / 66),
            ),
            ("50,000-letter word without spaces", &"а".repeat(50_000)),
        ]
        .iter()
        .enumerate()
        {
            let doc = write_doc(&format!("text{i}"), &with_clause(text));
            expect_exported(&mut cat, &format!("export: {name}"), &doc, Exit(0));
        }
        let mut v = base.clone();
        v["sections"][2]["clauses"] = (0..1_000)
            .map(|i| serde_json::json!({"text": format!("Пункт номер {i}: обеспечивает выполнение плана."), "children": []}))
            .collect::<Vec<_>>()
            .into();
        let big = write_doc("big", &v);
        expect_exported(&mut cat, "export: 1,000 clauses", &big, Exit(0));
        let mut v = base.clone();
        let deep = serde_json::json!([{"text": "1", "children": [{"text": "2", "children": [{"text": "3", "children": [{"text": "4 — too deep", "children": []}]}]}]}]);
        v["sections"][1]["clauses"] = deep;
        let too_deep = write_doc("deep", &v);
        expect_exported(
            &mut cat,
            "export: clause depth 4 (a draft still exports)",
            &too_deep,
            Exit(1),
        );

        let good = write_doc("good", &base);
        // The output named like the document: refused, the document intact.
        let before = std::fs::read(&good).unwrap();
        let out = export(&good, Some(&good), None);
        let mut r = judge(&out, Fails("the document being exported"), &good);
        if std::fs::read(&good).unwrap() != before {
            r = Err("the document was overwritten by its export".into());
        }
        cat.record_result(
            "export over the document itself",
            Fails("the document being exported"),
            &out,
            r,
        );
        let same = d.join("same.out");
        cat.record(
            "PDF and DOCX to the same file",
            Fails("same file"),
            &export(&good, Some(&same), Some(&same)),
            &same,
        );
        let missing = d.join("no such folder").join("a.pdf");
        cat.record(
            "export into a missing folder",
            Fails("cannot write the file"),
            &export(&good, Some(&missing), None),
            &missing,
        );
        let folder = d.join("a folder.pdf");
        std::fs::create_dir(&folder).unwrap();
        cat.record(
            "export over a folder",
            Fails("cannot write the file"),
            &export(&good, Some(&folder), None),
            &folder,
        );
        let ro = d.join("read-only.docx");
        std::fs::write(&ro, b"keep").unwrap();
        let mut perms = std::fs::metadata(&ro).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&ro, perms).unwrap();
        cat.record(
            "export over a read-only file",
            Fails("read-only"),
            &export(&good, None, Some(&ro)),
            &ro,
        );
        let long = d.join(format!("{}.pdf", "я".repeat(130)));
        cat.record(
            "export to a 264-byte file name",
            Fails("too long"),
            &export(&good, Some(&long), None),
            &long,
        );
        let longest = d.join(format!("{}.pdf", "a".repeat(251)));
        let out = export(&good, Some(&longest), None);
        let r = judge(&out, Exit(0), &longest).and_then(|()| {
            if longest.exists() {
                Ok(())
            } else {
                Err("no file".into())
            }
        });
        cat.record_result("export to a 255-byte file name", Exit(0), &out, r);
        let unreadable = d.join("broken.jobdoc");
        std::fs::write(&unreadable, b"{\"schema\": 1,").unwrap();
        let pdf = d.join("broken.pdf");
        let out = export(&unreadable, Some(&pdf), None);
        let mut r = judge(&out, Fails("cut off"), &unreadable);
        if pdf.exists() {
            r = Err("a PDF was written for an unreadable document".into());
        }
        cat.record_result("export of a truncated document", Fails("cut off"), &out, r);

        // The target folder vanishes while the export runs (removed right after the start; a
        // 1,000-clause export takes far longer than that).
        let vanishing = d.join("vanishing");
        std::fs::create_dir(&vanishing).unwrap();
        let target = vanishing.join("out.pdf");
        let child = Command::new(JOBDOC)
            .args([
                OsStr::new("export"),
                big.as_os_str(),
                OsStr::new("--pdf"),
                target.as_os_str(),
            ])
            .env("LANG", "en_US.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::fs::remove_dir_all(&vanishing).unwrap();
        let out = child.wait_with_output().unwrap();
        cat.record(
            "target folder vanishes during the export",
            Fails("cannot write the file"),
            &out,
            &target,
        );

        cat.finish("`jobdoc export`", 15);
    }
}

mod mounts {
    use super::*;

    /// A tmpfs mounted for the test, unmounted on drop.
    struct Tmpfs(PathBuf);

    impl Tmpfs {
        fn mount(dir: &Path, options: &str) -> Tmpfs {
            std::fs::create_dir_all(dir).unwrap();
            let o = Command::new("mount")
                .args(["-t", "tmpfs", "-o", options, "tmpfs"])
                .arg(dir)
                .output()
                .expect("run mount");
            assert!(
                o.status.success(),
                "these cases need root to mount a tmpfs (mount -t tmpfs -o {options}): {}; \
                 run the test as root",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            Tmpfs(dir.to_path_buf())
        }

        fn remount(&self, options: &str) {
            let o = Command::new("mount")
                .args(["-o", &format!("remount,{options}")])
                .arg(&self.0)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
    }

    impl Drop for Tmpfs {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }

    /// Root (effective uid 0), from /proc/self/status.
    fn is_root() -> bool {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let uids = s.lines().find(|l| l.starts_with("Uid:"))?.to_owned();
                uids.split_whitespace().nth(2).map(|e| e == "0")
            })
            .unwrap_or(false)
    }

    #[test]
    fn read_only_folder_and_full_disk_keep_the_old_file() {
        if !is_root() {
            // Straight to stderr, past the test harness's capture: a skip must be seen.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED bad_input::mounts (cases 100-105): needs root to mount a tmpfs; run \
                 `cargo test -p jobdoc-cli --test bad_input` as root"
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut cat = Catalogue::new();
        use Expect::*;
        let new_args = |p: &Path| -> Vec<std::ffi::OsString> {
            ["new", "--template", BASE_TEMPLATE, "-o"]
                .iter()
                .map(Into::into)
                .chain([p.as_os_str().to_owned(), "--force".into()])
                .collect()
        };

        // A read-only folder (read-only even for root: a read-only mount).
        let ro = Tmpfs::mount(&dir.path().join("ro"), "size=1m");
        let old = ro.0.join("a.jobdoc");
        let o = jobdoc(&new_args(&old));
        assert!(o.status.success());
        let before = std::fs::read(&old).unwrap();
        ro.remount("ro");
        let out = jobdoc(&new_args(&old));
        let mut r = judge(&out, Fails("Read-only file system"), &old);
        if std::fs::read(&old).unwrap() != before {
            r = Err("the old file changed".into());
        }
        cat.record_result(
            "read-only folder (over an existing file)",
            Fails("Read-only file system"),
            &out,
            r,
        );
        let fresh = ro.0.join("new.jobdoc");
        cat.record(
            "read-only folder (new file)",
            Fails("Read-only file system"),
            &jobdoc(&new_args(&fresh)),
            &fresh,
        );
        let source = dir.path().join("source.jobdoc");
        assert!(jobdoc(&new_args(&source)).status.success());
        let pdf = ro.0.join("out.pdf");
        cat.record(
            "read-only folder (export a PDF)",
            Fails("Read-only file system"),
            &jobdoc(&[
                OsStr::new("export"),
                source.as_os_str(),
                OsStr::new("--pdf"),
                pdf.as_os_str(),
            ]),
            &pdf,
        );
        drop(ro);

        // A full disk: a 64 KiB tmpfs filled up to the last few bytes.
        let full = Tmpfs::mount(&dir.path().join("full"), "size=64k");
        let old = full.0.join("a.jobdoc");
        let o = jobdoc(&new_args(&old));
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let before = std::fs::read(&old).unwrap();
        let mut filler = std::fs::File::create(full.0.join("filler")).unwrap();
        let chunk = vec![0u8; 1024];
        use std::io::Write;
        while filler.write_all(&chunk).is_ok() {}
        while filler.write_all(&chunk[..1]).is_ok() {}
        drop(filler);
        let out = jobdoc(&new_args(&old));
        let mut r = judge(&out, Fails("No space left on device"), &old);
        if std::fs::read(&old).unwrap() != before {
            r = Err("the old file changed".into());
        }
        let strays: Vec<_> = std::fs::read_dir(&full.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        if r.is_ok() && !strays.is_empty() {
            r = Err(format!("temporary files left on the full disk: {strays:?}"));
        }
        cat.record_result(
            "full disk (over an existing file)",
            Fails("No space left on device"),
            &out,
            r,
        );
        let fresh = full.0.join("new.jobdoc");
        cat.record(
            "full disk (new file)",
            Fails("No space left on device"),
            &jobdoc(&new_args(&fresh)),
            &fresh,
        );
        let docx = full.0.join("out.docx");
        let out = jobdoc(&[
            OsStr::new("export"),
            source.as_os_str(),
            OsStr::new("--docx"),
            docx.as_os_str(),
        ]);
        let mut r = judge(&out, Fails("No space left on device"), &docx);
        if r.is_ok() && docx.exists() {
            r = Err("a DOCX was left on the full disk".into());
        }
        cat.record_result(
            "full disk (export a DOCX)",
            Fails("No space left on device"),
            &out,
            r,
        );
        drop(full);

        cat.finish("read-only folder and full disk", 6);
    }
}

mod imports {
    //! Hostile and broken files given to `jobdoc import`: each a document or one clear line,
    //! never a panic or a hang; nothing outside the file is read or fetched.

    use super::*;
    use std::io::Write as _;

    /// A DOCX package with these parts (name, bytes), deflated.
    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

    fn document(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes()
    }

    fn docx(body: &str) -> Vec<u8> {
        package(&[
            ("[Content_Types].xml", TYPES),
            ("word/document.xml", &document(body)),
        ])
    }

    fn import_to(
        cat: &mut Catalogue,
        dir: &Path,
        name: &str,
        file_name: &str,
        bytes: &[u8],
        expect: Expect,
    ) -> Output {
        import_env(cat, dir, name, file_name, bytes, expect, None)
    }

    fn import_env(
        cat: &mut Catalogue,
        dir: &Path,
        name: &str,
        file_name: &str,
        bytes: &[u8],
        expect: Expect,
        soffice: Option<&str>,
    ) -> Output {
        let case = dir.join(format!("case{}", cat.count + 1));
        std::fs::create_dir_all(&case).unwrap();
        let file = case.join(file_name);
        std::fs::write(&file, bytes).unwrap();
        let out_doc = case.join("out.jobdoc");
        let mut cmd = Command::new(JOBDOC);
        cmd.args([
            OsStr::new("import"),
            file.as_os_str(),
            OsStr::new("-o"),
            out_doc.as_os_str(),
        ])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_BACKTRACE", "0");
        if let Some(s) = soffice {
            cmd.env("JOBDOC_SOFFICE", s);
        }
        let out = cmd.output().expect("run jobdoc");
        let mut result = judge(&out, expect, &file);
        if result.is_ok() && std::fs::read(&file).unwrap() != bytes {
            result = Err("the input file was changed".into());
        }
        if result.is_ok() {
            if let Expect::Exit(0) = expect {
                let checked = jobdoc(&[OsStr::new("check"), out_doc.as_os_str()]);
                if checked.status.code() == Some(2) {
                    result = Err(format!(
                        "the imported document does not load: {}",
                        String::from_utf8_lossy(&checked.stderr)
                    ));
                }
            }
        }
        cat.record_result(name, expect, &out, result);
        out
    }

    #[test]
    fn hostile_and_broken_files_give_a_document_or_a_clear_line() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let mut cat = Catalogue::new();
        use Expect::*;
        let para = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");

        import_to(
            &mut cat,
            d,
            "empty file",
            "a.docx",
            b"",
            Fails("the file is empty"),
        );
        import_to(
            &mut cat,
            d,
            "PDF",
            "scan.pdf",
            b"%PDF-1.7\n%\xe2\xe3\n",
            Fails("not a document Jobdoc can import"),
        );
        import_to(
            &mut cat,
            d,
            "binary garbage",
            "x.bin",
            &[0u8, 1, 2, 3, 0, 0, 0xff, 0xfe, 7, 0, 0, 0, 0, 9, 9, 0].repeat(64),
            Fails("not a document Jobdoc can import"),
        );
        import_to(
            &mut cat,
            d,
            "ZIP header and garbage",
            "a.docx",
            b"PK\x03\x04garbage that is not a zip",
            Fails("damaged"),
        );
        let good = docx(&para("1. ОБЩИЕ ПОЛОЖЕНИЯ"));
        import_to(
            &mut cat,
            d,
            "DOCX cut in half",
            "a.docx",
            &good[..good.len() / 2],
            Fails("damaged"),
        );
        import_to(
            &mut cat,
            d,
            "ZIP of something else",
            "a.docx",
            &package(&[("notes.txt", b"hello")]),
            Fails("not a document Jobdoc can import"),
        );
        import_to(
            &mut cat,
            d,
            "DOCX without text",
            "a.docx",
            &docx("<w:p/>"),
            Fails("holds no text"),
        );
        import_to(
            &mut cat,
            d,
            "DOCX with malformed XML",
            "a.docx",
            &package(&[(
                "word/document.xml",
                b"<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:nope",
            )]),
            Fails("damaged"),
        );

        // A ZIP bomb: 40 MB of zeros deflated to a few tens of kilobytes.
        let bomb = {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("word/document.xml", opts).unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..40 {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap().into_inner()
        };
        import_to(
            &mut cat,
            d,
            "ZIP bomb (40 MB of spaces in 40 KB)",
            "bomb.docx",
            &bomb,
            Fails("ZIP bomb"),
        );

        // Entity expansion and external entities: never expanded, never read.
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Текст &lol9;</w:t></w:r></w:p></w:body></w:document>"#;
        let out = import_to(
            &mut cat,
            d,
            "XML entity expansion (billion laughs)",
            "laughs.docx",
            &package(&[("word/document.xml", laughs.as_bytes())]),
            Exit(0),
        );
        let _ = out;
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Пункт &xxe;</w:t></w:r></w:p></w:body></w:document>"#;
        import_to(
            &mut cat,
            d,
            "XML external entity (file:///etc/passwd)",
            "xxe.docx",
            &package(&[("word/document.xml", xxe.as_bytes())]),
            Exit(0),
        );
        let imported =
            std::fs::read_to_string(d.join(format!("case{}", cat.count)).join("out.jobdoc"))
                .unwrap();
        assert!(!imported.contains("root:"), "the external entity was read");

        // External relationships (a remote template, a linked image) are never fetched.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let rels = format!(
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://127.0.0.1:{port}/template.dotx" TargetMode="External"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:{port}/logo.png" TargetMode="External"/></Relationships>"#
        );
        let body = format!("{}<w:p><w:r><w:drawing><a:blip xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:link=\"rId2\"/></w:drawing></w:r></w:p>", para("Текст"));
        import_to(
            &mut cat,
            d,
            "external relationships (remote template, linked image)",
            "linked.docx",
            &package(&[
                ("word/document.xml", &document(&body)),
                ("word/_rels/document.xml.rels", rels.as_bytes()),
            ]),
            Exit(0),
        );
        assert!(
            listener.accept().is_err(),
            "something connected to the external target"
        );

        // Nesting.
        let deep_xml = document(&format!(
            "{}x{}",
            "<w:sdt>".repeat(100_000),
            "</w:sdt>".repeat(100_000)
        ));
        import_to(
            &mut cat,
            d,
            "XML nested 100 000 elements deep",
            "deep.docx",
            &package(&[("word/document.xml", &deep_xml)]),
            Fails("nested more than"),
        );
        let mut deep_rtf = b"{\\rtf1\\ansi ".to_vec();
        deep_rtf.extend(std::iter::repeat_n(b'{', 1_000_000));
        deep_rtf.extend_from_slice(b"1. Text");
        deep_rtf.extend(std::iter::repeat_n(b'}', 1_000_000));
        deep_rtf.extend_from_slice(b"}");
        import_to(
            &mut cat,
            d,
            "RTF nested a million groups deep",
            "deep.rtf",
            &deep_rtf,
            Exit(0),
        );
        import_to(
            &mut cat,
            d,
            "RTF cut off after its header",
            "cut.rtf",
            b"{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0",
            Fails("holds no text"),
        );

        // Size.
        let big = d.join("big");
        std::fs::create_dir_all(&big).unwrap();
        let big_file = big.join("big.txt");
        {
            let f = std::fs::File::create(&big_file).unwrap();
            f.set_len(100 << 20).unwrap();
        }
        let out_doc = big.join("out.jobdoc");
        let out = jobdoc(&[
            OsStr::new("import"),
            big_file.as_os_str(),
            OsStr::new("-o"),
            out_doc.as_os_str(),
        ]);
        cat.record("100 MB file", Fails("larger than 64 MB"), &out, &big_file);
        std::fs::remove_file(&big_file).unwrap();

        let many = "1.1. Пункт инструкции.\n".repeat(800_000);
        import_to(
            &mut cat,
            d,
            "text file of 800 000 lines (28 MB)",
            "many.txt",
            many.as_bytes(),
            Fails("far more text"),
        );
        let lines = "1.1. Пункт.\n".repeat(60_000);
        import_to(
            &mut cat,
            d,
            "60 000 short paragraphs",
            "lines.txt",
            lines.as_bytes(),
            Fails("50 000 paragraphs"),
        );

        // Formats read through LibreOffice, when it is not installed.
        import_env(
            &mut cat,
            d,
            ".doc without LibreOffice",
            "old.doc",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            Fails("install LibreOffice"),
            Some("/nonexistent/soffice"),
        );

        // Text oddities.
        import_to(
            &mut cat,
            d,
            "text in windows-1251",
            "a.txt",
            &encoding_rs::WINDOWS_1251
                .encode("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n1.1. Текст пункта.")
                .0,
            Exit(0),
        );
        import_to(
            &mut cat,
            d,
            "text in UTF-16 with BOM",
            "a.txt",
            &[
                &[0xFF, 0xFE][..],
                &"1.1. Пункт."
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .collect::<Vec<u8>>(),
            ]
            .concat(),
            Exit(0),
        );
        import_to(
            &mut cat,
            d,
            "one line of 4 MB",
            "long.txt",
            "Пункт ".repeat(400_000).as_bytes(),
            Exit(0),
        );
        import_to(&mut cat, d, "HTML with a script", "page.html", b"<html><script>alert(1)</script><p>1.1. \xd0\x9f\xd1\x83\xd0\xbd\xd0\xba\xd1\x82.</p></html>", Exit(0));
        cat.finish("files given to `jobdoc import`", 23);
    }
}
