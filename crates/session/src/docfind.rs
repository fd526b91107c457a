//! Find and replace in the open document, and the clause library panel, behind the shell.
//!
//! Every change is one [`Session::edit`] of the whole document, so a "Replace all", an
//! insertion of several clauses or the renaming after it is one undo step. The matching and
//! the clause catalogue live in `jobdoc-library` ([`jobdoc_library::find`],
//! [`jobdoc_library::clauses`]); the Russian case forms of a position in `jobdoc-morph`.

use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use jobdoc_library::clauses::{
    insert_clauses, CatalogPosition, ClauseCatalog, ClauseQuery, ClauseResults, InsertAt,
};
use jobdoc_library::find::{find_in, replace_all_in, replace_one_in, FindResult};
use jobdoc_library::replace::{MatchRules, Matcher};
use jobdoc_library::{text, HitSource};
use jobdoc_model::{Clause, Document, Language};

use crate::desk::Desk;
use crate::error::SessionError;
use crate::session::{Session, State};

/// What a replacement did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Replaced {
    pub state: State,
    /// How many matches were replaced (0: nothing changed, no undo step).
    pub count: u32,
}

/// One form of a position name in inserted clauses and what it would become.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenameForm {
    /// The grammatical case: `nominative`, `genitive` or `dative`.
    pub case: String,
    pub found: String,
    /// `None`: the current position cannot be put in this case; left as is.
    pub with: Option<String>,
    pub count: u32,
}

/// Inserted clauses name the position of the document they came from: what replacing it by the
/// open document's position would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenameOffer {
    pub from: String,
    pub to: String,
    pub forms: Vec<RenameForm>,
    /// Mentions of the position in other grammatical forms than those listed (left as is).
    pub other_forms: u32,
}

/// What inserting clauses did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Inserted {
    pub state: State,
    /// The JSON Pointers of the inserted clauses, in order.
    pub pointers: Vec<String>,
    /// The ids of the inserted clauses (and their sub-clauses), for [`Desk::rename_position`].
    pub ids: Vec<String>,
    /// One per source position found in the inserted clauses' text.
    pub offers: Vec<RenameOffer>,
}

/// What [`Session::insert_library_clauses`] did ([`Inserted`] without the state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertedClauses {
    pub pointers: Vec<String>,
    pub ids: Vec<String>,
    pub offers: Vec<RenameOffer>,
}

/// The clause catalogue the panel searches: the built-in templates, plus whatever documents
/// the caller adds (an open library's, see [`ClauseLibrary::set_documents`]). Built on first
/// use.
#[derive(Debug, Default)]
pub struct ClauseLibrary {
    catalog: Mutex<Option<ClauseCatalog>>,
    /// Added documents, searched before the templates.
    documents: Mutex<Vec<(HitSource, Document)>>,
}

impl ClauseLibrary {
    pub fn new() -> ClauseLibrary {
        ClauseLibrary::default()
    }

    /// Searches the documents `sources` (such as a library's, each with its
    /// [`HitSource::Document`] path) before the built-in templates, from now on.
    pub fn set_documents(&self, sources: Vec<(HitSource, Document)>) {
        *self.documents.lock().unwrap_or_else(|e| e.into_inner()) = sources;
        *self.catalog.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn catalog(&self) -> MutexGuard<'_, Option<ClauseCatalog>> {
        let mut guard = self.catalog.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            let mut sources = self
                .documents
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            sources.extend(ClauseCatalog::templates());
            *guard = Some(ClauseCatalog::new(sources));
        }
        guard
    }

    pub fn search(&self, query: &ClauseQuery) -> ClauseResults {
        self.catalog()
            .as_ref()
            .map(|c| c.search(query))
            .unwrap_or_default()
    }

    pub fn positions(&self) -> Vec<CatalogPosition> {
        self.catalog()
            .as_ref()
            .map(|c| c.positions())
            .unwrap_or_default()
    }

    /// The clauses `keys` name, with the positions they come from; `unknown-clause` names a
    /// key the catalogue does not have.
    fn clauses(&self, keys: &[String]) -> Result<Vec<(Clause, String)>, SessionError> {
        let guard = self.catalog();
        let found = keys
            .iter()
            .map(|k| {
                guard
                    .as_ref()
                    .and_then(|catalog| catalog.clause(k))
                    .map(|(c, p)| (c.clone(), p.to_owned()))
                    .ok_or_else(|| SessionError::NotThere { what: k.clone() })
            })
            .collect();
        found
    }
}

fn collect_ids(c: &Clause, out: &mut Vec<String>) {
    out.push(c.id.clone());
    for k in &c.children {
        collect_ids(k, out);
    }
}

/// The typed text of clauses (and their sub-clauses), one string per typed piece.
fn typed_pieces(c: &Clause, out: &mut Vec<String>) {
    for p in c.text.pieces() {
        if let jobdoc_model::Inline::Text(t) = p {
            out.push(t.clone());
        }
    }
    for k in &c.children {
        typed_pieces(k, out);
    }
}

const NAME_RULES: MatchRules = MatchRules {
    match_case: false,
    whole_word: true,
};

/// The forms of `from` in `clauses` and what they become as `to` (see [`RenameOffer`]).
fn rename_offer(
    clauses: &[&Clause],
    from: &str,
    to: &str,
    title_form: &str,
    language: Language,
) -> Option<RenameOffer> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || to.is_empty() || from.to_lowercase() == to.to_lowercase() {
        return None;
    }
    let mut pieces = Vec::new();
    for c in clauses {
        typed_pieces(c, &mut pieces);
    }
    let count = |form: &str| -> u32 {
        let m = Matcher::new(form, NAME_RULES);
        pieces.iter().map(|p| m.ranges(p).len() as u32).sum()
    };
    let mut candidates: Vec<(&str, String, Option<String>)> =
        vec![("nominative", from.to_owned(), Some(to.to_owned()))];
    if language == Language::Ru {
        let known = |i: jobdoc_morph::Inflected| {
            (i.source != jobdoc_morph::Source::Unchanged).then_some(i.text)
        };
        let to_genitive = if title_form.trim().is_empty() {
            known(jobdoc_morph::genitive(to))
        } else {
            Some(title_form.trim().to_owned())
        };
        if let Some(g) = known(jobdoc_morph::genitive(from)) {
            candidates.push(("genitive", g, to_genitive));
        }
        if let Some(d) = known(jobdoc_morph::dative(from)) {
            candidates.push(("dative", d, known(jobdoc_morph::dative(to))));
        }
    }
    let mut forms = Vec::new();
    let mut covered = 0u32;
    for (case, found, with) in candidates {
        let n = count(&found);
        if n > 0 && !forms.iter().any(|f: &RenameForm| f.found == found) {
            covered += n;
            forms.push(RenameForm {
                case: case.to_owned(),
                found,
                with,
                count: n,
            });
        }
    }
    // The position's words next to each other in any form, by their stems.
    let want: Vec<String> = text::words(from)
        .into_iter()
        .map(|(_, w)| text::stem(w))
        .collect();
    let mentions: u32 = pieces
        .iter()
        .map(|p| {
            let stems: Vec<String> = text::words(p)
                .into_iter()
                .map(|(_, w)| text::stem(w))
                .collect();
            if want.is_empty() || stems.len() < want.len() {
                0
            } else {
                stems
                    .windows(want.len())
                    .filter(|w| *w == want.as_slice())
                    .count() as u32
            }
        })
        .sum();
    let other_forms = mentions.saturating_sub(covered);
    (!forms.is_empty() || other_forms > 0).then(|| RenameOffer {
        from: from.to_owned(),
        to: to.to_owned(),
        forms,
        other_forms,
    })
}

/// `with`, with a capital first letter where `found` had one.
fn same_capital(found: &str, with: &str) -> String {
    let upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = with.chars();
    match chars.next() {
        Some(first) if upper => first.to_uppercase().chain(chars).collect(),
        _ => with.to_owned(),
    }
}

fn rename_in(c: &mut Clause, ids: &[String], forms: &[RenameForm]) -> u32 {
    let mut n = 0;
    if ids.contains(&c.id) {
        c.text = c.text.map_text(|t| {
            let mut t = t.to_owned();
            for f in forms {
                let Some(with) = &f.with else { continue };
                let m = Matcher::new(&f.found, NAME_RULES);
                let ranges = m.ranges(&t);
                for r in ranges.into_iter().rev() {
                    let replacement = same_capital(&t[r.clone()], with);
                    t.replace_range(r, &replacement);
                    n += 1;
                }
            }
            t
        });
    }
    for k in &mut c.children {
        n += rename_in(k, ids, forms);
    }
    n
}

impl Session {
    /// Every match of `find` in the open document.
    pub fn find(&self, find: &str, rules: MatchRules) -> Result<FindResult, SessionError> {
        let doc = self.document().ok_or(SessionError::NoDocument)?;
        Ok(find_in(doc, find, rules))
    }

    /// Replaces every match (one undo step); the count.
    pub fn replace_all(
        &mut self,
        find: &str,
        with: &str,
        rules: MatchRules,
        now_ms: u64,
    ) -> Result<u32, SessionError> {
        let doc = self.document().ok_or(SessionError::NoDocument)?;
        let (next, count) = replace_all_in(doc, find, with, rules);
        if count > 0 {
            self.edit(next, None, now_ms)?;
        }
        Ok(count)
    }

    /// Replaces match number `index` (as [`Session::find`] lists them); the count (0 or 1).
    pub fn replace_one(
        &mut self,
        find: &str,
        with: &str,
        rules: MatchRules,
        index: u32,
        now_ms: u64,
    ) -> Result<u32, SessionError> {
        let doc = self.document().ok_or(SessionError::NoDocument)?;
        match replace_one_in(doc, find, with, rules, index as usize) {
            Some(next) => {
                self.edit(next, None, now_ms)?;
                Ok(1)
            }
            None => Ok(0),
        }
    }

    /// Inserts `clauses` (each with the position of the document it came from) at `at`, one
    /// undo step. Returns the inserted clauses' pointers and ids, and the renaming offers.
    pub fn insert_library_clauses(
        &mut self,
        at: &InsertAt,
        clauses: &[(Clause, String)],
        now_ms: u64,
    ) -> Result<InsertedClauses, SessionError> {
        let mut doc = self.document().ok_or(SessionError::NoDocument)?.clone();
        let plain: Vec<Clause> = clauses.iter().map(|(c, _)| c.clone()).collect();
        let paths = insert_clauses(&mut doc, at, &plain).ok_or_else(|| SessionError::NotThere {
            what: match &at.after {
                Some(after) => jobdoc_model::numbering::label(
                    &std::iter::once(at.section as usize)
                        .chain(after.iter().map(|&i| i as usize))
                        .collect::<Vec<_>>(),
                ),
                None => format!("{}.", at.section + 1),
            },
        })?;
        self.edit(doc, None, now_ms)?;
        let doc = self.document().ok_or(SessionError::NoDocument)?;
        let find = |path: &[usize]| -> Option<&Clause> {
            let mut list = &doc.sections.get(path[0])?.clauses;
            let (last, parents) = path[1..].split_last()?;
            for &i in parents {
                list = &list.get(i)?.children;
            }
            list.get(*last)
        };
        let inserted: Vec<&Clause> = paths.iter().filter_map(|p| find(p)).collect();
        let mut ids = Vec::new();
        for c in &inserted {
            collect_ids(c, &mut ids);
        }
        let mut offers: Vec<RenameOffer> = Vec::new();
        let mut positions: Vec<&str> = clauses.iter().map(|(_, p)| p.as_str()).collect();
        positions.dedup();
        for from in positions {
            if offers.iter().any(|o| o.from == from.trim()) {
                continue;
            }
            let from_these: Vec<&Clause> = inserted
                .iter()
                .zip(clauses)
                .filter(|(_, (_, p))| p == from)
                .map(|(c, _)| *c)
                .collect();
            if let Some(offer) = rename_offer(
                &from_these,
                from,
                &doc.position.name,
                &doc.position.title_form,
                doc.language,
            ) {
                offers.push(offer);
            }
        }
        Ok(InsertedClauses {
            pointers: paths
                .iter()
                .map(|p| jobdoc_model::validate::clause_pointer(p))
                .collect(),
            ids,
            offers,
        })
    }

    /// Replaces the forms of `offer` by the current position's in the clauses `ids` (one undo
    /// step); the count.
    pub fn rename_position(
        &mut self,
        ids: &[String],
        offer: &RenameOffer,
        now_ms: u64,
    ) -> Result<u32, SessionError> {
        let mut doc = self.document().ok_or(SessionError::NoDocument)?.clone();
        let mut n = 0;
        for s in &mut doc.sections {
            for c in &mut s.clauses {
                n += rename_in(c, ids, &offer.forms);
            }
        }
        if n > 0 {
            self.edit(doc, None, now_ms)?;
        }
        Ok(n)
    }
}

impl Desk {
    pub fn find(&self, find: &str, rules: MatchRules) -> Result<FindResult, SessionError> {
        self.session().find(find, rules)
    }

    pub fn replace_all(
        &self,
        find: &str,
        with: &str,
        rules: MatchRules,
        now_ms: u64,
    ) -> Result<Replaced, SessionError> {
        let mut session = self.session();
        let count = session.replace_all(find, with, rules, now_ms)?;
        Ok(Replaced {
            state: session.state(),
            count,
        })
    }

    pub fn replace_one(
        &self,
        find: &str,
        with: &str,
        rules: MatchRules,
        index: u32,
        now_ms: u64,
    ) -> Result<Replaced, SessionError> {
        let mut session = self.session();
        let count = session.replace_one(find, with, rules, index, now_ms)?;
        Ok(Replaced {
            state: session.state(),
            count,
        })
    }

    /// Inserts the catalogue's clauses `keys` at `at` (one undo step).
    pub fn insert_library_clauses(
        &self,
        library: &ClauseLibrary,
        keys: &[String],
        at: &InsertAt,
        now_ms: u64,
    ) -> Result<Inserted, SessionError> {
        let clauses = library.clauses(keys)?;
        let mut session = self.session();
        let done = session.insert_library_clauses(at, &clauses, now_ms)?;
        Ok(Inserted {
            state: session.state(),
            pointers: done.pointers,
            ids: done.ids,
            offers: done.offers,
        })
    }

    pub fn rename_position(
        &self,
        ids: &[String],
        offer: &RenameOffer,
        now_ms: u64,
    ) -> Result<Replaced, SessionError> {
        let mut session = self.session();
        let count = session.rename_position(ids, offer, now_ms)?;
        Ok(Replaced {
            state: session.state(),
            count,
        })
    }
}
