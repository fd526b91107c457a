//! `jobdoc register FILE --xlsx OUT [--today D]` (who acknowledged the latest edition) and
//! `jobdoc log FILES_OR_FOLDERS… --xlsx OUT` (the registration log).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jobdoc_model::{self as model, IsoDate, Language};
use jobdoc_registers::{acknowledgements, registration_log, to_xlsx};

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

pub fn register(file: &Path, out: &Path, today: Option<IsoDate>) -> Result<ExitCode, Fatal> {
    let doc = model::load(file)?;
    let now = clock::now();
    let table = acknowledgements(&doc, today.unwrap_or_else(|| now.date()));
    let bytes = to_xlsx(&table, now).map_err(|e| xlsx_failed(out, &e))?;
    write(out, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

pub fn log(inputs: &[PathBuf], out: &Path, lang: Language) -> Result<ExitCode, Fatal> {
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
    let bytes = to_xlsx(&table, clock::now()).map_err(|e| xlsx_failed(out, &e))?;
    write(out, &bytes)?;
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
