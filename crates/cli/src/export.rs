//! `jobdoc export FILE --pdf OUT.pdf --docx OUT.docx`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use jobdoc_model::{self as model, Language};

use crate::{clock, diagnostics_report, Fatal};

/// Exports to the requested formats. Each output replaces its target atomically, so a shared
/// drive never holds a half-written file. The document's own problems are reported on stderr
/// and make the exit status 1, but do not stop the export: a draft can still be printed.
pub fn run(
    file: &Path,
    pdf: Option<&Path>,
    docx: Option<&Path>,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    if let (Some(a), Some(b)) = (pdf, docx) {
        if a == b {
            return Err(Fatal(format!(
                "{}: the PDF and the DOCX cannot be written to the same file",
                a.display()
            )));
        }
    }
    // An output named like the document itself would replace the user's document by an export.
    for out in [pdf, docx].into_iter().flatten() {
        if same_file(file, out) {
            return Err(Fatal(format!(
                "{}: this is the document being exported; choose another name for the export",
                out.display()
            )));
        }
    }
    let doc = model::load(file)?;
    // The document's last-modified time stamps the export, so exporting the same file twice
    // gives the same bytes; a hand-edited, unreadable time stamp falls back to now.
    let created = if model::file::is_rfc3339(&doc.meta.modified) {
        doc.meta.modified.clone()
    } else {
        clock::now_rfc3339()
    };

    let mut warnings = Vec::new();
    if let Some(out) = pdf {
        let options = jobdoc_pdf::PdfOptions {
            created: &created,
            fonts: jobdoc_layout::FontSet::bundled(),
        };
        let output = jobdoc_pdf::export_pdf(&doc, &options)
            .map_err(|e| Fatal(format!("{}: cannot export a PDF: {e}", file.display())))?;
        warnings.extend(
            output
                .warnings
                .iter()
                .map(|w| format!("{}: {}", w.location, w.message)),
        );
        write(out, &output.bytes)?;
    }
    if let Some(out) = docx {
        let options = jobdoc_docx::DocxOptions { created: &created };
        let output = jobdoc_docx::export_docx(&doc, &options)
            .map_err(|e| Fatal(format!("{}: cannot export a DOCX: {e}", file.display())))?;
        warnings.extend(
            output
                .warnings
                .iter()
                .map(|w| format!("{}: {}", w.location, w.message)),
        );
        write(out, &output.bytes)?;
    }

    let (report, errors) = diagnostics_report(file, &doc, lang);
    let mut stderr = std::io::stderr().lock();
    let label = match lang {
        Language::Ru => "предупреждение",
        Language::En => "warning",
    };
    // The same warning from both formats is said once.
    warnings.dedup();
    for w in &warnings {
        let _ = writeln!(stderr, "{}: {label}: {w}", file.display());
    }
    if errors > 0 {
        let _ = stderr.write_all(report.as_bytes());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    model::atomic_write(path, bytes)
        .map_err(|e| Fatal(format!("{}: cannot write the file: {e}", path.display())))
}

/// Whether two paths name the same existing file (after resolving `.`, `..` and links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
