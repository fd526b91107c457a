//! `jobdoc export FILE --pdf OUT.pdf [--pdfa] --docx OUT.docx --kedo DIR`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jobdoc_export::{kedo, names, Conformance, ExportOptions, Format};
use jobdoc_model::{self as model, Language};

use crate::{diagnostics_report, Fatal};

/// What `jobdoc export` was asked to write.
#[derive(Debug, Clone, Copy)]
pub struct Targets<'a> {
    pub pdf: Option<&'a Path>,
    /// The PDF as PDF/A-1a.
    pub pdfa: bool,
    pub docx: Option<&'a Path>,
    /// The folder of a КЭДО package (PDF/A-1a + XML description).
    pub kedo: Option<&'a Path>,
}

/// Exports to the requested formats. Each output replaces its target atomically, so a shared
/// drive never holds a half-written file. The document's own problems are reported on stderr
/// and make the exit status 1, but do not stop the export: a draft can still be printed.
pub fn run(file: &Path, targets: &Targets, lang: Language) -> Result<ExitCode, Fatal> {
    let (pdf, docx) = (targets.pdf, targets.docx);
    if let (Some(a), Some(b)) = (pdf, docx) {
        if a == b {
            return Err(Fatal::said(
                format!(
                    "{}: PDF и DOCX нельзя записать в один и тот же файл",
                    a.display()
                ),
                format!(
                    "{}: the PDF and the DOCX cannot be written to the same file",
                    a.display()
                ),
            ));
        }
    }
    // An output named like the document itself would replace the user's document by an export.
    for out in [pdf, docx].into_iter().flatten() {
        if same_file(file, out) {
            return Err(Fatal::said(
                format!(
                    "{}: это и есть экспортируемый документ; выберите для экспорта другое имя",
                    out.display()
                ),
                format!(
                    "{}: this is the document being exported; choose another name for the export",
                    out.display()
                ),
            ));
        }
    }
    let doc = model::load(file)?;
    let conformance = if targets.pdfa {
        Conformance::PdfA1a
    } else {
        Conformance::Plain
    };
    let mut warnings = Vec::new();
    if let Some(folder) = targets.kedo {
        warnings.extend(write_kedo(file, &doc, folder)?);
    }
    let targets: Vec<(Format, PathBuf)> = [(Format::Pdf, pdf), (Format::Docx, docx)]
        .into_iter()
        .filter_map(|(f, p)| p.map(|p| (f, p.to_path_buf())))
        .collect();
    let formats: Vec<Format> = targets.iter().map(|(f, _)| *f).collect();
    // The document's last-modified time stamps the export, so exporting the same file twice
    // gives the same bytes.
    let exported = jobdoc_export::export(
        &doc,
        &ExportOptions {
            formats: &formats,
            created: doc.meta.modified,
            fonts: jobdoc_layout::FontSet::bundled(),
            conformance,
        },
    )
    .map_err(|e| {
        let file = format!("{}: ", file.display());
        Fatal::after((&file, &file), &e)
    })?;
    jobdoc_export::write_files(&exported, &targets)?;
    for w in exported.warnings {
        let seen = warnings
            .iter()
            .any(|o: &model::Diagnostic| o.code == w.code && o.path == w.path);
        if !seen {
            warnings.push(w);
        }
    }

    let (report, errors) = diagnostics_report(file, &doc, lang);
    let mut stderr = std::io::stderr().lock();
    let label = match lang {
        Language::Ru => "предупреждение",
        Language::En => "warning",
    };
    for w in &warnings {
        let _ = writeln!(
            stderr,
            "{}: {label}: {} [{}]",
            file.display(),
            w.message(lang),
            w.path
        );
    }
    if errors > 0 {
        let _ = stderr.write_all(report.as_bytes());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the КЭДО package of `doc` into `folder` (made if missing), stamped like every CLI
/// export with the document's last-modified time; returns the export's warnings.
fn write_kedo(
    file: &Path,
    doc: &model::Document,
    folder: &Path,
) -> Result<Vec<model::Diagnostic>, Fatal> {
    std::fs::create_dir_all(folder).map_err(|e| {
        Fatal::io(
            folder,
            ("не удаётся создать папку", "cannot create the folder"),
            &e,
        )
    })?;
    let base = names::export_base_name(names::default_pattern(doc.language), doc);
    let package = kedo::package(
        doc,
        &base,
        doc.meta.modified,
        jobdoc_layout::FontSet::bundled(),
    )
    .map_err(|e| {
        let file = format!("{}: ", file.display());
        Fatal::after((&file, &file), &e)
    })?;
    for name in [&package.pdf_name, &package.xml_name] {
        if same_file(file, &folder.join(name)) {
            return Err(Fatal::said(
                format!(
                    "{}: это и есть экспортируемый документ",
                    folder.join(name).display()
                ),
                format!(
                    "{}: this is the document being exported",
                    folder.join(name).display()
                ),
            ));
        }
    }
    kedo::write_package(&package, folder)?;
    Ok(package.warnings)
}

/// Whether two paths name the same existing file (after resolving `.`, `..` and links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
