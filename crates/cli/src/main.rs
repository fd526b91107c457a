//! `jobdoc`: the headless commands. Every failure is one line on stderr naming the file and the
//! problem; the exit status is 0 (fine), 1 (the document has errors) or 2 (a file cannot be read
//! or written, or the command line is wrong).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jobdoc_library::SearchFilter;
use jobdoc_model::error::{io_reason, language_from_locale, UserError};
use jobdoc_model::{self as model, Document, Language, SectionKind, Severity};

mod batch;
mod clock;
mod compare;
mod editions;
mod export;
mod import;
mod inflect;
mod library;
mod registers;

#[derive(Parser)]
#[command(
    name = "jobdoc",
    version,
    about = "Job instructions laid out by GOST R 7.0.97-2025: create, check and export them"
)]
struct Cli {
    /// Language of messages (default: from the LANG environment variable).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Ru,
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Ru => Language::Ru,
            Lang::En => Language::En,
        }
    }
}

/// `--section`: a section kind as the file format writes it (`duties`, `rights`, …).
fn parse_section(text: &str) -> Result<SectionKind, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
        let kinds: Vec<String> = SectionKind::STANDARD
            .iter()
            .chain([&SectionKind::Custom])
            .filter_map(|k| serde_json::to_value(k).ok())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        format!("not a section kind; one of {}", kinds.join(", "))
    })
}

#[derive(Subcommand)]
enum Command {
    /// List the built-in templates: id, language, position.
    Templates,
    /// Create a document from a template (or a blank one).
    New {
        /// Template id (see `jobdoc templates`).
        #[arg(
            long,
            short,
            conflicts_with = "blank",
            required_unless_present = "blank"
        )]
        template: Option<String>,
        /// Create a blank document in this language instead.
        #[arg(long, value_enum)]
        blank: Option<Lang>,
        /// Where to write the new `.jobdoc` file.
        #[arg(long, short)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check a document and print every problem found.
    Check { file: PathBuf },
    /// Export a document as PDF and/or DOCX, or as a КЭДО package (existing files are replaced
    /// atomically).
    Export {
        file: PathBuf,
        /// Write a PDF here.
        #[arg(long, value_name = "OUT.pdf", required_unless_present_any = ["docx", "kedo"])]
        pdf: Option<PathBuf>,
        /// Write the PDF as PDF/A-1a (tagged, for archives and electronic HR records).
        #[arg(long, requires = "pdf")]
        pdfa: bool,
        /// Write a DOCX here.
        #[arg(long, value_name = "OUT.docx")]
        docx: Option<PathBuf>,
        /// Write a КЭДО package into this folder (made if missing): the PDF/A-1a and its XML
        /// description (UTF-8), NAME.pdf and NAME.xml, named like the editor's exports.
        #[arg(long, value_name = "DIR")]
        kedo: Option<PathBuf>,
    },
    /// Approve the current text as the next edition (frozen as it is; saved with a backup).
    Approve {
        file: PathBuf,
        /// The approval date, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<model::IsoDate>,
        /// Approved by this order (number); otherwise by the document's stamp or order.
        #[arg(long, value_name = "NUMBER")]
        order: Option<String>,
    },
    /// List the approved editions, one line each, and whether the text changed since.
    History { file: PathBuf },
    /// Compare two documents or editions (FILE@EDITION) clause by clause; optionally print
    /// the list of changes for the signers as PDF and/or DOCX.
    Compare {
        old: String,
        new: String,
        /// The differences as JSON.
        #[arg(long)]
        json: bool,
        /// Write the list of changes as a PDF here.
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
        /// Write the list of changes as a DOCX here.
        #[arg(long, value_name = "OUT.docx")]
        docx: Option<PathBuf>,
    },
    /// Export many documents (files or folders, searched recursively) into one folder.
    Batch {
        #[arg(required = true, value_name = "FILES_OR_FOLDERS")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// The acknowledgement register of a document (who signed its latest edition, who is due,
    /// who is overdue) as XLSX and/or PDF.
    Register {
        file: PathBuf,
        #[arg(long, value_name = "OUT.xlsx", required_unless_present = "pdf")]
        xlsx: Option<PathBuf>,
        /// The register as a PDF (A4 landscape, the header row on every page).
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
        /// The day to judge "overdue" by, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        today: Option<model::IsoDate>,
    },
    /// The registration log of job instructions (files or folders, searched recursively) as XLSX and/or PDF.
    Log {
        #[arg(required = true, value_name = "FILES_OR_FOLDERS")]
        inputs: Vec<PathBuf>,
        #[arg(long, value_name = "OUT.xlsx", required_unless_present = "pdf")]
        xlsx: Option<PathBuf>,
        /// The log as a PDF (A4 landscape, the header row on every page).
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
    },
    /// One copy per employee of a list (CSV or XLSX), each naming its employee on the
    /// acknowledgement mark and sheet.
    Copies {
        file: PathBuf,
        /// The employees: CSV (UTF-8 or windows-1251; `;`, `,` or tabs) or XLSX.
        #[arg(long, value_name = "LIST.csv|LIST.xlsx")]
        employees: PathBuf,
        /// All copies in one PDF, each starting on a right-hand page (double-sided printing).
        #[arg(long)]
        one_pdf: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Import an existing instruction (DOCX, ODT, RTF, DOC, text, Markdown, HTML) as a
    /// document; `--lang` also sets the document's language (otherwise detected).
    Import {
        file: PathBuf,
        /// Where to write the new `.jobdoc` file.
        #[arg(long, short)]
        output: PathBuf,
        /// Write the report (every source paragraph, what it became and why) as JSON here.
        #[arg(long, value_name = "REPORT.json")]
        report: Option<PathBuf>,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Suggest a position's title form and reports-to text (the genitive and the dative).
    ///
    /// Russian: the genitive on the first line, the dative on the second. English (`--lang en`,
    /// or a name without Cyrillic letters when no `--lang` is given): the title case on both.
    Inflect {
        /// The position in the nominative, e.g. "главный бухгалтер".
        name: String,
    },
    /// The documents of a library folder (searched recursively): position, department,
    /// organisation, approval, revision, modified, who has it open; files that cannot be read
    /// are listed after the table with the reason (exit 1).
    Library {
        folder: PathBuf,
        /// The table as JSON.
        #[arg(long)]
        json: bool,
        /// List the `archive/` subfolder too.
        #[arg(long)]
        archive: bool,
    },
    /// Search a library folder and the built-in templates (Russian and English word forms,
    /// "phrases", prefix*). The index is kept in the user's data folder (JOBDOC_DATA_DIR),
    /// never in the library. Exit 1 when nothing is found.
    Search {
        folder: PathBuf,
        query: String,
        /// The results as JSON.
        #[arg(long)]
        json: bool,
        /// Keep the index in this folder instead of the user's data folder.
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Leave the built-in templates out.
        #[arg(long)]
        no_templates: bool,
        /// Only clauses of this section kind: general, functions, duties, rights, liability,
        /// relationships or custom.
        #[arg(long, value_parser = parse_section)]
        section: Option<SectionKind>,
        /// Only documents and templates written in this language (`--lang` is the language
        /// of the messages).
        #[arg(long, value_enum)]
        language: Option<Lang>,
    },
    /// Find and replace text (exactly as typed) across the documents of a library folder:
    /// every change is printed, then saved with a backup; documents someone has open are
    /// skipped and listed (exit 1).
    Replace {
        folder: PathBuf,
        #[arg(long)]
        find: String,
        #[arg(long)]
        with: String,
        /// Only print the changes.
        #[arg(long)]
        dry_run: bool,
        /// Only this document (relative to the folder); may be repeated.
        #[arg(long, value_name = "PATH")]
        only: Vec<String>,
        /// The changes (and what was saved) as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Where and how batch commands write.
#[derive(clap::Args)]
struct OutputArgs {
    /// Write PDF files.
    #[arg(long)]
    pdf: bool,
    /// Write DOCX files.
    #[arg(long)]
    docx: bool,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// File-name pattern: <position>, <file>, <department>, <employee>.
    #[arg(long)]
    pattern: Option<String>,
    /// Worker threads (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Replace files that exist (otherwise they are skipped and listed).
    #[arg(long)]
    overwrite: bool,
}

impl OutputArgs {
    fn options(&self) -> batch::Options {
        let mut formats = Vec::new();
        if self.pdf {
            formats.push(jobdoc_export::Format::Pdf);
        }
        if self.docx {
            formats.push(jobdoc_export::Format::Docx);
        }
        if formats.is_empty() {
            formats.push(jobdoc_export::Format::Pdf);
        }
        batch::Options {
            formats,
            out: self.out.clone(),
            pattern: self.pattern.clone(),
            jobs: self.jobs,
            overwrite: self.overwrite,
        }
    }
}

fn parse_date(s: &str) -> Result<model::IsoDate, String> {
    s.parse().map_err(|e: model::date::DateError| e.to_string())
}

/// A failure that ends the command with exit status 2: one line naming the file and the
/// problem, in the language of messages.
enum Fatal {
    /// A library error ([`UserError`]), said in the language of messages.
    Error(Box<dyn UserError>),
    /// The command's own refusal, worded in both languages.
    Said { ru: String, en: String },
}

impl<E: UserError + 'static> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal::Error(Box::new(e))
    }
}

impl Fatal {
    fn said(ru: String, en: String) -> Fatal {
        Fatal::Said { ru, en }
    }

    /// `e`'s message after `prefix` (`(ru, en)`), in both languages.
    fn after(prefix: (&str, &str), e: &dyn UserError) -> Fatal {
        Fatal::said(
            format!("{}{}", prefix.0, e.message(Language::Ru)),
            format!("{}{}", prefix.1, e.message(Language::En)),
        )
    }

    /// An operating-system failure on `path`: «{path}: {doing}: {reason}».
    fn io(path: &std::path::Path, doing: (&str, &str), e: &std::io::Error) -> Fatal {
        use jobdoc_model::error::io_reason;
        Fatal::said(
            format!(
                "{}: {}: {}",
                path.display(),
                doing.0,
                io_reason(e, Language::Ru)
            ),
            format!(
                "{}: {}: {}",
                path.display(),
                doing.1,
                io_reason(e, Language::En)
            ),
        )
    }

    fn message(&self, lang: Language) -> String {
        match (self, lang) {
            (Fatal::Error(e), _) => e.message(lang),
            (Fatal::Said { ru, .. }, Language::Ru) => ru.clone(),
            (Fatal::Said { en, .. }, Language::En) => en.clone(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let explicit_lang = cli.lang.map(Language::from);
    let lang = explicit_lang.unwrap_or_else(|| language_from_locale(|k| std::env::var(k).ok()));
    match run(cli.command, lang, explicit_lang) {
        Ok(code) => code,
        Err(fatal) => {
            let _ = writeln!(io::stderr(), "jobdoc: {}", fatal.message(lang));
            ExitCode::from(2)
        }
    }
}

fn run(
    command: Command,
    lang: Language,
    explicit_lang: Option<Language>,
) -> Result<ExitCode, Fatal> {
    match command {
        Command::Templates => templates(),
        Command::New {
            template,
            blank,
            output,
            force,
        } => new(template, blank, &output, force),
        Command::Check { file } => check(&file, lang),
        Command::Export {
            file,
            pdf,
            pdfa,
            docx,
            kedo,
        } => export::run(
            &file,
            &export::Targets {
                pdf: pdf.as_deref(),
                pdfa,
                docx: docx.as_deref(),
                kedo: kedo.as_deref(),
            },
            lang,
        ),
        Command::Approve { file, date, order } => editions::approve(&file, date, order, lang),
        Command::History { file } => editions::history(&file, lang),
        Command::Compare {
            old,
            new,
            json,
            pdf,
            docx,
        } => compare::run(&old, &new, json, pdf.as_deref(), docx.as_deref(), lang),
        Command::Batch { inputs, out } => batch::batch(&inputs, &out.options(), lang),
        Command::Register {
            file,
            xlsx,
            pdf,
            today,
        } => registers::register(&file, xlsx.as_deref(), pdf.as_deref(), today),
        Command::Log { inputs, xlsx, pdf } => {
            registers::log(&inputs, xlsx.as_deref(), pdf.as_deref(), lang)
        }
        Command::Copies {
            file,
            employees,
            one_pdf,
            out,
        } => batch::copies(&file, &employees, &out.options(), one_pdf, lang),
        Command::Inflect { name } => inflect::run(&name, explicit_lang),
        Command::Library {
            folder,
            json,
            archive,
        } => library::list(&folder, json, archive, lang),
        Command::Search {
            folder,
            query,
            json,
            index,
            no_templates,
            section,
            language,
        } => {
            let filter = SearchFilter {
                templates: !no_templates,
                section,
                language: language.map(Language::from),
            };
            library::search(&folder, &query, json, index.as_deref(), filter, lang)
        }
        Command::Replace {
            folder,
            find,
            with,
            dry_run,
            only,
            json,
        } => library::replace(&folder, &find, &with, &only, dry_run, json, lang),
        Command::Import {
            file,
            output,
            report,
            force,
        } => import::run(
            &file,
            &output,
            report.as_deref(),
            force,
            lang,
            explicit_lang,
        ),
    }
}

/// Writes to stdout; a closed pipe (`jobdoc templates | head -1`) is not an error.
fn print(text: &str) -> Result<(), Fatal> {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Fatal::said(
            format!(
                "не удаётся вывести результат: {}",
                io_reason(&e, Language::Ru)
            ),
            format!("cannot write to standard output: {e}"),
        )),
        _ => Ok(()),
    }
}

fn templates() -> Result<ExitCode, Fatal> {
    let mut out = String::new();
    for id in model::templates::ids() {
        let doc = model::templates::load(id)
            .expect("listed ids exist")
            .map_err(|e| Fatal::after(("встроенный шаблон ", "built-in template "), &e))?;
        out.push_str(&format!(
            "{id:<32} {}  {}\n",
            doc.language.code(),
            doc.position.name
        ));
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn new(
    template: Option<String>,
    blank: Option<Lang>,
    output: &Path,
    force: bool,
) -> Result<ExitCode, Fatal> {
    refuse_to_overwrite(output, force)?;
    let now = clock::now();
    let id = clock::new_id();
    let doc: Document = match (template, blank) {
        (Some(t), _) => model::templates::instantiate(&t, &id, now)
            .ok_or_else(|| {
                Fatal::said(
                    format!("{t}: такого шаблона нет; их список выводит `jobdoc templates`"),
                    format!("{t}: no such template; `jobdoc templates` lists them"),
                )
            })?
            .map_err(|e| Fatal::after(("встроенный шаблон ", "built-in template "), &e))?,
        (None, Some(lang)) => Document::blank(lang.into(), &id, now),
        (None, None) => unreachable!("clap requires --template or --blank"),
    };
    model::save(&doc, output)?;
    Ok(ExitCode::SUCCESS)
}

fn check(file: &Path, lang: Language) -> Result<ExitCode, Fatal> {
    let doc = model::load(file)?;
    let (report, errors) = diagnostics_report(file, &doc, lang);
    print(&report)?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One line per problem, then a summary line; and the number of errors.
fn diagnostics_report(file: &Path, doc: &Document, lang: Language) -> (String, usize) {
    let diagnostics = model::validate(doc);
    let mut out = String::new();
    for d in &diagnostics {
        let severity = match (d.severity, lang) {
            (Severity::Error, Language::Ru) => "ошибка",
            (Severity::Warning, Language::Ru) => "предупреждение",
            (Severity::Error, Language::En) => "error",
            (Severity::Warning, Language::En) => "warning",
        };
        out.push_str(&format!(
            "{}: {severity}: {} [{}]\n",
            file.display(),
            d.message(lang),
            d.path
        ));
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    out.push_str(&match lang {
        Language::Ru => format!(
            "{}: ошибок: {errors}, предупреждений: {warnings}\n",
            file.display()
        ),
        Language::En => format!(
            "{}: {errors} error(s), {warnings} warning(s)\n",
            file.display()
        ),
    });
    (out, errors)
}

/// `jobdoc new` and `jobdoc import` write a new file: an existing one is replaced only with `--force`.
fn refuse_to_overwrite(output: &Path, force: bool) -> Result<(), Fatal> {
    if force || !output.exists() {
        return Ok(());
    }
    Err(Fatal::said(
        format!(
            "{}: файл уже существует; чтобы заменить его, добавьте --force",
            output.display()
        ),
        format!(
            "{}: the file already exists; use --force to overwrite it",
            output.display()
        ),
    ))
}
