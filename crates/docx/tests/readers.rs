//! The DOCX export judged by real readers, for every built-in template, generated documents and
//! a document with every awkward feature:
//!
//! - `libreoffice`: LibreOffice (headless) converts each DOCX to PDF; `pdftotext` of the result
//!   holds every clause's text preceded by its label (so Word's list numbers are our labels),
//!   page 1 has no page number and page 2 has "2"; the page count equals Jobdoc's own PDF;
//! - `python_docx`: python-docx opens each file and finds the named styles, the list levels,
//!   the tables (the acknowledgement sheet's header row flagged to repeat, rows ≥ 10 mm, the
//!   date column ~32 mm), page setup, language, fonts and core properties;
//! - `docx_rs_reader`: docx-rs's own reader reads each file back;
//! - `package`: every XML part parses and is in OOXML schema order, every entry is deflated with
//!   a fixed time stamp (byte-identical output across processes: `crates/cli/tests/determinism.rs`);
//! - `cleaning`: line breaks, tabs, forbidden characters (removed with a warning naming the
//!   clause), clauses nested deeper than the list;
//! - `snapshots`: exact XML of `document.xml`, `numbering.xml`, `styles.xml`, pretty-printed,
//!   in `tests/snapshots/`; `JOBDOC_BLESS=1` rewrites them.
//!
//! Missing tools make the tests fail with a message naming the package, never skip.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

mod support;

use jobdoc_docx::{write_docx, DocxOptions};

use jobdoc_model::resolve::resolve;
use jobdoc_model::{
    generate, templates, Acknowledgement, AcknowledgementSheet, Approval, Clause, Document,
    Employee, Language, Signatory,
};
use support::*;

/// A document with every awkward feature: line breaks and tabs in clauses, a forbidden
/// control character, a clause nested four levels deep, approval by order, two visas, the
/// mark, employees on the sheet, XML-special characters.
fn awkward() -> Document {
    let mut doc = Document::blank(Language::Ru, "awkward", created());
    doc.organisation.name = "ООО \"Ромашка & Co\" <тест>".into();
    doc.organisation.department = "Отдел продаж".into();
    doc.organisation.place = "г. Тверь".into();
    doc.position.name = "менеджер".into();
    doc.position.title_form = "менеджера по продажам".into();
    doc.approval = Approval::Order {
        number: "17-к".into(),
        date: None,
    };
    doc.sections.truncate(2);
    doc.sections[0].clauses = vec![
        Clause::new("Первая строка пункта\nвторая строка пункта"),
        Clause {
            id: String::new(),
            text: "Пункт с\tтабуляцией и символом\u{7}звонка".into(),
            children: vec![Clause {
                id: String::new(),
                text: "Подпункт второго уровня".into(),
                children: vec![Clause {
                    id: String::new(),
                    text: "Подпункт третьего уровня".into(),
                    children: vec![Clause::new("Слишком глубокий подпункт")],
                }],
            }],
        },
    ];
    doc.sections[1].title = "Особый раздел".into();
    doc.sections[1].clauses = vec![Clause::new("Единственный пункт раздела.")];
    doc.signatures.author = Signatory {
        position: "Начальник отдела продаж".into(),
        name: "П. П. Петров".into(),
    };
    doc.signatures.visas = vec![
        Signatory {
            position: "Юрисконсульт".into(),
            name: "С. С. Сидорова".into(),
        },
        Signatory {
            position: "Начальник отдела кадров".into(),
            name: String::new(),
        },
    ];
    doc.acknowledgement = Acknowledgement {
        mark: true,
        sheet: Some(AcknowledgementSheet {
            employees: vec![Employee {
                name: "Иванов Иван Иванович".into(),
                position: "Менеджер".into(),
            }],
            blank_rows: 3,
        }),
    };
    doc
}

/// Every case: (name, document, is a built-in template).
fn cases() -> Vec<(String, Document, bool)> {
    let mut v: Vec<(String, Document, bool)> = templates::ids()
        .map(|id| {
            let doc = templates::load(id)
                .expect("listed template exists")
                .unwrap_or_else(|e| panic!("template {id} parses: {e}"));
            (id.to_owned(), doc, true)
        })
        .collect();
    assert!(!v.is_empty(), "no built-in templates found");
    v.push((
        "generated-ru".into(),
        generate::document(120, 7, Language::Ru),
        false,
    ));
    v.push((
        "generated-en".into(),
        generate::document(120, 8, Language::En),
        false,
    ));
    v.push(("awkward".into(), awkward(), false));
    v
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("entry reads");
        parts.insert(f.name().to_owned(), data);
    }
    parts
}

fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(
        unzip(bytes)
            .remove(name)
            .unwrap_or_else(|| panic!("{name} in the package")),
    )
    .expect("UTF-8 XML")
}

/// Writes every case as DOCX into `dir` and converts them all with one LibreOffice run.
fn convert_all(dir: &Path, cases: &[(String, Document, bool)]) -> Vec<PathBuf> {
    let mut docx_paths = Vec::new();
    for (name, doc, _) in cases {
        let path = dir.join(format!("{name}.docx"));
        std::fs::write(&path, export(doc).bytes).expect("write DOCX");
        docx_paths.push(path);
    }
    libreoffice_pdfs(dir, &docx_paths)
}

mod libreoffice {
    use super::*;

    #[test]
    fn libreoffice_prints_every_clause_with_its_label_and_paginates_like_the_pdf() {
        require_hyphenation_patterns();
        let dir = tempfile::tempdir().expect("temp dir");
        let cases = cases();
        let pdfs = convert_all(dir.path(), &cases);
        let fonts = jobdoc_layout::FontSet::bundled();
        let mut failures = Vec::new();
        let mut counts = Vec::new();
        for ((name, doc, is_template), pdf) in cases.iter().zip(&pdfs) {
            let r = resolve(doc);
            // The body text without the page numbers at the top of pages 2, 3, …, which would
            // otherwise interrupt a clause running over a page break.
            let text: Vec<String> = pdf_text(pdf, None)
                .split('\u{c}')
                .enumerate()
                .map(|(i, page)| {
                    let number = (i + 1).to_string();
                    let mut lines: Vec<&str> = page.lines().collect();
                    if i > 0 {
                        if let Some(k) = lines.iter().position(|l| !l.trim().is_empty()) {
                            if lines[k].trim() == number {
                                lines.remove(k);
                            }
                        }
                    }
                    lines.join("\n")
                })
                .collect();
            let flat = squash(&text.join("\n"));
            let mut expect = |what: &str, s: &str| {
                // Characters XML forbids are removed (with a warning, see `cleaning`).
                let s: String = s
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
                    .collect();
                if !flat.contains(&squash(&s)) {
                    failures.push(format!("{name}: {what} {s:?} not in LibreOffice's PDF"));
                }
            };
            expect("title", &r.title);
            expect("document kind", &r.header.document_kind);
            for section in &r.sections {
                expect("section", &format!("{} {}", section.label, section.heading));
                for clause in &section.clauses {
                    // The label printed right before the text: Word's number is our label.
                    expect("clause", &format!("{} {}", clause.label, clause.text));
                }
            }
            expect("author", &r.author.position);
            expect("caption", &r.author.signature_caption);
            for visa in &r.visas {
                expect("visa", &visa.row.position);
            }
            if let Some(sheet) = &r.sheet {
                expect("sheet title", &sheet.title);
                for column in &sheet.columns {
                    expect("sheet column", column);
                }
            }
            // Page numbers from page 2 on, none on the title page.
            let pages = page_count(pdf);
            if pages >= 2 {
                let first = pdf_text(pdf, Some((1, 1)));
                let second = pdf_text(pdf, Some((2, 2)));
                if first.lines().next().map(str::trim) == Some("1") {
                    failures.push(format!("{name}: page 1 carries a page number"));
                }
                if second.lines().find(|l| !l.trim().is_empty()).map(str::trim) != Some("2") {
                    failures.push(format!("{name}: page 2 does not start with its number"));
                }
            }
            if *is_template {
                let ours = jobdoc_pdf::write_pdf(
                    &resolve(doc),
                    &jobdoc_pdf::PdfOptions {
                        created: created(),
                        fonts,
                        conformance: jobdoc_pdf::Conformance::Plain,
                    },
                )
                .expect("PDF export");
                counts.push(format!(
                    "{name}: LibreOffice {pages}, Jobdoc PDF {}",
                    ours.page_count()
                ));
                if ours.page_count() != pages {
                    failures.push(format!(
                        "{name}: LibreOffice paginates the DOCX into {pages} pages, Jobdoc's PDF \
                         has {}",
                        ours.page_count()
                    ));
                }
            }
        }
        eprintln!("page counts:\n  {}", counts.join("\n  "));
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

mod python_docx {
    use super::*;

    const SCRIPT: &str = r#"
import sys, json, docx
from docx.oxml.ns import qn

def val(e, tag):
    c = e.find(qn(tag))
    return None if c is None else c.get(qn('w:val'))

result = {}
for path in sys.argv[1:]:
    d = docx.Document(path)
    out = {}
    out['styles'] = sorted(s.name for s in d.styles)
    levels = {}
    for an in d.part.numbering_part.element.findall(qn('w:abstractNum')):
        if an.get(qn('w:abstractNumId')) == '2':
            for lvl in an.findall(qn('w:lvl')):
                levels[lvl.get(qn('w:ilvl'))] = [val(lvl, 'w:lvlText'), val(lvl, 'w:suff'), val(lvl, 'w:pStyle')]
    out['levels'] = levels
    out['nums'] = {n.get(qn('w:numId')): val(n, 'w:abstractNumId') for n in d.part.numbering_part.element.findall(qn('w:num'))}
    out['paragraph_styles'] = [p.style.name for p in d.paragraphs]
    tables = []
    for t in d.tables:
        rows = t.rows
        tr_pr = rows[0]._tr.trPr
        tables.append({
            'style': t.style.name if t.style is not None else None,
            'rows': len(rows),
            'header': tr_pr is not None and tr_pr.find(qn('w:tblHeader')) is not None,
            'heights': [r.height for r in rows],
            'widths': [c.width for c in t.columns],
            'cells': [[c.text for c in r.cells] for r in rows],
        })
    out['tables'] = tables
    cp = d.core_properties
    out['core'] = {'title': cp.title, 'author': cp.author,
                   'created': cp.created.isoformat() if cp.created else None,
                   'language': cp.language}
    s = d.sections[0]
    out['section'] = {'w': s.page_width, 'h': s.page_height, 'left': s.left_margin,
                      'right': s.right_margin, 'top': s.top_margin, 'bottom': s.bottom_margin,
                      'first_page': s.different_first_page_header_footer,
                      'page_field': 'PAGE' in s.header._element.xml,
                      'first_header_text': ''.join(p.text for p in s.first_page_header.paragraphs)}
    rpr = d.styles.element.find(qn('w:docDefaults')).find(qn('w:rPrDefault')).find(qn('w:rPr'))
    out['lang'] = val(rpr, 'w:lang')
    f = rpr.find(qn('w:rFonts'))
    out['fonts'] = [f.get(qn('w:ascii')), f.get(qn('w:hAnsi')), f.get(qn('w:cs'))]
    result[path] = out
print(json.dumps(result, ensure_ascii=False))
"#;

    const EMU_PER_MM: f64 = 36000.0;

    #[test]
    fn python_docx_finds_styles_numbering_tables_and_the_repeated_header_row() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cases = cases();
        let mut paths = Vec::new();
        for (name, doc, _) in &cases {
            let path = dir.path().join(format!("{name}.docx"));
            std::fs::write(&path, export(doc).bytes).expect("write");
            paths.push(path.display().to_string());
        }
        let mut args = vec!["-c", SCRIPT];
        args.extend(paths.iter().map(String::as_str));
        let out = run(
            "python3",
            &args,
            "python3 and python-docx (pip install python-docx)",
        );
        let json: serde_json::Value = serde_json::from_str(&out).expect("the script prints JSON");

        for ((name, doc, _), path) in cases.iter().zip(&paths) {
            let r = resolve(doc);
            let d = &json[path.as_str()];
            let ctx = |what: &str| format!("{name}: {what}");

            let styles: Vec<&str> = d["styles"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|s| s.as_str())
                .collect();
            for wanted in [
                "Normal",
                "Jobdoc Title",
                "Jobdoc Section Heading",
                "Jobdoc Clause 1",
                "Jobdoc Clause 2",
                "Jobdoc Clause 3",
                "Jobdoc Requisite",
                "Jobdoc Approval Stamp",
                "Jobdoc Signature Text",
                "Jobdoc Table Text",
                "Jobdoc Caption",
                "Jobdoc Page Number",
                "Jobdoc Plain Table",
                "Jobdoc Grid Table",
            ] {
                assert!(
                    styles.contains(&wanted),
                    "{}",
                    ctx(&format!("style {wanted}"))
                );
            }

            let levels = &d["levels"];
            let expected = [
                ("0", "%1.", "JobdocSectionHeading"),
                ("1", "%1.%2.", "JobdocClause1"),
                ("2", "%1.%2.%3.", "JobdocClause2"),
                ("3", "%1.%2.%3.%4.", "JobdocClause3"),
            ];
            for (ilvl, text, style) in expected {
                assert_eq!(
                    levels[ilvl],
                    serde_json::json!([text, "space", style]),
                    "{}",
                    ctx(&format!("list level {ilvl}"))
                );
            }
            assert_eq!(d["nums"]["2"], "2", "{}", ctx("numbering 2 uses list 2"));

            // One styled paragraph per section and clause.
            let para_styles: Vec<&str> = d["paragraph_styles"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|s| s.as_str())
                .collect();
            let count = |s: &str| para_styles.iter().filter(|p| **p == s).count();
            assert_eq!(
                count("Jobdoc Section Heading"),
                r.sections.len(),
                "{}",
                ctx("headings")
            );
            for level in 1..=3 {
                let n = r
                    .sections
                    .iter()
                    .flat_map(|s| &s.clauses)
                    .filter(|c| c.level == level)
                    .count();
                assert_eq!(
                    count(&format!("Jobdoc Clause {level}")),
                    n,
                    "{}",
                    ctx(&format!("clauses at level {level}"))
                );
            }
            assert_eq!(count("Jobdoc Title"), 1, "{}", ctx("title"));

            // Tables: header block, author, one per visa, the mark, the sheet.
            let tables = d["tables"].as_array().unwrap();
            let expected_tables =
                2 + r.visas.len() + usize::from(r.mark.is_some()) + usize::from(r.sheet.is_some());
            assert_eq!(tables.len(), expected_tables, "{}", ctx("table count"));
            let header = &tables[0];
            assert_eq!(
                header["style"],
                "Jobdoc Plain Table",
                "{}",
                ctx("header table")
            );
            let stamp_mm = header["widths"][2].as_f64().unwrap() / EMU_PER_MM;
            assert!(
                stamp_mm <= 80.01,
                "{}",
                ctx(&format!("stamp {stamp_mm} mm wide"))
            );
            let stamp_text = header["cells"][0][2].as_str().unwrap();
            assert!(
                stamp_text.starts_with(match r.language {
                    Language::Ru => "УТВЕРЖД",
                    Language::En => "APPROVED",
                }),
                "{}",
                ctx(&format!("stamp text {stamp_text:?}"))
            );
            for t in &tables[..tables.len() - usize::from(r.sheet.is_some())] {
                assert_eq!(
                    t["header"],
                    false,
                    "{}",
                    ctx("only the sheet repeats a row")
                );
                assert_eq!(t["style"], "Jobdoc Plain Table", "{}", ctx("borderless"));
            }
            let author = &tables[1];
            assert_eq!(
                author["cells"][1][1].as_str().unwrap(),
                r.author.signature_caption,
                "{}",
                ctx("caption under the author's signature line")
            );
            if let Some(sheet) = &r.sheet {
                let t = tables.last().unwrap();
                assert_eq!(t["style"], "Jobdoc Grid Table", "{}", ctx("sheet style"));
                assert_eq!(t["header"], true, "{}", ctx("sheet header row repeats"));
                assert_eq!(t["rows"], sheet.rows.len() + 1, "{}", ctx("sheet rows"));
                let head: Vec<&str> = t["cells"][0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|c| c.as_str())
                    .collect();
                assert_eq!(
                    head,
                    sheet.columns.iter().map(String::as_str).collect::<Vec<_>>()
                );
                for h in t["heights"].as_array().unwrap() {
                    let h_mm = h.as_f64().unwrap_or(0.0) / EMU_PER_MM;
                    assert!(
                        h_mm >= 9.99,
                        "{}",
                        ctx(&format!("sheet row {h_mm} mm high"))
                    );
                }
                let date_mm = t["widths"][3].as_f64().unwrap() / EMU_PER_MM;
                assert!(
                    date_mm >= 30.0,
                    "{}",
                    ctx(&format!("date column {date_mm} mm"))
                );
                for (row, cells) in sheet.rows.iter().zip(&t["cells"].as_array().unwrap()[1..]) {
                    assert_eq!(cells[0].as_str().unwrap(), row[0]);
                    assert_eq!(cells[1].as_str().unwrap(), row[1]);
                }
            }

            let core = &d["core"];
            assert_eq!(core["title"], r.info.title, "{}", ctx("title property"));
            assert_eq!(core["author"], r.info.author, "{}", ctx("creator"));
            assert_eq!(
                core["created"],
                "2026-01-15T09:00:00+00:00",
                "{}",
                ctx("created")
            );
            assert_eq!(core["language"], r.info.language_tag, "{}", ctx("language"));
            assert_eq!(d["lang"], r.info.language_tag, "{}", ctx("w:lang"));
            assert_eq!(
                d["fonts"],
                serde_json::json!(["Times New Roman", "Times New Roman", "Times New Roman"]),
                "{}",
                ctx("fonts")
            );

            let s = &d["section"];
            let emu = |v: &serde_json::Value| v.as_f64().unwrap() / EMU_PER_MM;
            assert!((emu(&s["w"]) - 210.0).abs() < 0.1, "{}", ctx("A4 width"));
            assert!((emu(&s["h"]) - 297.0).abs() < 0.1, "{}", ctx("A4 height"));
            let m = &r.geometry.margins_mm;
            for (key, want) in [
                ("left", m.left),
                ("right", m.right),
                ("top", m.top),
                ("bottom", m.bottom),
            ] {
                assert!(
                    (emu(&s[key]) - want).abs() < 0.05,
                    "{}",
                    ctx(&format!("{key} margin"))
                );
            }
            assert_eq!(s["first_page"], true, "{}", ctx("different first page"));
            assert_eq!(s["page_field"], true, "{}", ctx("PAGE field in the header"));
            assert_eq!(s["first_header_text"], "", "{}", ctx("no number on page 1"));
        }
    }
}

mod docx_rs_reader {
    use super::*;

    #[test]
    fn docx_rs_reads_every_export_back() {
        for (name, doc, _) in cases() {
            let out = export(&doc);
            let read = docx_rs::read_docx(&out.bytes)
                .unwrap_or_else(|e| panic!("{name}: docx-rs cannot read the export: {e}"));
            for id in ["JobdocSectionHeading", "JobdocClause1", "JobdocGridTable"] {
                assert!(
                    read.styles.find_style_by_id(id).is_some(),
                    "{name}: style {id} read back"
                );
            }
            let list = read
                .numberings
                .abstract_nums
                .iter()
                .find(|a| a.id == 2)
                .unwrap_or_else(|| panic!("{name}: list 2 read back"));
            assert_eq!(list.levels.len(), 4, "{name}: four list levels");
            let r = resolve(&doc);
            let tables = read
                .document
                .children
                .iter()
                .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
                .count();
            assert_eq!(
                tables,
                2 + r.visas.len() + usize::from(r.mark.is_some()) + usize::from(r.sheet.is_some()),
                "{name}: tables read back"
            );
        }
    }
}

mod package {
    use super::*;

    #[test]
    fn every_part_is_well_formed_and_in_schema_order() {
        for (name, doc, _) in cases() {
            let out = export(&doc);
            for (part, bytes) in unzip(&out.bytes) {
                if !(part.ends_with(".xml") || part.ends_with(".rels")) {
                    continue;
                }
                let text = String::from_utf8(bytes).expect("UTF-8");
                let parsed =
                    jobdoc_docx::xml::parse(&text).unwrap_or_else(|e| panic!("{name}/{part}: {e}"));
                if let Err(e) = jobdoc_docx::schema::is_ordered(&parsed.root) {
                    panic!("{name}/{part}: {e}");
                }
            }
        }
    }

    #[test]
    fn entries_are_deflated_with_a_fixed_time_stamp() {
        let out = export(&awkward());
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&out.bytes)).unwrap();
        let mut names = Vec::new();
        for i in 0..archive.len() {
            let f = archive.by_index(i).unwrap();
            names.push(f.name().to_owned());
            assert_eq!(
                f.compression(),
                zip::CompressionMethod::Deflated,
                "{} deflated",
                f.name()
            );
            let t = f.last_modified().expect("a time stamp");
            assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
        }
        assert_eq!(names[0], "[Content_Types].xml");
        for wanted in [
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "docProps/core.xml",
            "word/header1.xml",
            "word/header2.xml",
        ] {
            assert!(names.iter().any(|n| n == wanted), "{wanted} in the package");
        }
    }

    #[test]
    fn the_creation_time_is_written_and_checked() {
        let doc = awkward();
        let out = write_docx(
            &resolve(&doc),
            &DocxOptions {
                // Written in UTC without the fraction, as W3CDTF readers expect.
                created: "2026-01-01T02:59:58.5+03:00".parse().unwrap(),
            },
        )
        .unwrap();
        let core = part(&out.bytes, "docProps/core.xml");
        assert!(
            core.contains(">2025-12-31T23:59:58Z</dcterms:created>"),
            "{core}"
        );
        assert!(core.contains("<dc:title>Должностная инструкция менеджера по продажам</dc:title>"));
    }
}

mod cleaning {
    use super::*;

    #[test]
    fn line_breaks_tabs_and_forbidden_characters() {
        let out = export(&awkward());
        let xml = part(&out.bytes, "word/document.xml");
        assert!(
            xml.contains(
                "<w:t xml:space=\"preserve\">Первая строка пункта</w:t><w:br w:type=\"textWrapping\"/>\
                 <w:t xml:space=\"preserve\">вторая строка пункта</w:t>"
            ),
            "a line break inside a clause is a w:br"
        );
        assert!(
            xml.contains("<w:t xml:space=\"preserve\">Пункт с</w:t><w:tab/>"),
            "a tab stays a tab"
        );
        assert!(
            xml.contains("символомзвонка"),
            "the bell character is removed"
        );
        assert!(!xml.contains('\u{7}'));
        assert!(
            xml.contains("ООО &quot;Ромашка &amp; Co&quot; &lt;тест&gt;"),
            "XML-special characters escaped"
        );
        let bell: Vec<_> = out
            .warnings
            .iter()
            .filter(|w| w.message_en.contains("U+0007"))
            .collect();
        assert_eq!(
            bell.len(),
            1,
            "one warning for the bell: {:?}",
            out.warnings
        );
        assert_eq!(bell[0].path, "/sections/0/clauses/1");
        assert!(bell[0].message_ru.contains("U+0007"));
        // Too deep a clause is validation's to report; the DOCX prints it at level 3 with its
        // number typed.
        assert!(xml.contains("1.2.1.1.1. Слишком глубокий подпункт"));
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    }

    #[test]
    fn documents_without_problems_give_no_warnings() {
        for (name, doc, _) in cases() {
            if name == "awkward" {
                continue;
            }
            let out = export(&doc);
            assert!(out.warnings.is_empty(), "{name}: {:?}", out.warnings);
        }
    }
}

mod snapshots {
    use super::*;

    fn snapshot_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
    }

    /// A readable diff: the changed stretch of lines with a little context.
    fn diff(expected: &str, actual: &str) -> String {
        let e: Vec<&str> = expected.lines().collect();
        let a: Vec<&str> = actual.lines().collect();
        let head = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
        let tail = e[head..]
            .iter()
            .rev()
            .zip(a[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let from = head.saturating_sub(3);
        let mut out = format!("first difference at line {}\n", head + 1);
        for l in &e[from..head] {
            out.push_str(&format!("  {l}\n"));
        }
        for l in e[head..e.len() - tail].iter().take(40) {
            out.push_str(&format!("- {l}\n"));
        }
        for l in a[head..a.len() - tail].iter().take(40) {
            out.push_str(&format!("+ {l}\n"));
        }
        out
    }

    fn check(name: &str, actual: &str) {
        let path = snapshot_dir().join(name);
        if std::env::var("JOBDOC_BLESS").as_deref() == Ok("1") {
            std::fs::create_dir_all(snapshot_dir()).unwrap();
            std::fs::write(&path, actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run with JOBDOC_BLESS=1 to write it",
                path.display()
            )
        });
        if expected != actual {
            panic!(
                "{name} differs from the snapshot (JOBDOC_BLESS=1 rewrites it):\n{}",
                diff(&expected, actual)
            );
        }
    }

    #[test]
    fn xml_parts_match_the_snapshots() {
        let out = export(&awkward());
        for (part_name, file) in [
            ("word/document.xml", "awkward.document.xml"),
            ("word/numbering.xml", "awkward.numbering.xml"),
            ("word/styles.xml", "awkward.styles.xml"),
        ] {
            let xml = part(&out.bytes, part_name);
            let pretty = jobdoc_docx::xml::pretty(&xml).expect("well-formed");
            check(file, &pretty);
        }
    }
}
