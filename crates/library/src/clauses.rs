//! The clause library of the editor's side panel: every clause of the built-in templates (and
//! of whatever other documents the caller adds, such as an open library's), found by the stems
//! of its words, its section kind and its document's position, and inserted into the open
//! document.
//!
//! A few thousand clauses fit in memory: the catalogue keeps each clause's stems and matches
//! queries by [`crate::text`]'s rules (the same stems, prefixes and phrases as the library's
//! index), so the panel needs no database and answers in well under a millisecond per
//! thousand clauses.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use jobdoc_model::validate::field_value;
use jobdoc_model::{numbering, templates, Clause, Document, Language, SectionKind};

use crate::index::HitSource;
use crate::text::{self, SnippetPart, Term};

/// One clause of the catalogue.
#[derive(Debug, Clone)]
struct Entry {
    source: HitSource,
    language: Language,
    position: String,
    section: SectionKind,
    number: String,
    /// The clause with its sub-clauses, as in its document.
    clause: Clause,
    /// As printed in its document (field references read as the fields' text).
    shown: String,
    stems: Vec<String>,
}

/// A position the catalogue's clauses come from (for the panel's filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogPosition {
    pub position: String,
    pub language: Language,
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct ClauseQuery {
    /// Words, `"phrases"` and `prefixes*` (see [`text::parse_query`]); empty: every clause.
    pub text: String,
    pub section: Option<SectionKind>,
    /// Only clauses of documents of this position (exactly as listed by
    /// [`ClauseCatalog::positions`]).
    pub position: Option<String>,
    pub language: Option<Language>,
    /// At most this many clauses (0: the default, 100).
    pub limit: u32,
}

/// One clause found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClauseHit {
    /// Names the clause for [`ClauseCatalog::clause`].
    pub key: String,
    pub source: HitSource,
    pub language: Language,
    pub position: String,
    pub section: SectionKind,
    /// Its number in its document («3.12.»).
    pub number: String,
    /// The clause as printed there, the matching words highlighted.
    pub snippet: Vec<SnippetPart>,
    /// How many sub-clauses come with it.
    pub children: u32,
}

/// The clauses found, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ClauseResults {
    pub hits: Vec<ClauseHit>,
    /// More clauses matched than are listed.
    pub truncated: bool,
}

/// Every clause of a set of documents, ready to be searched.
#[derive(Debug, Clone, Default)]
pub struct ClauseCatalog {
    entries: Vec<Entry>,
}

/// The key of a clause: its source and its id.
fn key_of(source: &HitSource, id: &str) -> String {
    match source {
        HitSource::Template { id: t } => format!("template:{t}#{id}"),
        HitSource::Document { path } => format!("doc:{path}#{id}"),
    }
}

fn count_clauses(c: &Clause) -> u32 {
    c.children.iter().map(|k| 1 + count_clauses(k)).sum()
}

impl ClauseCatalog {
    /// The catalogue of `sources`, in that order (a clause found equally well in two sources
    /// is listed from the first).
    pub fn new(sources: Vec<(HitSource, Document)>) -> ClauseCatalog {
        let mut entries = Vec::new();
        for (source, doc) in sources {
            let doc = doc.with_clause_ids();
            for (path, clause) in doc.clauses() {
                let shown = clause.text.substitute(|f| field_value(&doc, f));
                if shown.trim().is_empty() {
                    continue;
                }
                let stems = text::words(&shown)
                    .into_iter()
                    .map(|(_, w)| text::stem(w))
                    .collect();
                entries.push(Entry {
                    source: source.clone(),
                    language: doc.language,
                    position: doc.position.name.clone(),
                    section: doc.sections[path[0]].kind,
                    number: numbering::label(&path),
                    clause: clause.clone(),
                    shown,
                    stems,
                });
            }
        }
        ClauseCatalog { entries }
    }

    /// Every built-in template, in the gallery's order.
    pub fn templates() -> Vec<(HitSource, Document)> {
        templates::ids()
            .filter_map(|id| {
                let doc = templates::load(id)?.ok()?;
                Some((HitSource::Template { id: id.to_owned() }, doc))
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The positions of the catalogue's documents, each once, in order.
    pub fn positions(&self) -> Vec<CatalogPosition> {
        let mut out: Vec<CatalogPosition> = Vec::new();
        for e in &self.entries {
            if e.position.trim().is_empty() {
                continue;
            }
            if !out
                .iter()
                .any(|p| p.position == e.position && p.language == e.language)
            {
                out.push(CatalogPosition {
                    position: e.position.clone(),
                    language: e.language,
                });
            }
        }
        out
    }

    /// The clauses matching `query`: the more of the query's words a clause matches (and the
    /// shorter it is, among equals), the earlier.
    pub fn search(&self, query: &ClauseQuery) -> ClauseResults {
        let terms = text::parse_query(&query.text);
        let limit = if query.limit == 0 {
            100
        } else {
            query.limit as usize
        };
        let mut scored: Vec<(usize, usize, usize)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if query.section.is_some_and(|s| s != e.section)
                || query.language.is_some_and(|l| l != e.language)
                || query.position.as_ref().is_some_and(|p| p != &e.position)
            {
                continue;
            }
            let Some(hits) = matches(&terms, &e.stems) else {
                continue;
            };
            scored.push((hits, e.shown.chars().count(), i));
        }
        if !terms.is_empty() {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        }
        let truncated = scored.len() > limit;
        let hits = scored
            .into_iter()
            .take(limit)
            .map(|(_, _, i)| {
                let e = &self.entries[i];
                ClauseHit {
                    key: key_of(&e.source, &e.clause.id),
                    source: e.source.clone(),
                    language: e.language,
                    position: e.position.clone(),
                    section: e.section,
                    number: e.number.clone(),
                    snippet: text::snippet(&e.shown, &terms),
                    children: count_clauses(&e.clause),
                }
            })
            .collect();
        ClauseResults { hits, truncated }
    }

    /// The clause `key` names (with its sub-clauses, field references kept), and the position
    /// of its document.
    pub fn clause(&self, key: &str) -> Option<(&Clause, &str)> {
        self.entries
            .iter()
            .find(|e| key_of(&e.source, &e.clause.id) == key)
            .map(|e| (&e.clause, e.position.as_str()))
    }
}

/// How many words of the text the terms match, if every term matches (`Some(0)` for no
/// terms).
fn matches(terms: &[Term], stems: &[String]) -> Option<usize> {
    let mut total = 0;
    for term in terms {
        let n = match term {
            Term::Phrase(words) => {
                if words.is_empty() || stems.len() < words.len() {
                    0
                } else {
                    stems
                        .windows(words.len())
                        .filter(|w| {
                            w.iter().zip(words).all(|(s, want)| {
                                text::term_matches(&Term::Word(want.clone()), s.as_str())
                            })
                        })
                        .count()
                        * words.len()
                }
            }
            Term::Word(s) | Term::Prefix(s) if s.is_empty() => continue,
            _ => stems
                .iter()
                .filter(|s| text::term_matches(term, s.as_str()))
                .count(),
        };
        if n == 0 {
            return None;
        }
        total += n;
    }
    Some(total)
}

/// Where clauses go in the open document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct InsertAt {
    /// The section (its index).
    pub section: u32,
    /// After this clause (indices into `clauses`, then `children`), as its next siblings;
    /// `None`: at the end of the section.
    pub after: Option<Vec<u32>>,
}

/// Inserts copies of `clauses` (with their sub-clauses, fresh ids to be given) at `at`.
/// Returns the paths (section index first, as [`Document::clauses`] gives them) of the
/// inserted clauses, or `None` when `at` names no section or clause of `doc`.
pub fn insert_clauses(
    doc: &mut Document,
    at: &InsertAt,
    clauses: &[Clause],
) -> Option<Vec<Vec<usize>>> {
    fn fresh(c: &Clause) -> Clause {
        Clause {
            id: String::new(),
            text: c.text.clone(),
            children: c.children.iter().map(fresh).collect(),
        }
    }
    let section = at.section as usize;
    let list = &mut doc.sections.get_mut(section)?.clauses;
    let (list, first, mut path) = match &at.after {
        None => {
            let n = list.len();
            (list, n, vec![section])
        }
        Some(after) if after.is_empty() => return None,
        Some(after) => {
            let mut list = list;
            let mut path = vec![section];
            let (last, parents) = after.split_last()?;
            for &i in parents {
                list = &mut list.get_mut(i as usize)?.children;
                path.push(i as usize);
            }
            let last = *last as usize;
            if last >= list.len() {
                return None;
            }
            (list, last + 1, path)
        }
    };
    let mut inserted = Vec::with_capacity(clauses.len());
    for (k, c) in clauses.iter().enumerate() {
        list.insert(first + k, fresh(c));
        path.push(first + k);
        inserted.push(path.clone());
        path.pop();
    }
    Some(inserted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> ClauseCatalog {
        ClauseCatalog::new(ClauseCatalog::templates())
    }

    #[test]
    fn every_template_clause_is_in_the_catalogue() {
        let c = catalog();
        let templates = ClauseCatalog::templates();
        assert!(templates.len() >= 60);
        let total: usize = templates.iter().map(|(_, d)| d.clauses().len()).sum();
        assert!(c.len() > 1000 && c.len() <= total, "{} of {total}", c.len());
        assert!(c.positions().len() >= 30);
    }

    #[test]
    fn word_forms_are_found_by_their_stems_and_filtered() {
        let c = catalog();
        let q = ClauseQuery {
            text: "отчёты".into(),
            language: Some(Language::Ru),
            ..ClauseQuery::default()
        };
        let r = c.search(&q);
        assert!(!r.hits.is_empty());
        for h in &r.hits {
            assert_eq!(h.language, Language::Ru);
            let highlighted: Vec<&str> = h
                .snippet
                .iter()
                .filter(|p| p.highlighted)
                .map(|p| p.text.as_str())
                .collect();
            assert!(
                highlighted
                    .iter()
                    .any(|w| w.to_lowercase().starts_with("отч")),
                "{:?}",
                h.snippet
            );
        }
        let rights = c.search(&ClauseQuery {
            section: Some(SectionKind::Rights),
            ..q.clone()
        });
        assert!(rights.hits.len() < r.hits.len());
        assert!(rights.hits.iter().all(|h| h.section == SectionKind::Rights));
        let position = r.hits[0].position.clone();
        let one = c.search(&ClauseQuery {
            position: Some(position.clone()),
            ..q.clone()
        });
        assert!(one.hits.iter().all(|h| h.position == position));
        let (clause, from) = c.clause(&r.hits[0].key).unwrap();
        assert_eq!(from, position);
        assert!(!clause.text.is_blank());
        assert!(c
            .search(&ClauseQuery {
                text: "щщщщщ".into(),
                ..ClauseQuery::default()
            })
            .hits
            .is_empty());
    }

    #[test]
    fn other_documents_can_be_added_and_come_first() {
        let mut doc = Document::blank(Language::En, "x", jobdoc_model::Timestamp::from_unix(0));
        doc.position.name = "Night watchman".into();
        doc.sections[2].clauses = vec![Clause::new("Walks the perimeter hourly.")];
        let mut sources = vec![(
            HitSource::Document {
                path: "a/b.jobdoc".into(),
            },
            doc,
        )];
        sources.extend(ClauseCatalog::templates());
        let c = ClauseCatalog::new(sources);
        let r = c.search(&ClauseQuery {
            text: "perimeter".into(),
            ..ClauseQuery::default()
        });
        assert_eq!(r.hits[0].position, "Night watchman");
        assert!(r.hits[0].key.starts_with("doc:a/b.jobdoc#"));
    }

    #[test]
    fn clauses_go_after_the_given_one_or_at_the_section_end() {
        let mut doc = Document::blank(Language::Ru, "x", jobdoc_model::Timestamp::from_unix(0));
        doc.sections[2].clauses = vec![Clause::new("a"), Clause::new("b")];
        doc.sections[2].clauses[0].children = vec![Clause::new("a1")];
        let new = [Clause::new("x"), Clause::new("y")];
        let mut d = doc.clone();
        let at = InsertAt {
            section: 2,
            after: Some(vec![0]),
        };
        assert_eq!(
            insert_clauses(&mut d, &at, &new).unwrap(),
            [vec![2, 1], vec![2, 2]]
        );
        let texts: Vec<String> = d.sections[2]
            .clauses
            .iter()
            .map(|c| c.plain_text())
            .collect();
        assert_eq!(texts, ["a", "x", "y", "b"]);
        let mut d = doc.clone();
        let at = InsertAt {
            section: 2,
            after: Some(vec![0, 0]),
        };
        assert_eq!(insert_clauses(&mut d, &at, &new).unwrap()[0], [2, 0, 1]);
        let mut d = doc.clone();
        let end = InsertAt {
            section: 2,
            after: None,
        };
        assert_eq!(insert_clauses(&mut d, &end, &new).unwrap()[1], [2, 3]);
        for bad in [
            InsertAt {
                section: 9,
                after: None,
            },
            InsertAt {
                section: 2,
                after: Some(vec![5]),
            },
        ] {
            assert!(insert_clauses(&mut doc.clone(), &bad, &new).is_none());
        }
    }
}
