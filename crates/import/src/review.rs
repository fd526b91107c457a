//! The import review: the user re-assigns a source paragraph (another depth, another section,
//! a section heading instead of a clause, dropped, or a dropped one restored) and the document
//! and its report are rebuilt from that.
//!
//! [`reassign`] is pure: the imported document, its report, which paragraph and what it should
//! become in, a new document and report out. It changes only the body (sections and clauses);
//! header fields, the approval and the signatures stay as recognised. Every source paragraph
//! stays in the report: one dropped by the user is listed with [`Reason::Reassigned`], so it
//! can be restored.
//!
//! The body is treated as a sequence of lines in reading order — each section's heading, then
//! its clauses depth-first — the way the review screen lists it; a clause belongs to the
//! heading above it. Re-assigning edits that sequence and builds the sections and clause trees
//! again (depths that skip a level are brought up, as the recogniser does).

use jobdoc_model::error::{say, ErrorCode, UserError};
use jobdoc_model::{Clause, Document, Language, SectionKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::recognise::{clause_text, heading_title};
use crate::report::{Became, ImportReport, Note, Reason};

/// The deepest clause level the document has.
pub const MAX_DEPTH: u32 = 3;

/// What the user wants a source paragraph to become.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reassign {
    /// A clause at `depth` (1–3, deeper is kept at 3): where it stands in the source, or at the
    /// end of section `section` (its index in the current document) when given. A clause
    /// moves with its sub-clauses, which keep their depth below it.
    Clause { depth: u32, section: Option<u32> },
    /// The heading of a new section where it stands: the clauses after it, up to the next
    /// heading, are its clauses.
    Heading,
    /// Not part of the document (it stays listed in the report and can be restored). A
    /// dropped heading's clauses join the section before it.
    Dropped,
}

/// Why a paragraph cannot be re-assigned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReassignError {
    #[error("the import report has no paragraph {entry}")]
    NoSuchParagraph { entry: u32 },
    /// Header fields, the approval, the title and the signatures are edited in the editor.
    #[error("paragraph {entry} is part of the header or the signatures; edit it in the editor after accepting")]
    NotInBody { entry: u32 },
    #[error("the document has no section {section}")]
    NoSuchSection { section: u32 },
    /// A line that continues a clause moves with that clause.
    #[error("paragraph {entry} continues the clause before it; re-assign that clause")]
    Continuation { entry: u32 },
}

impl UserError for ReassignError {
    fn code(&self) -> ErrorCode {
        ErrorCode::ImportReassignRefused
    }

    fn message(&self, language: Language) -> String {
        let ru = match self {
            ReassignError::NoSuchParagraph { entry } => {
                format!("в отчёте импорта нет абзаца {entry}")
            }
            ReassignError::NotInBody { entry } => format!(
                "абзац {entry} относится к реквизитам или подписям; измените его в редакторе после импорта"
            ),
            ReassignError::NoSuchSection { section } => {
                format!("в документе нет раздела {section}")
            }
            ReassignError::Continuation { entry } => format!(
                "абзац {entry} продолжает предыдущий пункт; переназначьте этот пункт"
            ),
        };
        say(language, ru, self.to_string())
    }
}

/// One line of the body: a section heading (also the implicit one of clauses before any
/// heading, which has no entry) or a clause.
#[derive(Debug, Clone)]
struct Line {
    /// Its place in the document before the change (`usize::MAX` for a new line).
    id: usize,
    /// Report entries this line stands for: the paragraph, then the lines that continue it.
    entries: Vec<usize>,
    what: What,
}

#[derive(Debug, Clone)]
enum What {
    Heading {
        kind: SectionKind,
        title: String,
    },
    /// `clause` without its children (they are lines of their own).
    Clause {
        depth: u32,
        clause: Clause,
    },
}

impl Line {
    fn depth(&self) -> Option<u32> {
        match &self.what {
            What::Clause { depth, .. } => Some(*depth),
            What::Heading { .. } => None,
        }
    }
}

/// Re-assigns report entry `entry` (its index in `report.paragraphs`) and rebuilds the body.
pub fn reassign(
    doc: &Document,
    report: &ImportReport,
    entry: u32,
    to: &Reassign,
) -> Result<(Document, ImportReport), ReassignError> {
    let e = entry as usize;
    let Some(target) = report.paragraphs.get(e) else {
        return Err(ReassignError::NoSuchParagraph { entry });
    };
    match (&target.became, target.reason) {
        (Became::Clause { .. }, Reason::Continuation) => {
            return Err(ReassignError::Continuation { entry })
        }
        (Became::Clause { .. } | Became::Heading { .. } | Became::Dropped, _) => {}
        _ => return Err(ReassignError::NotInBody { entry }),
    }
    let mut lines = lines_of(doc, report);
    let at = lines.iter().position(|l| l.entries.contains(&e));
    let heading_ids: Vec<usize> = lines
        .iter()
        .filter(|l| matches!(l.what, What::Heading { .. }))
        .map(|l| l.id)
        .collect();
    if let Reassign::Clause {
        section: Some(s), ..
    } = to
    {
        if *s as usize >= heading_ids.len() {
            return Err(ReassignError::NoSuchSection { section: *s });
        }
        // A heading cannot become a clause of its own section.
        if at.is_some_and(|i| lines[i].id == heading_ids[*s as usize]) {
            return Err(ReassignError::NoSuchSection { section: *s });
        }
    }
    match (at, to) {
        (Some(i), Reassign::Dropped) => {
            lines.remove(i);
        }
        (None, Reassign::Dropped) => return Ok((doc.clone(), report.clone())),
        (at, Reassign::Heading) => {
            let title_source = match at.map(|i| &lines[i].what) {
                Some(What::Heading { .. }) => return Ok((doc.clone(), report.clone())),
                _ => clause_text(&target.source),
            };
            let (kind, title) = heading_title(&title_source);
            let kind = if kind != SectionKind::Custom && used(&lines, kind, at) {
                SectionKind::Custom
            } else {
                kind
            };
            let title = if kind == SectionKind::Custom && title.is_empty() {
                title_source.trim_end_matches(['.', ':']).to_owned()
            } else {
                title
            };
            let line = Line {
                id: usize::MAX,
                entries: line_entries(&lines, at, e),
                what: What::Heading { kind, title },
            };
            match at {
                Some(i) => lines[i] = line,
                None => {
                    let i = anchor(&lines, e);
                    lines.insert(i, line);
                }
            }
        }
        (at, Reassign::Clause { depth, section }) => {
            let depth = (*depth).clamp(1, MAX_DEPTH);
            // The line and, for a clause, its sub-clauses.
            let (block, old_depth) = match at {
                Some(i) => match lines[i].what.clone() {
                    What::Clause { depth: d, clause } => {
                        let end = subtree_end(&lines, i, d);
                        let mut block: Vec<Line> = lines.drain(i..end).collect();
                        block[0].what = What::Clause { depth: d, clause };
                        (block, d)
                    }
                    What::Heading { .. } => {
                        let text = clause_text(&target.source);
                        let line = Line {
                            id: usize::MAX,
                            entries: lines[i].entries.clone(),
                            what: What::Clause {
                                depth,
                                clause: Clause::new(text),
                            },
                        };
                        lines.remove(i);
                        (vec![line], depth)
                    }
                },
                None => {
                    let (entries, text) = restored(report, e);
                    (
                        vec![Line {
                            id: usize::MAX,
                            entries,
                            what: What::Clause {
                                depth,
                                clause: Clause::new(text),
                            },
                        }],
                        depth,
                    )
                }
            };
            let block: Vec<Line> = block
                .into_iter()
                .map(|mut l| {
                    if let What::Clause { depth: d, .. } = &mut l.what {
                        let shifted = i64::from(*d) + i64::from(depth) - i64::from(old_depth);
                        *d = shifted.clamp(1, i64::from(MAX_DEPTH)) as u32;
                    }
                    l
                })
                .collect();
            let insert_at = match section {
                // The end of that section, found by its heading's place before the change.
                Some(s) => {
                    let start = lines
                        .iter()
                        .position(|l| l.id == heading_ids[*s as usize])
                        .ok_or(ReassignError::NoSuchSection { section: *s })?;
                    (start + 1..lines.len())
                        .find(|&k| matches!(lines[k].what, What::Heading { .. }))
                        .unwrap_or(lines.len())
                }
                None => match at {
                    Some(i) => i,
                    None => anchor(&lines, e),
                },
            };
            for (k, l) in block.into_iter().enumerate() {
                lines.insert(insert_at + k, l);
            }
        }
    }
    Ok(rebuild(doc, report, lines, e))
}

/// The body of `doc` as lines, each with the report entries that became it.
fn lines_of(doc: &Document, report: &ImportReport) -> Vec<Line> {
    let mut lines = Vec::new();
    for (si, section) in doc.sections.iter().enumerate() {
        let si = si as u32;
        let entries = report
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.became, Became::Heading { section, .. } if section == si))
            .map(|(k, _)| k)
            .collect();
        lines.push(Line {
            id: lines.len(),
            entries,
            what: What::Heading {
                kind: section.kind,
                title: section.title.clone(),
            },
        });
        let mut path = Vec::new();
        push_clauses(&section.clauses, si, &mut path, report, &mut lines);
    }
    lines
}

fn push_clauses(
    clauses: &[Clause],
    section: u32,
    path: &mut Vec<u32>,
    report: &ImportReport,
    lines: &mut Vec<Line>,
) {
    for (k, clause) in clauses.iter().enumerate() {
        path.push(k as u32);
        let entries = report
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                matches!(&p.became, Became::Clause { section: s, path: p, .. } if *s == section && p == path)
            })
            .map(|(k, _)| k)
            .collect();
        lines.push(Line {
            id: lines.len(),
            entries,
            what: What::Clause {
                depth: path.len() as u32,
                clause: Clause {
                    id: clause.id.clone(),
                    text: clause.text.clone(),
                    children: Vec::new(),
                },
            },
        });
        push_clauses(&clause.children, section, path, report, lines);
        path.pop();
    }
}

/// The entries of the line at `at` (a clause turned heading keeps its continuations), or just
/// `e` for a paragraph coming back from dropped.
fn line_entries(lines: &[Line], at: Option<usize>, e: usize) -> Vec<usize> {
    at.map_or_else(|| vec![e], |i| lines[i].entries.clone())
}

/// A dropped paragraph coming back as a clause, with the lines that continued it when it was
/// dropped (they follow it, dropped too): their entries and the joined text, a hyphen at a line
/// end removed as the recogniser did.
fn restored(report: &ImportReport, e: usize) -> (Vec<usize>, String) {
    let mut entries = vec![e];
    let mut text = clause_text(&report.paragraphs[e].source);
    for (k, p) in report.paragraphs.iter().enumerate().skip(e + 1) {
        if p.reason != Reason::Continuation || p.became != Became::Dropped {
            break;
        }
        let more = clause_text(&p.source);
        if p.fixes.contains(&crate::report::Fix::Dehyphenated) && text.ends_with('-') {
            text.pop();
        } else {
            text.push(' ');
        }
        text.push_str(&more);
        entries.push(k);
    }
    (entries, text)
}

/// Whether a section of `kind` stands anywhere but at line `except`.
fn used(lines: &[Line], kind: SectionKind, except: Option<usize>) -> bool {
    lines.iter().enumerate().any(|(i, l)| {
        Some(i) != except && matches!(&l.what, What::Heading { kind: k, .. } if *k == kind)
    })
}

/// Where the first line after clause `i` (at `depth`) that is not below it stands.
fn subtree_end(lines: &[Line], i: usize, depth: u32) -> usize {
    (i + 1..lines.len())
        .find(|&k| lines[k].depth().is_none_or(|d| d <= depth))
        .unwrap_or(lines.len())
}

/// Where a paragraph that is not in the body goes back: after the line of the nearest source
/// paragraph before it that is in the body, or first.
fn anchor(lines: &[Line], e: usize) -> usize {
    (0..e)
        .rev()
        .find_map(|k| lines.iter().rposition(|l| l.entries.contains(&k)))
        .map_or(0, |i| i + 1)
}

/// Builds the sections from `lines` and writes into the report what each entry became now;
/// `changed` is the entry the user re-assigned.
fn rebuild(
    doc: &Document,
    report: &ImportReport,
    lines: Vec<Line>,
    changed: usize,
) -> (Document, ImportReport) {
    let mut report = report.clone();
    let mut doc = doc.clone();
    let in_body: Vec<bool> = {
        let mut v = vec![false; report.paragraphs.len()];
        for l in &lines {
            for &k in &l.entries {
                v[k] = true;
            }
        }
        v
    };
    // Paragraphs of the body that are no longer in it are dropped.
    for (k, p) in report.paragraphs.iter_mut().enumerate() {
        let body = matches!(p.became, Became::Clause { .. } | Became::Heading { .. });
        if (body || k == changed) && !in_body[k] {
            p.became = Became::Dropped;
            if k == changed {
                p.reason = Reason::Reassigned;
            }
        }
    }

    // Clauses before the first heading go into a section of their own.
    let mut lines = lines;
    if lines
        .first()
        .is_some_and(|l| matches!(l.what, What::Clause { .. }))
    {
        let kind = if used(&lines, SectionKind::General, None) {
            SectionKind::Custom
        } else {
            SectionKind::General
        };
        lines.insert(
            0,
            Line {
                id: usize::MAX,
                entries: Vec::new(),
                what: What::Heading {
                    kind,
                    title: String::new(),
                },
            },
        );
    }
    // An implicit section left without clauses goes.
    let mut keep = vec![true; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        let empty = lines
            .get(i + 1)
            .is_none_or(|n| matches!(n.what, What::Heading { .. }));
        if matches!(l.what, What::Heading { .. }) && l.entries.is_empty() && empty {
            keep[i] = false;
        }
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect();

    let mut sections: Vec<jobdoc_model::Section> = Vec::new();
    for line in lines {
        match line.what {
            What::Heading { kind, title } => {
                let si = sections.len() as u32;
                for &k in &line.entries {
                    report.paragraphs[k].became = Became::Heading {
                        section: si,
                        section_kind: kind,
                    };
                }
                sections.push(jobdoc_model::Section {
                    kind,
                    title,
                    clauses: Vec::new(),
                });
            }
            What::Clause { depth, clause } => {
                let si = sections.len().saturating_sub(1) as u32;
                let section = sections.last_mut().expect("a heading comes first");
                let path =
                    crate::recognise::append_at_depth(&mut section.clauses, depth as usize, clause);
                let depth = path.len() as u32;
                for &k in &line.entries {
                    report.paragraphs[k].became = Became::Clause {
                        section: si,
                        path: path.clone(),
                        depth,
                    };
                }
            }
        }
    }
    if in_body[changed] {
        report.paragraphs[changed].reason = Reason::Reassigned;
    }
    doc.sections = sections;
    let doc = doc.with_clause_ids();
    report
        .notes
        .retain(|n| !matches!(n, Note::MissingSection { .. }));
    for kind in SectionKind::STANDARD {
        if !doc.sections.iter().any(|s| s.kind == kind) {
            report
                .notes
                .push(Note::MissingSection { section_kind: kind });
        }
    }
    (doc, report)
}
