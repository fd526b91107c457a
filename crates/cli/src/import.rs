//! `jobdoc import FILE -o OUT.jobdoc [--report REPORT.json]`: an existing instruction (DOCX,
//! ODT, RTF, DOC, text, Markdown, HTML) as a Jobdoc document, with the report of what every
//! source paragraph became. `--lang` sets the document's language (otherwise it is detected
//! from the text) as well as the language of messages.

use std::path::Path;
use std::process::ExitCode;

use jobdoc_import::{import, ImportOptions, MAX_INPUT};
use jobdoc_model::{self as model, Language};

use crate::{clock, print, Fatal};

pub fn run(
    file: &Path,
    output: &Path,
    report: Option<&Path>,
    force: bool,
    lang: Language,
    explicit_lang: Option<Language>,
) -> Result<ExitCode, Fatal> {
    crate::refuse_to_overwrite(output, force)?;
    let meta =
        std::fs::metadata(file).map_err(|e| Fatal::io(file, ("не читается", "cannot read"), &e))?;
    if meta.len() > MAX_INPUT as u64 {
        return Err(Fatal::after(
            (
                &format!("{}: ", file.display()),
                &format!("{}: ", file.display()),
            ),
            &jobdoc_import::ImportError::TooLarge,
        ));
    }
    let bytes =
        std::fs::read(file).map_err(|e| Fatal::io(file, ("не читается", "cannot read"), &e))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut options = ImportOptions::new(clock::new_id(), clock::now());
    options.language = explicit_lang;
    let imported = import(&bytes, &name, &options).map_err(|e| {
        let prefix = format!("{}: ", file.display());
        Fatal::after((&prefix, &prefix), &e)
    })?;
    model::save(&imported.document, output)?;
    if let Some(path) = report {
        let mut json = serde_json::to_string_pretty(&imported.report).map_err(|e| {
            Fatal::said(
                format!("{}: отчёт не записан", path.display()),
                format!("{}: the report could not be written: {e}", path.display()),
            )
        })?;
        json.push('\n');
        model::atomic_write(path, json.as_bytes())
            .map_err(|e| Fatal::io(path, ("не записывается", "cannot write"), &e))?;
    }
    let (clauses, headings, other, dropped) = imported.report.summary();
    let sections = imported.document.sections.len();
    let line = match lang {
        Language::Ru => format!(
            "{}: разделов {sections}, абзацев в пунктах {clauses}, заголовков {headings}, в реквизитах и подписях {other}, отброшено {dropped}\n",
            output.display()
        ),
        Language::En => format!(
            "{}: {sections} sections, {clauses} paragraphs in clauses, {headings} headings, {other} in requisites and signatures, {dropped} dropped\n",
            output.display()
        ),
    };
    print(&line)?;
    Ok(ExitCode::SUCCESS)
}
