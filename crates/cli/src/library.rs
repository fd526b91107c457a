//! `jobdoc library FOLDER` (the table of a library folder), `jobdoc search FOLDER QUERY` (the
//! library and the built-in templates, through the index in the user's data folder) and
//! `jobdoc replace FOLDER --find X --with Y [--dry-run]` (every change listed, then saved with
//! backups, skipping documents someone has open).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jobdoc_library::index::{Index, IndexProgress, SearchFilter, SearchOptions, UpdateReport};
use jobdoc_library::replace::{self, ApplyReport, ReplacePlan};
use jobdoc_library::{ApprovalKind, Library, LibraryRow, Listing, LockState, OpenOptions, Place};
use jobdoc_model::Language;
use jobdoc_store::lock::LockOwner;

use crate::{clock, print, Fatal};

/// The user's data folder: `JOBDOC_DATA_DIR`, else the system's data folder for Jobdoc (the
/// one the app uses, so that both share the index).
pub fn data_dir() -> Result<PathBuf, Fatal> {
    if let Some(dir) = std::env::var_os("JOBDOC_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join("org.jobdoc.editor"))
        .ok_or_else(|| {
            Fatal::said(
                "не найдена папка данных пользователя; укажите её в --index или в переменной \
                 JOBDOC_DATA_DIR"
                    .into(),
                "no user data folder found; give one with --index or JOBDOC_DATA_DIR".into(),
            )
        })
}

fn open(folder: &Path, archive: bool) -> Result<(Library, Listing), Fatal> {
    let mut options = OpenOptions::at(clock::now());
    options.include_archive = archive;
    Ok(Library::open(folder, options)?)
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), Fatal> {
    let mut text = serde_json::to_string_pretty(value).expect("library types serialise");
    text.push('\n');
    print(&text)
}

/// At most `n` characters, with «…» where cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

fn pad(s: &str, n: usize) -> String {
    let s = cut(s, n);
    let len = s.chars().count();
    format!("{s}{}", " ".repeat(n.saturating_sub(len)))
}

fn approval(row: &LibraryRow, lang: Language) -> String {
    let date = row.approval.date.map(|d| d.numeric()).unwrap_or_default();
    match (row.approval.kind, lang) {
        (ApprovalKind::Stamp, Language::Ru) => format!("гриф {date}"),
        (ApprovalKind::Stamp, Language::En) => format!("stamp {date}"),
        (ApprovalKind::Order, Language::Ru) => format!("приказ № {} {date}", row.approval.number),
        (ApprovalKind::Order, Language::En) => format!("order no. {} {date}", row.approval.number),
    }
    .trim_end()
    .to_owned()
}

fn holder(lock: &LockState, lang: Language) -> String {
    match (lock, lang) {
        (LockState::Free, _) => String::new(),
        (LockState::Held(h), Language::Ru) if h.stale => format!("{} (давно)", h.user),
        (LockState::Held(h), Language::En) if h.stale => format!("{} (stale)", h.user),
        (LockState::Held(h), _) => format!("{}@{}", h.user, h.machine),
        (LockState::Damaged, Language::Ru) => "? (блокировка повреждена)".into(),
        (LockState::Damaged, Language::En) => "? (damaged lock)".into(),
    }
}

/// `jobdoc library FOLDER [--json] [--archive]`: exit 0, or 1 when some files are problems.
pub fn list(
    folder: &Path,
    as_json: bool,
    archive: bool,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    let (_, listing) = open(folder, archive)?;
    if as_json {
        json(&listing)?;
    } else {
        let head = match lang {
            Language::Ru => [
                "Должность",
                "Подразделение",
                "Организация",
                "Утверждение",
                "Ред.",
                "Изменён",
                "Открыт",
                "Файл",
            ],
            Language::En => [
                "Position",
                "Department",
                "Organisation",
                "Approval",
                "Rev.",
                "Modified",
                "Open by",
                "File",
            ],
        };
        let widths = [34, 22, 26, 26, 4, 10, 18];
        let mut out = String::new();
        let line = |cells: [String; 8]| {
            let mut l = String::new();
            for (i, c) in cells.iter().enumerate() {
                match widths.get(i) {
                    Some(&w) => {
                        l.push_str(&pad(c, w));
                        l.push_str("  ");
                    }
                    None => l.push_str(c),
                }
            }
            l.trim_end().to_owned() + "\n"
        };
        out.push_str(&line(head.map(str::to_owned)));
        for r in &listing.rows {
            out.push_str(&line([
                r.position.clone(),
                r.department.clone(),
                r.organisation.clone(),
                approval(r, lang),
                r.revision.to_string(),
                r.modified.date().numeric(),
                holder(&r.lock, lang),
                r.path.clone(),
            ]));
        }
        out.push_str(&match lang {
            Language::Ru => format!(
                "документов: {}, не прочитано файлов: {}\n",
                listing.rows.len(),
                listing.problems.len()
            ),
            Language::En => format!(
                "{} document(s), {} problem file(s)\n",
                listing.rows.len(),
                listing.problems.len()
            ),
        });
        for p in &listing.problems {
            let message = match lang {
                Language::Ru => &p.message_ru,
                Language::En => &p.message_en,
            };
            out.push_str(&format!("! {message}\n"));
        }
        print(&out)?;
    }
    Ok(if listing.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn progress(lang: Language) -> impl FnMut(IndexProgress) {
    let terminal = std::io::stderr().is_terminal();
    move |p| {
        if !terminal {
            return;
        }
        match (p, lang) {
            (IndexProgress::Rebuilding { .. }, Language::Ru) => {
                eprintln!("jobdoc: поисковый указатель создаётся заново")
            }
            (IndexProgress::Rebuilding { .. }, Language::En) => {
                eprintln!("jobdoc: rebuilding the search index")
            }
            (IndexProgress::Indexing { done, total }, Language::Ru) => {
                eprint!("\rjobdoc: индексация {done}/{total}");
                if done == total {
                    eprintln!();
                }
            }
            (IndexProgress::Indexing { done, total }, Language::En) => {
                eprint!("\rjobdoc: indexing {done}/{total}");
                if done == total {
                    eprintln!();
                }
            }
        }
    }
}

/// `jobdoc search FOLDER QUERY`: exit 0 when something is found, 1 when nothing is.
pub fn search(
    folder: &Path,
    query: &str,
    as_json: bool,
    index_dir: Option<&Path>,
    filter: SearchFilter,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    let (library, _) = open(folder, false)?;
    let data = match index_dir {
        Some(d) => d.to_path_buf(),
        None => data_dir()?,
    };
    let mut index = Index::open(&data, folder)?;
    let mut report_progress = progress(lang);
    let _: UpdateReport = index.update(&library, &mut report_progress)?;
    let results = index.search(query, &SearchOptions::from(filter), &mut report_progress)?;
    if as_json {
        json(&results)?;
    } else {
        let mut out = String::new();
        for d in &results.documents {
            let source = match &d.source {
                jobdoc_library::HitSource::Document { path } => path.clone(),
                jobdoc_library::HitSource::Template { id } => match lang {
                    Language::Ru => format!("шаблон {id}"),
                    Language::En => format!("template {id}"),
                },
            };
            out.push_str(&format!("{source} — {}\n", d.position));
            for h in &d.hits {
                let at = match &h.place {
                    Place::Clause { id, number, .. } => format!("{number} [{id}]"),
                    Place::Field { field } => format!("({field})"),
                };
                let text: String = h
                    .snippet
                    .iter()
                    .map(|p| {
                        if p.highlighted {
                            format!("«{}»", p.text)
                        } else {
                            p.text.clone()
                        }
                    })
                    .collect();
                out.push_str(&format!("  {at} {}\n", text.replace('\n', " ")));
            }
            if d.more > 0 {
                out.push_str(&match lang {
                    Language::Ru => format!("  … и ещё {}\n", d.more),
                    Language::En => format!("  … and {} more\n", d.more),
                });
            }
        }
        print(&out)?;
    }
    Ok(if results.documents.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn preview_text(plan: &ReplacePlan, lang: Language) -> String {
    let mut out = String::new();
    for d in &plan.documents {
        out.push_str(&format!("{} — {}\n", d.path, d.position));
        if let Some(h) = &d.held_by {
            out.push_str(&match lang {
                Language::Ru => {
                    format!("  (открыт: {} на {}; будет пропущен)\n", h.user, h.machine)
                }
                Language::En => {
                    format!("  (open by {} on {}; will be skipped)\n", h.user, h.machine)
                }
            });
        }
        for c in &d.changes {
            let at = match &c.place {
                Place::Clause { id, number, .. } => format!("{number} [{id}]"),
                Place::Field { field } => format!("({field})"),
            };
            out.push_str(&format!(
                "  {at}\n    - {}\n    + {}\n",
                c.before.replace('\n', "\n      "),
                c.after.replace('\n', "\n      ")
            ));
        }
    }
    for s in &plan.skipped {
        let m = match lang {
            Language::Ru => &s.message_ru,
            Language::En => &s.message_en,
        };
        out.push_str(&format!("! {m}\n"));
    }
    out
}

fn report_text(report: &ApplyReport, lang: Language) -> String {
    let mut out = String::new();
    out.push_str(&match lang {
        Language::Ru => format!("сохранено документов: {}\n", report.saved.len()),
        Language::En => format!("{} document(s) saved\n", report.saved.len()),
    });
    let groups = [
        (
            &report.locked,
            "открыт другим пользователем",
            "open by someone else",
        ),
        (
            &report.changed,
            "изменён после просмотра",
            "changed since the preview",
        ),
        (&report.failed, "не сохранён", "not saved"),
    ];
    for (list, ru, en) in groups {
        for s in list {
            let (why, m) = match lang {
                Language::Ru => (ru, &s.message_ru),
                Language::En => (en, &s.message_en),
            };
            out.push_str(&format!("! {} ({why}): {m}\n", s.path));
        }
    }
    out
}

/// `jobdoc replace FOLDER --find X --with Y [--dry-run] [--only PATH]…`: prints every change;
/// without `--dry-run` saves them. Exit 0, or 1 when a document was skipped or not saved.
pub fn replace(
    folder: &Path,
    find: &str,
    with: &str,
    only: &[String],
    dry_run: bool,
    as_json: bool,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    if find.is_empty() {
        return Err(Fatal::said(
            "replace: текст для поиска (--find) пуст".into(),
            "replace: the text to find (--find) is empty".into(),
        ));
    }
    let (library, _) = open(folder, false)?;
    let plan = replace::preview(&library, only, find, with);
    let report = if dry_run {
        None
    } else {
        let now = clock::now();
        Some(replace::apply(
            &library,
            &plan,
            None,
            &LockOwner::current(now),
            now,
        ))
    };
    if as_json {
        json(&serde_json::json!({ "plan": plan, "report": report }))?;
    } else {
        let mut out = preview_text(&plan, lang);
        if let Some(r) = &report {
            out.push_str(&report_text(r, lang));
        } else {
            out.push_str(&match lang {
                Language::Ru => format!(
                    "изменится документов: {} (--dry-run: ничего не сохранено)\n",
                    plan.documents.len()
                ),
                Language::En => format!(
                    "{} document(s) would change (--dry-run: nothing saved)\n",
                    plan.documents.len()
                ),
            });
        }
        print(&out)?;
    }
    let clean = plan.skipped.is_empty()
        && report
            .as_ref()
            .is_none_or(|r| r.locked.is_empty() && r.changed.is_empty() && r.failed.is_empty());
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
