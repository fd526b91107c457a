//! The КЭДО package: the job instruction as PDF/A-1a plus an XML description of it, for
//! electronic HR record systems (КЭДО; order of the Ministry of Labour № 578н asks for the
//! document as PDF/A-1a and a description in XML, UTF-8 without a byte order mark).
//!
//! The order fixes the encoding, not the description's vocabulary, and the КЭДО services each
//! map their own cards; so the description follows a small schema of Jobdoc's own, documented
//! in `docs/kedo.md` (namespace [`NAMESPACE`]). [`description_xml`] writes it: a pure function
//! of the document, the PDF and the time passed in. [`package`] makes the PDF/A and its
//! description in one call; [`write_package`] puts both side by side in a folder, `NAME.pdf`
//! and `NAME.xml`, each written atomically.

use std::path::{Path, PathBuf};

use jobdoc_layout::FontSet;
use jobdoc_model::resolve::resolve;
use jobdoc_model::{Approval, Document, Timestamp};
use sha2::{Digest, Sha256};

use crate::{
    export_resolved, Conformance, ExportError, ExportOptions, Format, PdfFile, WriteError,
};

/// The namespace of the description's elements (version 1 of the schema).
pub const NAMESPACE: &str = "urn:jobdoc:kedo-description:1";

/// The PDF the description is about.
#[derive(Debug, Clone, Copy)]
pub struct DescribedPdf<'a> {
    /// The file name as it is delivered beside the description (no folder).
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub pages: usize,
}

/// The description of `pdf`, the PDF/A export of `doc`, made at `created`.
///
/// `<description>` holds, in this order: `<document>` (kind, title, position, organisation,
/// registration, approval, edition when one is approved, language), `<file>` (name, format,
/// media type, size in bytes, page count, SHA-256 of the bytes) and `<created>`. Empty values
/// are left out, never invented. The text has an XML declaration, no byte order mark, and
/// only characters XML 1.0 allows (the model's validation reports the others; here they are
/// dropped).
pub fn description_xml(doc: &Document, pdf: &DescribedPdf, created: Timestamp) -> String {
    let resolved_kind = jobdoc_model::resolve::Labels::of(doc.language).document_kind;
    let info = resolve(doc).info;
    let mut x = Xml::default();
    x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.raw(&format!(
        "<description xmlns=\"{NAMESPACE}\" schema-version=\"1\">\n"
    ));
    x.raw("  <document>\n");
    x.element(2, "kind", &sentence_case(resolved_kind));
    x.element(2, "title", &info.title);
    x.element(2, "position", &doc.position.name);
    let org = &doc.organisation;
    if [&org.name, &org.short_name, &org.department, &org.place]
        .iter()
        .any(|s| !s.trim().is_empty())
    {
        x.raw("    <organisation>\n");
        x.element(3, "name", &org.name);
        x.element(3, "short-name", &org.short_name);
        x.element(3, "department", &org.department);
        x.element(3, "place", &org.place);
        x.raw("    </organisation>\n");
    }
    let reg = &doc.registration;
    if reg.date.is_some() || !reg.number.trim().is_empty() {
        x.raw("    <registration>\n");
        x.element(3, "number", &reg.number);
        x.element(
            3,
            "date",
            &reg.date.map(|d| d.to_string()).unwrap_or_default(),
        );
        x.raw("    </registration>\n");
    }
    match &doc.approval {
        Approval::Stamp {
            approver_position,
            approver_name,
            date,
        } => {
            x.raw("    <approval kind=\"stamp\">\n");
            x.element(3, "approver-position", approver_position);
            x.element(3, "approver-name", approver_name);
            x.element(3, "date", &date.map(|d| d.to_string()).unwrap_or_default());
            x.raw("    </approval>\n");
        }
        Approval::Order { number, date } => {
            x.raw("    <approval kind=\"order\">\n");
            x.element(3, "order-number", number);
            x.element(3, "date", &date.map(|d| d.to_string()).unwrap_or_default());
            x.raw("    </approval>\n");
        }
    }
    if let Some(edition) = doc.editions.iter().max_by_key(|e| e.number) {
        x.raw(&format!(
            "    <edition number=\"{}\" approved-on=\"{}\"/>\n",
            edition.number, edition.approved_on
        ));
    }
    x.element(2, "language", doc.language.tag());
    x.raw("  </document>\n");
    x.raw("  <file>\n");
    x.element(2, "name", pdf.file_name);
    x.element(2, "format", "PDF/A-1a");
    x.element(2, "media-type", "application/pdf");
    x.element(2, "size", &pdf.bytes.len().to_string());
    x.element(2, "pages", &pdf.pages.to_string());
    x.element(2, "sha256", &sha256_hex(pdf.bytes));
    x.raw("  </file>\n");
    x.element(1, "created", &created.to_string());
    x.raw("</description>\n");
    x.0
}

/// "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" → "Должностная инструкция".
fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Default)]
struct Xml(String);

impl Xml {
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// `<name>text</name>` on its own line, left out when the text is blank.
    fn element(&mut self, depth: usize, name: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        for _ in 0..depth {
            self.0.push_str("  ");
        }
        self.0.push('<');
        self.0.push_str(name);
        self.0.push('>');
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                // A line break inside a value (a multi-line organisation name) stays one.
                '\n' | '\t' => self.0.push(c),
                c if c.is_control() => {}
                '\u{fffe}' | '\u{ffff}' => {}
                c => self.0.push(c),
            }
        }
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push_str(">\n");
    }
}

/// A PDF/A-1a export and its description, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub pdf: PdfFile,
    /// `NAME.pdf`: the file name the description gives.
    pub pdf_name: String,
    /// `NAME.xml`.
    pub xml_name: String,
    /// UTF-8, no byte order mark.
    pub xml: String,
    pub warnings: Vec<jobdoc_model::Diagnostic>,
}

/// The PDF/A-1a of `doc` and its description, both named `base` (`base.pdf`, `base.xml`).
/// Pure: the same document, base name, time and fonts give the same bytes.
pub fn package(
    doc: &Document,
    base: &str,
    created: Timestamp,
    fonts: &FontSet,
) -> Result<Package, ExportError> {
    let resolved = resolve(doc);
    let exported = export_resolved(
        &resolved,
        &ExportOptions {
            formats: &[Format::Pdf],
            created,
            fonts,
            conformance: Conformance::PdfA1a,
        },
    )?;
    let Some(pdf) = exported.pdf else {
        unreachable!("a PDF was asked for")
    };
    let pdf_name = format!("{base}.pdf");
    let xml = description_xml(
        doc,
        &DescribedPdf {
            file_name: &pdf_name,
            bytes: &pdf.bytes,
            pages: pdf.page_count(),
        },
        created,
    );
    Ok(Package {
        pdf,
        pdf_name,
        xml_name: format!("{base}.xml"),
        xml,
        warnings: exported.warnings,
    })
}

/// Writes the package's two files into `folder` (which must exist), the PDF first; returns
/// their paths.
pub fn write_package(package: &Package, folder: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let mut written = Vec::new();
    for (name, bytes) in [
        (&package.pdf_name, package.pdf.bytes.as_slice()),
        (&package.xml_name, package.xml.as_bytes()),
    ] {
        let path = folder.join(name);
        jobdoc_model::atomic_write(&path, bytes).map_err(|source| WriteError {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
