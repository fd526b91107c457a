//! `jobdoc batch FILES_OR_FOLDERS… --pdf --docx --out DIR [--pattern P] [--jobs N]` and
//! `jobdoc copies FILE --employees LIST --out DIR [--one-pdf]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use jobdoc_export::batch::{self, Job, Outcome, Plan};
use jobdoc_export::{names, ExportOptions, Format};
use jobdoc_layout::FontSet;
use jobdoc_model::resolve::Recipient;
use jobdoc_model::{self as model, Language};

use crate::{print, Fatal};

pub struct Options {
    pub formats: Vec<Format>,
    pub out: PathBuf,
    pub pattern: Option<String>,
    pub jobs: Option<usize>,
    pub overwrite: bool,
}

fn threads(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

fn ensure_folder(out: &Path) -> Result<(), Fatal> {
    std::fs::create_dir_all(out).map_err(|e| {
        Fatal::io(
            out,
            ("не удаётся создать папку", "cannot create the folder"),
            &e,
        )
    })
}

/// The summary: one line per job that was not written, then the totals; exit 1 when any job
/// was skipped, 0 when all were written.
fn summary(report: &batch::Report, lang: Language) -> Result<ExitCode, Fatal> {
    let mut out = String::new();
    for (source, outcome) in &report.results {
        let line = match (outcome, lang) {
            (Outcome::Written(_), _) => continue,
            (Outcome::Exists(files), Language::Ru) => format!(
                "{}: пропущен: файлы уже есть ({}); --overwrite заменит их",
                source.display(),
                files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Outcome::Exists(files), Language::En) => format!(
                "{}: skipped: the files exist ({}); --overwrite replaces them",
                source.display(),
                files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Outcome::Failed(why), _) => why.clone(),
            (Outcome::Cancelled, Language::Ru) => {
                format!("{}: не начат (отменено)", source.display())
            }
            (Outcome::Cancelled, Language::En) => {
                format!("{}: not started (cancelled)", source.display())
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    eprint!("{out}");
    print(&match lang {
        Language::Ru => format!(
            "записано файлов: {}, пропущено документов: {}\n",
            report.written(),
            report.skipped()
        ),
        Language::En => format!(
            "{} file(s) written, {} document(s) skipped\n",
            report.written(),
            report.skipped()
        ),
    })?;
    Ok(if report.skipped() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn batch(inputs: &[PathBuf], o: &Options, lang: Language) -> Result<ExitCode, Fatal> {
    let files = batch::collect_inputs(inputs).map_err(|e| {
        Fatal::io(
            Path::new("."),
            (
                "не удаётся перечислить документы",
                "cannot list the documents",
            ),
            &e,
        )
    })?;
    if files.is_empty() {
        return Err(Fatal::said(
            "не указано и не найдено ни одного файла .jobdoc".into(),
            "no .jobdoc files were given or found".into(),
        ));
    }
    ensure_folder(&o.out)?;
    let mut jobs = Vec::new();
    let mut unreadable = Vec::new();
    for f in files {
        match model::load(&f) {
            Ok(document) => jobs.push(Job {
                source: f,
                document,
                recipient: None,
            }),
            Err(e) => unreadable.push((f, Outcome::Failed(e.to_string()))),
        }
    }
    let plan = Plan {
        formats: o.formats.clone(),
        out_dir: o.out.clone(),
        pattern: o.pattern.clone(),
        threads: threads(o.jobs),
        overwrite: o.overwrite,
    };
    let mut report = batch::run(
        &jobs,
        &plan,
        FontSet::bundled(),
        &AtomicBool::new(false),
        &|_, _| {},
    );
    report.results.extend(unreadable);
    summary(&report, lang)
}

/// One copy per employee of the list, each with the acknowledgement mark and sheet naming them:
/// one file each (named by the pattern, `<employee>` by default), or all in one PDF ready to
/// print double-sided.
pub fn copies(
    file: &Path,
    employees: &Path,
    o: &Options,
    one_pdf: bool,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    let doc = model::load(file)?;
    if !doc.acknowledgement.mark && doc.acknowledgement.sheet.is_none() {
        return Err(Fatal::said(
            format!(
                "{}: в документе нет ни отметки, ни листа ознакомления, на которых можно указать работника",
                file.display()
            ),
            format!(
                "{}: the document has neither an acknowledgement mark nor a sheet to name the employee on",
                file.display()
            ),
        ));
    }
    let bytes = std::fs::read(employees).map_err(|e| {
        Fatal::io(
            employees,
            ("не удаётся прочитать файл", "cannot read the file"),
            &e,
        )
    })?;
    let roster = jobdoc_roster::read(&bytes, &employees.display().to_string())?;
    if roster.rows.is_empty() {
        return Err(Fatal::said(
            format!("{}: в списке нет ни одного работника", employees.display()),
            format!("{}: the list names no employee", employees.display()),
        ));
    }
    let recipients: Vec<Recipient> = roster
        .rows
        .iter()
        .map(|r| Recipient {
            name: r.member.name.clone(),
            position: if r.position.is_empty() {
                doc.position.name.clone()
            } else {
                r.position.clone()
            },
        })
        .collect();
    ensure_folder(&o.out)?;
    if one_pdf {
        let pdf = jobdoc_export::copies_pdf(
            &doc,
            &recipients,
            true,
            &ExportOptions {
                formats: &[Format::Pdf],
                created: doc.meta.modified,
                fonts: FontSet::bundled(),
            },
        )
        .map_err(|e| {
            Fatal::after(
                (
                    &format!("{}: ", file.display()),
                    &format!("{}: ", file.display()),
                ),
                &e,
            )
        })?;
        let stem = names::export_base_name(
            o.pattern
                .as_deref()
                .unwrap_or(names::default_pattern(doc.language)),
            &doc,
        );
        let path = o.out.join(format!("{stem}.pdf"));
        model::atomic_write(&path, &pdf.bytes).map_err(|e| {
            Fatal::io(
                &path,
                ("не удаётся записать файл", "cannot write the file"),
                &e,
            )
        })?;
        print(&format!("{}\n", path.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let jobs: Vec<Job> = recipients
        .into_iter()
        .map(|r| Job {
            source: file.to_path_buf(),
            document: doc.clone(),
            recipient: Some(r),
        })
        .collect();
    let plan = Plan {
        formats: o.formats.clone(),
        out_dir: o.out.clone(),
        pattern: o.pattern.clone(),
        threads: threads(o.jobs),
        overwrite: o.overwrite,
    };
    let report = batch::run(
        &jobs,
        &plan,
        FontSet::bundled(),
        &AtomicBool::new(false),
        &|_, _| {},
    );
    summary(&report, lang)
}
