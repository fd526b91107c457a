//! `jobdoc register FILE [--xlsx OUT] [--pdf OUT] [--today D]` (who acknowledged the latest
//! edition) and `jobdoc log FILES_OR_FOLDERS… [--xlsx OUT] [--pdf OUT]` (the registration log).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jobdoc_model::{self as model, IsoDate, Language};
use jobdoc_registers::{acknowledgements, registration_log, to_pdf, to_xlsx, Table};

use crate::{clock, Fatal};

fn write(out: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    model::atomic_write(out, bytes).map_err(|e| {
        Fatal::io(
            out,
            ("не удаётся записать файл", "cannot write the file"),
            &e,
        )
    })
}

pub fn register(
    file: &Path,
    xlsx: Option<&Path>,
    pdf: Option<&Path>,
    today: Option<IsoDate>,
) -> Result<ExitCode, Fatal> {
    let doc = model::load(file)?;
    let now = clock::now();
    let table = acknowledgements(&doc, today.unwrap_or_else(|| now.date()));
    // The register is printed in the document's language, like the document.
    write_table(&table, xlsx, pdf, doc.language, now)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the table as XLSX and/or PDF, each atomically.
fn write_table(
    table: &Table,
    xlsx: Option<&Path>,
    pdf: Option<&Path>,
    language: Language,
    now: model::Timestamp,
) -> Result<(), Fatal> {
    if let Some(out) = xlsx {
        let bytes = to_xlsx(table, now).map_err(|e| xlsx_failed(out, &e))?;
        write(out, &bytes)?;
    }
    if let Some(out) = pdf {
        let bytes = to_pdf(table, language, now).map_err(|e| {
            Fatal::said(
                format!("{}: не удалось записать PDF ({e})", out.display()),
                format!("{}: {e}", out.display()),
            )
        })?;
        write(out, &bytes)?;
    }
    Ok(())
}

pub fn log(
    inputs: &[PathBuf],
    xlsx: Option<&Path>,
    pdf: Option<&Path>,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    let files = jobdoc_export::batch::collect_inputs(inputs).map_err(|e| {
        Fatal::io(
            Path::new("."),
            (
                "не удаётся перечислить документы",
                "cannot list the documents",
            ),
            &e,
        )
    })?;
    let mut docs = Vec::new();
    let mut skipped = 0;
    for f in &files {
        match model::load(f) {
            Ok(d) => docs.push((f.clone(), d)),
            Err(e) => {
                use jobdoc_model::UserError;
                eprintln!("jobdoc: {}", e.message(lang));
                skipped += 1;
            }
        }
    }
    let refs: Vec<(&Path, &model::Document)> = docs.iter().map(|(p, d)| (p.as_path(), d)).collect();
    let table = registration_log(&refs, lang);
    write_table(&table, xlsx, pdf, lang, clock::now())?;
    Ok(if skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn xlsx_failed(out: &Path, e: &jobdoc_registers::XlsxError) -> Fatal {
    Fatal::said(
        format!("{}: не удалось записать XLSX ({e})", out.display()),
        format!("{}: {e}", out.display()),
    )
}
