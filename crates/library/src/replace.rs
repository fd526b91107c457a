//! Find and replace across documents.
//!
//! [`preview`] lists every change per document: the place (clause or field), the whole old
//! text and the whole new text. [`apply`] saves only the changes the user kept, and only where
//! the text is still exactly what the preview showed: a document changed on disk since the
//! preview is skipped (and listed), as is one that someone has open. Each saved document gets
//! its backup (`name.jobdoc.bak`) through `jobdoc-store`, and its own lock while it is written.
//! Approved editions are never touched; field references in clauses stay references.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use jobdoc_model::error::UserError;
use jobdoc_model::{Approval, Document, Language, Timestamp};
use jobdoc_store::lock::{self, LockError, LockOwner};
use jobdoc_store::{load_with_fingerprint, save_checked, Fingerprint};

use crate::index::Place;
use crate::scan::{Holder, Library};

/// One change in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Change {
    /// Unique within the document: what the user ticks or unticks.
    pub key: String,
    pub place: Place,
    pub before: String,
    pub after: String,
    /// How many times the text is found there.
    pub count: u32,
}

/// The changes of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentChanges {
    /// Relative to the library folder.
    pub path: String,
    pub position: String,
    /// SHA-256 of the file the preview was made from.
    pub sha256: String,
    pub changes: Vec<Change>,
    /// Someone has the document open now: it will be skipped.
    pub held_by: Option<Holder>,
}

/// A document the preview could not look into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Skipped {
    pub path: String,
    pub message_ru: String,
    pub message_en: String,
}

/// Everything a replacement would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReplacePlan {
    pub find: String,
    pub with: String,
    /// Only documents with at least one change.
    pub documents: Vec<DocumentChanges>,
    pub skipped: Vec<Skipped>,
}

/// What [`apply`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ApplyReport {
    /// Saved (with a backup of the previous version).
    pub saved: Vec<String>,
    /// Not saved: someone has them open.
    pub locked: Vec<Skipped>,
    /// Not saved: changed on disk since the preview (preview again).
    pub changed: Vec<Skipped>,
    /// Not saved: reading or writing failed.
    pub failed: Vec<Skipped>,
}

fn skipped(path: &str, e: &dyn UserError) -> Skipped {
    Skipped {
        path: path.to_owned(),
        message_ru: e.message(Language::Ru),
        message_en: e.message(Language::En),
    }
}

/// Every text of a document that a replacement may change, with its place and a way to set it.
pub(crate) fn texts(doc: &mut Document) -> Vec<(Place, TextRef<'_>)> {
    let field = |name: &str| Place::Field {
        field: name.to_owned(),
    };
    let mut out: Vec<(Place, TextRef<'_>)> = Vec::new();
    let o = &mut doc.organisation;
    out.push((field("organisation"), TextRef::Plain(&mut o.name)));
    out.push((
        field("organisation_short"),
        TextRef::Plain(&mut o.short_name),
    ));
    out.push((field("department"), TextRef::Plain(&mut o.department)));
    out.push((field("place"), TextRef::Plain(&mut o.place)));
    let p = &mut doc.position;
    out.push((field("position"), TextRef::Plain(&mut p.name)));
    out.push((field("position_title"), TextRef::Plain(&mut p.title_form)));
    out.push((field("reports_to"), TextRef::Plain(&mut p.reports_to)));
    out.push((field("substitute"), TextRef::Plain(&mut p.substitute)));
    match &mut doc.approval {
        Approval::Stamp {
            approver_position,
            approver_name,
            ..
        } => {
            out.push((
                field("approver_position"),
                TextRef::Plain(approver_position),
            ));
            out.push((field("approver_name"), TextRef::Plain(approver_name)));
        }
        Approval::Order { number, .. } => {
            out.push((field("order_number"), TextRef::Plain(number)));
        }
    }
    let s = &mut doc.signatures;
    out.push((
        field("author_position"),
        TextRef::Plain(&mut s.author.position),
    ));
    out.push((field("author_name"), TextRef::Plain(&mut s.author.name)));
    for (i, v) in s.visas.iter_mut().enumerate() {
        out.push((
            field(&format!("visa{}_position", i + 1)),
            TextRef::Plain(&mut v.position),
        ));
        out.push((
            field(&format!("visa{}_name", i + 1)),
            TextRef::Plain(&mut v.name),
        ));
    }
    for (si, section) in doc.sections.iter_mut().enumerate() {
        out.push((
            field(&format!("section{}_title", si + 1)),
            TextRef::Plain(&mut section.title),
        ));
        let kind = section.kind;
        let mut path = vec![si];
        collect_clauses(&mut section.clauses, kind, &mut path, &mut out);
    }
    out
}

fn collect_clauses<'a>(
    clauses: &'a mut [jobdoc_model::Clause],
    section: jobdoc_model::SectionKind,
    path: &mut Vec<usize>,
    out: &mut Vec<(Place, TextRef<'a>)>,
) {
    for (i, clause) in clauses.iter_mut().enumerate() {
        path.push(i);
        out.push((
            Place::Clause {
                id: clause.id.clone(),
                section,
                number: jobdoc_model::numbering::label(path),
            },
            TextRef::Rich(&mut clause.text),
        ));
        collect_clauses(&mut clause.children, section, path, out);
        path.pop();
    }
}

pub(crate) enum TextRef<'a> {
    Plain(&'a mut String),
    Rich(&'a mut jobdoc_model::RichText),
}

impl TextRef<'_> {
    /// The text as the preview shows it (field references as `{key}`).
    fn shown(&self) -> String {
        match self {
            TextRef::Plain(s) => (**s).clone(),
            TextRef::Rich(r) => r.placeholder_text(),
        }
    }

    /// Replaces in the typed text only (never inside a field reference); the count.
    fn replace(&mut self, find: &str, with: &str) -> u32 {
        self.replace_matching(&Matcher::exact(find), with)
    }

    /// Replaces every match of `matcher` in the typed text only (never inside a field
    /// reference); the count.
    pub(crate) fn replace_matching(&mut self, matcher: &Matcher<'_>, with: &str) -> u32 {
        let mut count = 0u32;
        match self {
            TextRef::Plain(s) => {
                let (next, n) = matcher.replace(s, with);
                count = n;
                if count > 0 {
                    **s = next;
                }
            }
            TextRef::Rich(r) => {
                let next = r.map_text(|t| {
                    let (next, n) = matcher.replace(t, with);
                    count += n;
                    next
                });
                if count > 0 {
                    **r = next;
                }
            }
        }
        count
    }

    /// The typed pieces of the text: one for a plain field, the text between field
    /// references for a clause (as `RichText` keeps them: never empty, never two in a row).
    pub(crate) fn pieces(&self) -> Vec<String> {
        match self {
            TextRef::Plain(s) => vec![(**s).clone()],
            TextRef::Rich(r) => r
                .pieces()
                .iter()
                .filter_map(|p| match p {
                    jobdoc_model::text::Inline::Text(t) => Some(t.clone()),
                    jobdoc_model::text::Inline::Field(_) => None,
                })
                .collect(),
        }
    }

    /// Replaces the byte range `range` of typed piece `piece` by `with` (see [`pieces`]).
    /// False when there is no such piece or range.
    pub(crate) fn replace_range(&mut self, piece: usize, range: Range<usize>, with: &str) -> bool {
        let splice = |t: &str| -> Option<String> {
            let head = t.get(..range.start)?;
            let tail = t.get(range.end..)?;
            Some(format!("{head}{with}{tail}"))
        };
        match self {
            TextRef::Plain(s) => match (piece, splice(s.as_str())) {
                (0, Some(next)) => {
                    **s = next;
                    true
                }
                _ => false,
            },
            TextRef::Rich(r) => {
                let mut at = 0usize;
                let mut done = false;
                let next = r.map_text(|t| {
                    let out = if at == piece {
                        match splice(t) {
                            Some(next) => {
                                done = true;
                                next
                            }
                            None => t.to_owned(),
                        }
                    } else {
                        t.to_owned()
                    };
                    at += 1;
                    out
                });
                if done {
                    **r = next;
                }
                done
            }
        }
    }
}

/// How a text to find is matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatchRules {
    /// Letters must have the same case (otherwise «Отчёт» finds «отчёт» and «ОТЧЁТ»).
    pub match_case: bool,
    /// Only where the text is a whole word (or words): no letter or digit right before or
    /// after it.
    pub whole_word: bool,
}

/// Finds a text in strings by [`MatchRules`]: the one matcher of find and replace, in one
/// document and across documents.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    find: &'a str,
    rules: MatchRules,
}

impl<'a> Matcher<'a> {
    pub fn new(find: &'a str, rules: MatchRules) -> Matcher<'a> {
        Matcher { find, rules }
    }

    /// Exactly as typed, case and all, also inside words (what [`changes_in`] does).
    pub fn exact(find: &'a str) -> Matcher<'a> {
        Matcher::new(
            find,
            MatchRules {
                match_case: true,
                whole_word: false,
            },
        )
    }

    /// The byte ranges of the matches in `hay`, left to right, not overlapping.
    pub fn ranges(&self, hay: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.find.is_empty() {
            return out;
        }
        let mut from = 0;
        while from < hay.len() {
            let Some(at) = hay[from..]
                .char_indices()
                .map(|(i, _)| from + i)
                .find(|&at| {
                    self.match_at(hay, at)
                        .is_some_and(|end| !self.rules.whole_word || is_word_edge(hay, at, end))
                })
            else {
                break;
            };
            let end = self.match_at(hay, at).unwrap_or(at + 1);
            out.push(at..end);
            from = end.max(at + 1);
        }
        out
    }

    /// Where a match starting at byte `at` of `hay` ends, if one does.
    fn match_at(&self, hay: &str, at: usize) -> Option<usize> {
        let rest = &hay[at..];
        if self.rules.match_case {
            return rest.starts_with(self.find).then(|| at + self.find.len());
        }
        let mut hay_chars = rest.char_indices();
        for want in self.find.chars() {
            let (_, got) = hay_chars.next()?;
            if got != want && !got.to_lowercase().eq(want.to_lowercase()) {
                return None;
            }
        }
        Some(at + hay_chars.next().map(|(i, _)| i).unwrap_or(rest.len()))
    }

    /// `hay` with every match replaced by `with`, and the count.
    pub fn replace(&self, hay: &str, with: &str) -> (String, u32) {
        let ranges = self.ranges(hay);
        if ranges.is_empty() {
            return (hay.to_owned(), 0);
        }
        let mut out = String::with_capacity(hay.len());
        let mut at = 0;
        for r in &ranges {
            out.push_str(&hay[at..r.start]);
            out.push_str(with);
            at = r.end;
        }
        out.push_str(&hay[at..]);
        (out, ranges.len() as u32)
    }
}

/// No letter or digit right before `start` or right after `end`.
fn is_word_edge(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

pub(crate) fn change_key(place: &Place) -> String {
    match place {
        Place::Clause { id, .. } => format!("clause:{id}"),
        Place::Field { field } => format!("field:{field}"),
    }
}

/// The changes replacing `find` by `with` (exactly as typed, case and all) would make in `doc`.
pub fn changes_in(doc: &Document, find: &str, with: &str) -> Vec<Change> {
    if find.is_empty() {
        return Vec::new();
    }
    let mut copy = doc.clone();
    let mut out = Vec::new();
    for (place, mut text) in texts(&mut copy) {
        let before = text.shown();
        let count = text.replace(find, with);
        if count > 0 {
            out.push(Change {
                key: change_key(&place),
                place,
                before,
                after: text.shown(),
                count,
            });
        }
    }
    out
}

/// Looks for `find` in the documents `paths` (relative to the library; all listed documents
/// when empty) and lists what replacing it by `with` would change.
pub fn preview(library: &Library, paths: &[String], find: &str, with: &str) -> ReplacePlan {
    let all;
    let paths: Vec<&str> = if paths.is_empty() {
        all = library.documents();
        all.iter().map(|(p, _)| p.as_str()).collect()
    } else {
        paths.iter().map(String::as_str).collect()
    };
    let now = library.options().now;
    let machine = library.options().machine.clone();
    let mut plan = ReplacePlan {
        find: find.to_owned(),
        with: with.to_owned(),
        documents: Vec::new(),
        skipped: Vec::new(),
    };
    for rel in paths {
        let Some(path) = library.path_of(rel) else {
            continue;
        };
        let (loaded, fp) = match load_with_fingerprint(&path) {
            Ok(v) => v,
            Err(e) => {
                plan.skipped.push(skipped(rel, &e));
                continue;
            }
        };
        let changes = changes_in(&loaded.document, find, with);
        if changes.is_empty() {
            continue;
        }
        let held_by = match lock::read_lock(&path) {
            Ok(Some(info)) => Some(Holder {
                user: info.owner.user.clone(),
                machine: info.owner.machine.clone(),
                since: info.owner.since,
                heartbeat: info.heartbeat,
                stale: lock::staleness(&info, &machine, now, lock::DEFAULT_MAX_SILENCE_SECS)
                    .is_stale(),
            }),
            _ => None,
        };
        plan.documents.push(DocumentChanges {
            path: rel.to_owned(),
            position: loaded.document.position.name.clone(),
            sha256: fp.sha256,
            changes,
            held_by,
        });
    }
    plan
}

/// Saves the changes of `plan` whose `(path, key)` is in `keep` (`None`: every change shown).
/// A document is saved only if its file is byte for byte the one the preview read, and only
/// the kept changes are made, each only where the text is still what the preview showed.
/// Documents someone has open are skipped; so is one whose lock cannot be taken. The revision
/// goes up by one and `modified` becomes `now`.
pub fn apply(
    library: &Library,
    plan: &ReplacePlan,
    keep: Option<&HashSet<(String, String)>>,
    me: &LockOwner,
    now: Timestamp,
) -> ApplyReport {
    let mut report = ApplyReport::default();
    for d in &plan.documents {
        let kept: Vec<&Change> = d
            .changes
            .iter()
            .filter(|c| keep.is_none_or(|k| k.contains(&(d.path.clone(), c.key.clone()))))
            .collect();
        if kept.is_empty() {
            continue;
        }
        let Some(path) = library.path_of(&d.path) else {
            continue;
        };
        match apply_one(&path, d, &kept, &plan.find, &plan.with, me, now) {
            Ok(()) => report.saved.push(d.path.clone()),
            Err(Refused::Locked(e)) => report.locked.push(skipped(&d.path, &*e)),
            Err(Refused::Changed(e)) => report.changed.push(skipped(&d.path, &*e)),
            Err(Refused::Failed(e)) => report.failed.push(skipped(&d.path, &*e)),
        }
    }
    report
}

enum Refused {
    Locked(Box<dyn UserError>),
    Changed(Box<dyn UserError>),
    Failed(Box<dyn UserError>),
}

fn apply_one(
    path: &Path,
    d: &DocumentChanges,
    kept: &[&Change],
    find: &str,
    with: &str,
    me: &LockOwner,
    now: Timestamp,
) -> Result<(), Refused> {
    // Our own lock while writing: nobody opens it half-way, and a holder makes us skip it.
    let guard = match lock::acquire(path, me.clone()) {
        Ok(g) => g,
        Err(e @ (LockError::HeldBy { .. } | LockError::Unreadable { .. })) => {
            return Err(Refused::Locked(Box::new(e)))
        }
        Err(e) => return Err(Refused::Failed(Box::new(e))),
    };
    let (loaded, fp) = load_with_fingerprint(path).map_err(|e| Refused::Failed(Box::new(e)))?;
    let changed = || {
        Refused::Changed(Box::new(jobdoc_store::SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
            change: jobdoc_store::DiskChange::Modified(Fingerprint {
                size: fp.size,
                modified_unix_nanos: fp.modified_unix_nanos,
                sha256: fp.sha256.clone(),
            }),
        }))
    };
    if fp.sha256 != d.sha256 {
        return Err(changed());
    }
    let mut doc = loaded.document;
    let wanted: HashSet<&str> = kept.iter().map(|c| c.key.as_str()).collect();
    let mut made = 0usize;
    for (place, mut text) in texts(&mut doc) {
        let key = change_key(&place);
        if !wanted.contains(key.as_str()) {
            continue;
        }
        let Some(change) = kept.iter().find(|c| c.key == key) else {
            continue;
        };
        if text.shown() != change.before {
            return Err(changed());
        }
        text.replace(find, with);
        if text.shown() != change.after {
            return Err(changed());
        }
        made += 1;
    }
    if made != kept.len() {
        return Err(changed());
    }
    doc.meta.revision = doc.meta.revision.saturating_add(1);
    doc.meta.modified = now;
    let result = save_checked(&doc, path, Some(&fp));
    drop(guard);
    match result {
        Ok(_) => Ok(()),
        Err(e @ jobdoc_store::SaveError::ChangedOnDisk { .. }) => {
            Err(Refused::Changed(Box::new(e)))
        }
        Err(e) => Err(Refused::Failed(Box::new(e))),
    }
}
