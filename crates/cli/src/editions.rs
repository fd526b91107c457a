//! `jobdoc approve FILE [--date D] [--order N]` and `jobdoc history FILE`.

use std::path::Path;
use std::process::ExitCode;

use jobdoc_model::edition::{approval_on, check_history, draft_state, DraftState};
use jobdoc_model::{self as model, Approval, Document, Edition, IsoDate, Language};

use crate::{clock, print, Fatal};

/// Whether someone else has the document open now (their lock is live): approving under them
/// would be overwritten by their next save.
fn refuse_if_held(file: &Path) -> Result<(), Fatal> {
    let Ok(Some(info)) = jobdoc_store::lock::read_lock(file) else {
        return Ok(());
    };
    let here = jobdoc_store::lock::current_machine();
    let stale = jobdoc_store::lock::staleness(
        &info,
        &here,
        clock::now(),
        jobdoc_store::lock::DEFAULT_MAX_SILENCE_SECS,
    )
    .is_stale();
    if stale {
        return Ok(());
    }
    Err(Fatal::said(
        format!(
            "{}: документ открыт пользователем {} на {}; утвердите его, когда он закроет документ",
            file.display(),
            info.owner.user,
            info.owner.machine
        ),
        format!(
            "{}: {} has the document open on {}; approve it once they close it",
            file.display(),
            info.owner.user,
            info.owner.machine
        ),
    ))
}

/// Freezes the document's current text as its next edition and saves it (with a backup).
pub fn approve(
    file: &Path,
    date: Option<IsoDate>,
    order: Option<String>,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    let mut doc = model::load(file)?;
    refuse_if_held(file)?;
    if !check_history(&doc.editions).is_empty() {
        return Err(Fatal::said(format!(
                "{}: история редакций повреждена (изменена вне Jobdoc); новая редакция не утверждается",
                file.display()
            ), format!(
                "{}: the history of editions is damaged (changed outside Jobdoc); no new edition is approved",
                file.display()
            )));
    }
    if let DraftState::Approved { edition } = draft_state(&doc) {
        return Err(Fatal::said(
            format!(
                "{}: текст не менялся после редакции {edition}; утверждать нечего",
                file.display()
            ),
            format!(
                "{}: nothing changed since edition {edition}; there is nothing to approve",
                file.display()
            ),
        ));
    }
    let now = clock::now();
    let on = date.unwrap_or_else(|| now.date());
    let approval = approval_on(&doc.approval, on, order);
    doc.approval = approval.clone();
    let number = doc.editions.len() as u32 + 1;
    let edition = Edition::freeze(&doc, number, on, approval, now);
    doc.editions.push(edition);
    doc.meta.modified = now;
    doc.meta.revision = doc.meta.revision.saturating_add(1);
    jobdoc_store::save_with_backup(&doc, file)?;
    print(&match lang {
        Language::Ru => format!(
            "{}: утверждена редакция {number} от {}\n",
            file.display(),
            on.numeric()
        ),
        Language::En => format!("{}: edition {number} approved on {on}\n", file.display()),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn approval_text(a: &Approval, lang: Language) -> String {
    match (a, lang) {
        (Approval::Order { number, .. }, Language::Ru) => format!("приказ № {number}"),
        (Approval::Order { number, .. }, Language::En) => format!("order No. {number}"),
        (Approval::Stamp { approver_name, .. }, Language::Ru) => {
            format!("гриф «УТВЕРЖДАЮ», {approver_name}")
        }
        (Approval::Stamp { approver_name, .. }, Language::En) => {
            format!("stamp APPROVED, {approver_name}")
        }
    }
}

/// One line per edition, then the draft's state; damaged editions are marked.
pub fn history(file: &Path, lang: Language) -> Result<ExitCode, Fatal> {
    let doc = model::load(file)?;
    let damaged: Vec<u32> = check_history(&doc.editions)
        .into_iter()
        .map(|p| match p {
            model::edition::HistoryProblem::Tampered { number }
            | model::edition::HistoryProblem::Unreadable { number, .. }
            | model::edition::HistoryProblem::OutOfOrder { number, .. } => number,
        })
        .collect();
    let mut out = String::new();
    for e in &doc.editions {
        let mark = if damaged.contains(&e.number) {
            match lang {
                Language::Ru => "  ПОВРЕЖДЕНА: изменена вне Jobdoc",
                Language::En => "  DAMAGED: changed outside Jobdoc",
            }
        } else {
            ""
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}{mark}\n",
            e.number,
            e.approved_on,
            approval_text(&e.approval, lang),
            e.recorded
        ));
    }
    out.push_str(&match (draft_state(&doc), lang) {
        (DraftState::NoEdition, Language::Ru) => {
            "редакций нет: документ не утверждался в Jobdoc\n".to_owned()
        }
        (DraftState::NoEdition, Language::En) => {
            "no editions: never approved in Jobdoc\n".to_owned()
        }
        (DraftState::Approved { edition }, Language::Ru) => {
            format!("текущий текст — редакция {edition}\n")
        }
        (DraftState::Approved { edition }, Language::En) => {
            format!("the current text is edition {edition}\n")
        }
        (DraftState::Draft { since }, Language::Ru) => {
            format!("черновик: изменён после редакции {since}\n")
        }
        (DraftState::Draft { since }, Language::En) => {
            format!("draft: changed since edition {since}\n")
        }
    });
    print(&out)?;
    Ok(if damaged.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `FILE@N`: edition N of FILE (read-only), or FILE itself.
pub fn document_at(spec: &str) -> Result<(Document, String), Fatal> {
    if let Some((path, n)) = spec.rsplit_once('@') {
        if let Ok(n) = n.parse::<u32>() {
            let doc = model::load(Path::new(path))?;
            let e = doc.editions.iter().find(|e| e.number == n).ok_or_else(|| {
                Fatal::said(
                    format!("{path}: редакции {n} нет"),
                    format!("{path}: there is no edition {n}"),
                )
            })?;
            if !e.verify() {
                return Err(Fatal::said(
                    format!("{path}: редакция {n} изменена вне Jobdoc, ей нельзя доверять"),
                    format!("{path}: edition {n} was changed outside Jobdoc and cannot be trusted"),
                ));
            }
            return Ok((e.document()?, format!("{path}@{n}")));
        }
    }
    Ok((model::load(Path::new(spec))?, spec.to_owned()))
}
