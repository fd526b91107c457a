//! Property tests over random documents, through the real `jobdoc export`: for every document
//! the PDF passes `qpdf --check` and gives back the text of every clause (pdftotext), and the
//! DOCX opens in python-docx and holds the text of every clause.
//!
//! Documents are drawn from a fixed-seed generator (the seed and the failing document's file are
//! printed on failure): random language, organisation and position, sections of every kind and
//! custom ones, clause trees up to three levels, visas, acknowledgement sheets, page settings
//! within the GOST ranges, and clause text mixing Cyrillic and Latin words with punctuation,
//! digits, tabs, line breaks, no-break spaces, soft hyphens, zero-width characters, emoji and
//! characters invalid in XML. Text is compared on letters and digits only: hyphenation, page
//! numbers, substitutes for missing glyphs (the PDF's "руб."/"RUB" for ₽ is expected) and removed
//! invisible characters do not count, a lost or changed word does.

#![cfg(unix)]

use std::process::Command;

use serde_json::{json, Value};

const JOBDOC: &str = env!("CARGO_BIN_EXE_jobdoc");
const DOCUMENTS: u64 = 16;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const RU: &[&str] = &[
    "обеспечивает",
    "выполнение",
    "плана",
    "продаж",
    "клиентами",
    "договоров",
    "отчётность",
    "руководителю",
    "отдела",
    "соответствии",
    "требованиями",
    "организации",
    "контролирует",
    "дебиторской",
    "задолженности",
    "ключевых",
    "переговоры",
    "ЁЖИК",
    "съёмка",
    "Щука",
];
const EN: &[&str] = &[
    "ensures",
    "timely",
    "delivery",
    "sales",
    "plan",
    "clients",
    "contracts",
    "reports",
    "department",
    "accordance",
    "requirements",
    "organisation",
    "receivables",
    "negotiations",
    "Key",
    "ACCOUNT",
    "quarterly",
];
const ODD: &[&str] = &[
    "\t",
    "\n",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "😀",
    "👩‍💼",
    "✅",
    "\u{1}",
    "\u{b}",
    "\u{fffe}",
    "«",
    "»",
    "—",
    "–",
    "№",
    "§",
    "%",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "(",
    ")",
    ";",
    ":",
    ",",
    ".",
    "!",
    "?",
    "₽",
    "\u{2011}",
];

fn text(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        if rng.chance(15) {
            out.push_str(rng.pick(ODD));
        }
        let word = if rng.chance(70) {
            rng.pick(RU)
        } else {
            rng.pick(EN)
        };
        out.push_str(word);
        if rng.chance(10) {
            out.push_str(&rng.below(10_000).to_string());
        }
        if rng.chance(10) {
            out.push_str(rng.pick(ODD));
        }
    }
    out
}

fn words(rng: &mut Rng, min: usize, spread: usize) -> String {
    let n = min + rng.below(spread);
    text(rng, n)
}

fn clauses(rng: &mut Rng, level: usize, budget: &mut usize) -> Value {
    let n = 1 + rng.below(4);
    let mut list = Vec::new();
    for _ in 0..n {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let children = if level < 3 && rng.chance(30) {
            clauses(rng, level + 1, budget)
        } else {
            json!([])
        };
        let spread = if rng.chance(10) { 120 } else { 25 };
        list.push(json!({"text": words(rng, 1, spread), "children": children}));
    }
    Value::Array(list)
}

fn random_document(base: &Value, rng: &mut Rng) -> Value {
    let mut d = base.clone();
    d["language"] = if rng.chance(50) { "ru" } else { "en" }.into();
    d["organisation"]["name"] = words(rng, 1, 8).into();
    d["organisation"]["short_name"] = words(rng, 0, 3).into();
    d["position"]["name"] = words(rng, 1, 5).into();
    d["position"]["title_form"] = words(rng, 1, 5).into();
    let kinds = [
        "general",
        "functions",
        "duties",
        "rights",
        "liability",
        "relationships",
        "custom",
    ];
    let mut budget = 60;
    let sections: Vec<Value> = (0..1 + rng.below(8))
        .map(|_| {
            let kind = kinds[rng.below(kinds.len())];
            let title = if kind == "custom" || rng.chance(20) {
                words(rng, 1, 4)
            } else {
                String::new()
            };
            json!({"kind": kind, "title": title, "clauses": clauses(rng, 1, &mut budget)})
        })
        .collect();
    d["sections"] = sections.into();
    d["signatures"]["visas"] = (0..rng.below(4))
        .map(|_| json!({"position": text(rng, 3), "name": text(rng, 2)}))
        .collect::<Vec<_>>()
        .into();
    d["acknowledgement"]["mark"] = rng.chance(70).into();
    d["acknowledgement"]["sheet"] = if rng.chance(60) {
        json!({
            "employees": (0..rng.below(5))
                .map(|_| json!({"name": text(rng, 3), "position": text(rng, 2)}))
                .collect::<Vec<_>>(),
            "blank_rows": rng.below(30),
        })
    } else {
        Value::Null
    };
    d["page"]["font_size_pt"] = json!([12.0, 13.0, 14.0][rng.below(3)]);
    d["page"]["line_spacing"] = json!([1.0, 1.15, 1.5][rng.below(3)]);
    d
}

/// Letters and digits only, lower-cased.
fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn clause_texts(v: &Value, out: &mut Vec<String>) {
    for c in v.as_array().unwrap() {
        out.push(c["text"].as_str().unwrap().to_owned());
        clause_texts(&c["children"], out);
    }
}

fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test and could not run: {e}"))
}

#[test]
fn random_documents_export_to_readable_pdf_and_docx() {
    // JOBDOC_KEEP_TEMP=1 keeps the documents and exports for a look after a failure.
    let mut dir = tempfile::tempdir().unwrap();
    if std::env::var_os("JOBDOC_KEEP_TEMP").is_some() {
        dir.disable_cleanup(true);
        eprintln!("keeping {}", dir.path().display());
    }
    let d = dir.path();
    let base_path = d.join("base.jobdoc");
    let o = run(
        JOBDOC,
        &[
            "new",
            "--template",
            "ru-key-account-manager",
            "-o",
            base_path.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let base: Value = serde_json::from_slice(&std::fs::read(&base_path).unwrap()).unwrap();

    let seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut rng = Rng(seed);
    let mut docx_files = Vec::new();
    let mut expected_docx = Vec::new();
    for n in 0..DOCUMENTS {
        let doc = random_document(&base, &mut rng);
        let file = d.join(format!("random-{n}.jobdoc"));
        let mut bytes = serde_json::to_vec_pretty(&doc).unwrap();
        bytes.push(b'\n');
        std::fs::write(&file, &bytes).unwrap();
        let (pdf, docx) = (
            d.join(format!("random-{n}.pdf")),
            d.join(format!("random-{n}.docx")),
        );
        let o = run(
            JOBDOC,
            &[
                "export",
                file.to_str().unwrap(),
                "--pdf",
                pdf.to_str().unwrap(),
                "--docx",
                docx.to_str().unwrap(),
            ],
        );
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            !stderr.contains("panicked"),
            "document {n} (seed {seed:#x}): {stderr}"
        );
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "document {n} (seed {seed:#x}, kept at {}): exit {:?}: {stderr}",
            file.display(),
            o.status.code()
        );
        // The input file is never changed by an export.
        assert_eq!(std::fs::read(&file).unwrap(), bytes);

        let q = run("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert_eq!(
            q.status.code(),
            Some(0),
            "document {n}: qpdf --check: {}",
            String::from_utf8_lossy(&q.stdout)
        );
        let t = run(
            "pdftotext",
            &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
        );
        assert!(t.status.success());
        // Page numbers stand on lines of their own: drop them, then compare letters and digits.
        let pdf_text: String = String::from_utf8_lossy(&t.stdout)
            .lines()
            .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join("\n");
        let pdf_alnum = alnum(&pdf_text);
        let mut texts = Vec::new();
        for s in doc["sections"].as_array().unwrap() {
            clause_texts(&s["clauses"], &mut texts);
        }
        for (i, t) in texts.iter().enumerate() {
            // The PDF prints the rouble sign, missing from the font, as "руб." or "RUB" (with a
            // warning).
            let rouble = if doc["language"] == "ru" {
                "руб."
            } else {
                "RUB"
            };
            let want = alnum(&t.replace('₽', rouble));
            assert!(
                pdf_alnum.contains(&want),
                "document {n} (seed {seed:#x}), clause {i}: its text is not in the PDF\nclause: {t:?}"
            );
        }
        docx_files.push(docx.to_str().unwrap().to_owned());
        expected_docx.push(texts);
    }

    // One python-docx run for all files: the text of every paragraph, body and tables.
    let script = r#"
import docx, sys, json
out = []
for path in sys.argv[1:]:
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    out.append("\n".join(parts))
print(json.dumps(out))
"#;
    let mut args = vec!["-c", script];
    args.extend(docx_files.iter().map(String::as_str));
    let o = run("python3", &args);
    assert!(
        o.status.success(),
        "python-docx: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let texts: Vec<String> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(texts.len(), docx_files.len());
    for (n, (docx_text, clauses)) in texts.iter().zip(&expected_docx).enumerate() {
        let have = alnum(docx_text);
        for (i, t) in clauses.iter().enumerate() {
            assert!(
                have.contains(&alnum(t)),
                "document {n} (seed {seed:#x}), clause {i}: its text is not in the DOCX\nclause: {t:?}"
            );
        }
    }
}
