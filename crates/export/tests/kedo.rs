//! The КЭДО package: a PDF/A-1a and its XML description side by side. The description is read
//! back with an XML parser (quick-xml) and checked against the document and the PDF's bytes.

use std::collections::BTreeMap;

use jobdoc_export::kedo::{description_xml, package, write_package, DescribedPdf, NAMESPACE};
use jobdoc_layout::FontSet;
use jobdoc_model::{templates, Approval, Document, IsoDate, Timestamp};
use quick_xml::events::Event;
use sha2::{Digest, Sha256};

fn now() -> Timestamp {
    "2026-03-01T10:00:00+03:00".parse().unwrap()
}

fn sample() -> Document {
    let mut doc = templates::instantiate("ru-sales-manager", "id", now())
        .expect("template exists")
        .expect("template parses");
    doc.registration.number = "17-ДИ".into();
    doc.registration.date = Some(IsoDate::new(2026, 2, 27).unwrap());
    doc.approval = Approval::Order {
        number: "12/к".into(),
        date: Some(IsoDate::new(2026, 2, 26).unwrap()),
    };
    doc.organisation.name = "ООО «Ромашка & Ко» <север>".into();
    doc
}

/// Every element's text by its path (`description/document/title`), and the root's namespace
/// and attributes; panics on XML that does not parse.
fn attr_value(a: &quick_xml::events::attributes::Attribute) -> String {
    let raw = std::str::from_utf8(&a.value).unwrap();
    quick_xml::escape::unescape(raw).unwrap().into_owned()
}

fn parse(xml: &str) -> (BTreeMap<String, String>, Vec<(String, String)>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut values = BTreeMap::new();
    let mut root_attrs = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if path.is_empty() {
                    for a in e.attributes() {
                        let a = a.unwrap();
                        root_attrs.push((
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            attr_value(&a),
                        ));
                    }
                }
                path.push(name);
            }
            Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                    values.insert(format!("{}/{name}@{key}", path.join("/")), attr_value(&a));
                }
            }
            // Text comes in pieces split at entity references: joined per element, then
            // trimmed (the indentation between elements is not a value).
            Event::Text(t) => {
                let text = t.decode().unwrap();
                values.entry(path.join("/")).or_default().push_str(&text);
            }
            Event::GeneralRef(r) => {
                let c = match r.decode().unwrap().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other};"),
                };
                values.entry(path.join("/")).or_default().push_str(c);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let values = values
        .into_iter()
        .map(|(k, v)| (k, v.trim().to_owned()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    (values, root_attrs)
}

#[test]
fn the_description_reads_back_and_describes_the_pdf() {
    let doc = sample();
    let pkg = package(&doc, "Должностная инструкция", now(), FontSet::bundled()).unwrap();
    assert_eq!(pkg.pdf_name, "Должностная инструкция.pdf");
    assert_eq!(pkg.xml_name, "Должностная инструкция.xml");
    assert!(pkg.pdf.bytes.starts_with(b"%PDF-1.4"));
    let needle = b"<pdfaid:conformance>A</pdfaid:conformance>";
    assert!(
        pkg.pdf.bytes.windows(needle.len()).any(|w| w == needle),
        "the package's PDF is PDF/A-1a"
    );
    let bytes = pkg.xml.as_bytes();
    assert!(
        !bytes.starts_with(&[0xef, 0xbb, 0xbf]),
        "no byte order mark"
    );
    assert!(pkg
        .xml
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));

    let (v, root) = parse(&pkg.xml);
    assert!(
        root.contains(&("xmlns".into(), NAMESPACE.into())),
        "{root:?}"
    );
    let get = |k: &str| {
        v.get(k)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("{k} in {v:#?}"))
    };
    assert_eq!(get("description/document/kind"), "Должностная инструкция");
    assert_eq!(
        get("description/document/title"),
        "Должностная инструкция менеджера по продажам"
    );
    assert_eq!(get("description/document/position"), doc.position.name);
    assert_eq!(
        get("description/document/organisation/name"),
        "ООО «Ромашка & Ко» <север>"
    );
    assert_eq!(get("description/document/registration/number"), "17-ДИ");
    assert_eq!(get("description/document/registration/date"), "2026-02-27");
    assert_eq!(get("description/document/approval/order-number"), "12/к");
    assert_eq!(get("description/document/approval/date"), "2026-02-26");
    assert_eq!(get("description/document/language"), "ru-RU");
    assert_eq!(get("description/file/name"), pkg.pdf_name);
    assert_eq!(get("description/file/format"), "PDF/A-1a");
    assert_eq!(
        get("description/file/size"),
        pkg.pdf.bytes.len().to_string()
    );
    assert_eq!(
        get("description/file/pages"),
        pkg.pdf.page_count().to_string()
    );
    let sha: String = Sha256::digest(&pkg.pdf.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(get("description/file/sha256"), sha);
    assert_eq!(get("description/created"), "2026-03-01T10:00:00+03:00");

    // Pure: the same input gives the same package.
    assert_eq!(
        package(&doc, "Должностная инструкция", now(), FontSet::bundled()).unwrap(),
        pkg
    );
}

#[test]
fn a_stamp_approval_and_empty_values() {
    let mut doc = sample();
    doc.approval = Approval::Stamp {
        approver_position: "Генеральный директор".into(),
        approver_name: "П. Н. Захаров".into(),
        date: None,
    };
    doc.registration.number.clear();
    doc.registration.date = None;
    let xml = description_xml(
        &doc,
        &DescribedPdf {
            file_name: "x.pdf",
            bytes: b"%PDF-1.4 not really",
            pages: 3,
        },
        now(),
    );
    let (v, _) = parse(&xml);
    assert_eq!(
        v["description/document/approval/approver-name"],
        "П. Н. Захаров"
    );
    assert!(
        !v.contains_key("description/document/approval/date"),
        "{xml}"
    );
    assert!(!xml.contains("<registration>"), "nothing invented: {xml}");
    assert!(xml.contains("<approval kind=\"stamp\">"));
    assert_eq!(v["description/file/pages"], "3");
}

#[test]
fn the_package_is_written_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = package(&sample(), "ДИ", now(), FontSet::bundled()).unwrap();
    let written = write_package(&pkg, dir.path()).unwrap();
    assert_eq!(
        written,
        vec![dir.path().join("ДИ.pdf"), dir.path().join("ДИ.xml")]
    );
    assert_eq!(std::fs::read(&written[0]).unwrap(), pkg.pdf.bytes);
    assert_eq!(std::fs::read(&written[1]).unwrap(), pkg.xml.as_bytes());
    let err = write_package(&pkg, &dir.path().join("missing")).unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
}
