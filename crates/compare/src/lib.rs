//! Two editions — or any two job instructions — compared clause by clause.
//!
//! Clauses are paired first by their stable id (editions of one document share ids), then, for
//! what is left, by the similarity of their text (two documents that grew apart, or an imported
//! one); unpaired clauses were added or removed. A pair whose text differs is *changed*, with
//! word-level differences (`similar`'s Unicode word diff); a pair out of the order of the others
//! (not on the longest run of pairs in order) or in another section is *moved*. The document's
//! own fields (organisation, position, approval, signatories…) are compared too. Texts are
//! compared as they print (field references replaced, typography applied), so that renaming the
//! position shows as the change it is in print.

use std::collections::HashMap;

use jobdoc_model::numbering;
use jobdoc_model::resolve::{clause_text, typography};
use jobdoc_model::validate::clause_pointer;
use jobdoc_model::{Clause, Document, Language};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

/// Two texts this similar (0–1, `similar`'s ratio over words) are taken for one clause.
pub const PAIRING_RATIO: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Unchanged,
    Added,
    Removed,
    Changed,
    Moved,
    MovedAndChanged,
}

/// A clause on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClauseSide {
    pub id: String,
    /// «3.2.»
    pub label: String,
    /// JSON Pointer in its document.
    pub pointer: String,
    /// The heading of its section.
    pub section: String,
    /// As printed.
    pub text: String,
}

/// A run of words: the same on both sides, or only in the old or the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Words {
    pub kind: WordsKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum WordsKind {
    Same,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClauseChange {
    pub kind: ChangeKind,
    pub old: Option<ClauseSide>,
    pub new: Option<ClauseSide>,
    /// Word-level differences, for a changed clause.
    pub words: Vec<Words>,
}

/// A field of the document whose text differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChange {
    pub pointer: String,
    pub label_ru: String,
    pub label_en: String,
    pub old: String,
    pub new: String,
}

/// The differences, in the new document's order (removed clauses where they stood).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Comparison {
    pub fields: Vec<FieldChange>,
    pub clauses: Vec<ClauseChange>,
}

impl Comparison {
    /// The changes only (what a printed list of changes shows).
    pub fn changes(&self) -> impl Iterator<Item = &ClauseChange> {
        self.clauses
            .iter()
            .filter(|c| c.kind != ChangeKind::Unchanged)
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.changes().next().is_none()
    }
}

/// Every clause of a document in reading order, as printed.
fn sides(doc: &Document) -> Vec<(Vec<usize>, ClauseSide)> {
    fn walk(
        doc: &Document,
        section: &str,
        clauses: &[Clause],
        path: &mut Vec<usize>,
        out: &mut Vec<(Vec<usize>, ClauseSide)>,
    ) {
        for (i, c) in clauses.iter().enumerate() {
            path.push(i);
            out.push((
                path.clone(),
                ClauseSide {
                    id: c.id.clone(),
                    label: numbering::label(path),
                    pointer: clause_pointer(path),
                    section: section.to_owned(),
                    text: typography(&clause_text(doc, &c.text), doc.language),
                },
            ));
            walk(doc, section, &c.children, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        let heading = section.heading(doc.language).to_owned();
        walk(doc, &heading, &section.clauses, &mut vec![s], &mut out);
    }
    out
}

fn ratio(a: &str, b: &str) -> f32 {
    TextDiff::from_unicode_words(a, b).ratio()
}

fn words(a: &str, b: &str) -> Vec<Words> {
    let diff = TextDiff::from_unicode_words(a, b);
    let pieces: Vec<(WordsKind, &str)> = diff
        .iter_all_changes()
        .map(|change| {
            let kind = match change.tag() {
                ChangeTag::Equal => WordsKind::Same,
                ChangeTag::Delete => WordsKind::Removed,
                ChangeTag::Insert => WordsKind::Added,
            };
            (kind, change.value())
        })
        .collect();
    // A change is read as one: a space left in common between changed words belongs to both
    // sides («начальнику отдела» → «коммерческому директору», not word by word).
    let changed = |k: WordsKind| k != WordsKind::Same;
    let mut out: Vec<Words> = Vec::new();
    let push = |out: &mut Vec<Words>, kind: WordsKind, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => out.push(Words {
                kind,
                text: text.to_owned(),
            }),
        }
    };
    let mut i = 0;
    while i < pieces.len() {
        if !changed(pieces[i].0) {
            push(&mut out, WordsKind::Same, pieces[i].1);
            i += 1;
            continue;
        }
        // The run of changes, spaces in between included, up to the last change.
        let mut end = i;
        let mut j = i;
        while j < pieces.len()
            && (changed(pieces[j].0) || pieces[j].1.chars().all(char::is_whitespace))
        {
            if changed(pieces[j].0) {
                end = j;
            }
            j += 1;
        }
        let (mut removed, mut added) = (String::new(), String::new());
        for (kind, text) in &pieces[i..=end] {
            match kind {
                WordsKind::Removed => removed.push_str(text),
                WordsKind::Added => added.push_str(text),
                WordsKind::Same => {
                    removed.push_str(text);
                    added.push_str(text);
                }
            }
        }
        // Spaces that only joined one side's words stay with that side.
        if removed.trim().is_empty() {
            removed.clear();
        }
        if added.trim().is_empty() {
            added.clear();
        }
        push(&mut out, WordsKind::Removed, &removed);
        push(&mut out, WordsKind::Added, &added);
        i = end + 1;
    }
    out
}

/// Indices (into `seq`) of a longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // indices into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let at = tails.partition_point(|&t| seq[t] < seq[i]);
        if at > 0 {
            prev[i] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

pub fn compare(old: &Document, new: &Document) -> Comparison {
    let a = sides(old);
    let b = sides(new);
    // Pairs (old index, new index).
    let mut pair_of_new: Vec<Option<usize>> = vec![None; b.len()];
    let mut paired_old = vec![false; a.len()];
    let by_id: HashMap<&str, usize> = a
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| !s.id.is_empty())
        .map(|(i, (_, s))| (s.id.as_str(), i))
        .collect();
    for (j, (_, s)) in b.iter().enumerate() {
        if let Some(&i) = by_id.get(s.id.as_str()) {
            if !paired_old[i] {
                pair_of_new[j] = Some(i);
                paired_old[i] = true;
            }
        }
    }
    // What is left: identical texts first, then the most similar, best pairs first.
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for (j, (_, sb)) in b.iter().enumerate() {
        if pair_of_new[j].is_some() {
            continue;
        }
        for (i, (_, sa)) in a.iter().enumerate() {
            if paired_old[i] {
                continue;
            }
            let r = if sa.text == sb.text {
                2.0
            } else {
                ratio(&sa.text, &sb.text)
            };
            if r >= PAIRING_RATIO {
                candidates.push((r, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });
    for (_, i, j) in candidates {
        if !paired_old[i] && pair_of_new[j].is_none() {
            paired_old[i] = true;
            pair_of_new[j] = Some(i);
        }
    }
    // Moved: pairs off the longest run in order, or in another section.
    let pairs: Vec<(usize, usize)> = pair_of_new
        .iter()
        .enumerate()
        .filter_map(|(j, i)| i.map(|i| (i, j)))
        .collect();
    let in_order: Vec<usize> = pairs.iter().map(|(i, _)| *i).collect();
    let keep = longest_increasing(&in_order);
    let mut moved_new = vec![false; b.len()];
    for (k, (i, j)) in pairs.iter().enumerate() {
        let off_run = keep.binary_search(&k).is_err();
        let other_section = a[*i].0[0] != b[*j].0[0] && a[*i].1.section != b[*j].1.section;
        moved_new[*j] = off_run || other_section;
    }

    let mut clauses = Vec::new();
    let mut next_removed = 0;
    let flush_removed_before = |limit: usize, next: &mut usize, out: &mut Vec<ClauseChange>| {
        while *next < limit {
            if !paired_old[*next] {
                out.push(ClauseChange {
                    kind: ChangeKind::Removed,
                    old: Some(a[*next].1.clone()),
                    new: None,
                    words: Vec::new(),
                });
            }
            *next += 1;
        }
    };
    for (j, (_, sb)) in b.iter().enumerate() {
        match pair_of_new[j] {
            None => clauses.push(ClauseChange {
                kind: ChangeKind::Added,
                old: None,
                new: Some(sb.clone()),
                words: Vec::new(),
            }),
            Some(i) => {
                if !moved_new[j] {
                    flush_removed_before(i, &mut next_removed, &mut clauses);
                }
                let sa = &a[i].1;
                let changed = sa.text != sb.text;
                let kind = match (moved_new[j], changed) {
                    (false, false) => ChangeKind::Unchanged,
                    (false, true) => ChangeKind::Changed,
                    (true, false) => ChangeKind::Moved,
                    (true, true) => ChangeKind::MovedAndChanged,
                };
                clauses.push(ClauseChange {
                    kind,
                    old: Some(sa.clone()),
                    new: Some(sb.clone()),
                    words: if changed {
                        words(&sa.text, &sb.text)
                    } else {
                        Vec::new()
                    },
                });
            }
        }
    }
    flush_removed_before(a.len(), &mut next_removed, &mut clauses);
    Comparison {
        fields: fields(old, new),
        clauses,
    }
}

/// The document's own fields that differ, as printed.
fn fields(old: &Document, new: &Document) -> Vec<FieldChange> {
    let show = |doc: &Document| -> Vec<(&'static str, &'static str, &'static str, String)> {
        let approval = match &doc.approval {
            jobdoc_model::Approval::Stamp {
                approver_position,
                approver_name,
                date,
            } => format!(
                "{approver_position} {approver_name} {}",
                date.map(|d| d.numeric()).unwrap_or_default()
            ),
            jobdoc_model::Approval::Order { number, date } => format!(
                "№ {number} {}",
                date.map(|d| d.numeric()).unwrap_or_default()
            ),
        };
        let visas: Vec<String> = doc
            .signatures
            .visas
            .iter()
            .map(|v| format!("{} {}", v.position, v.name))
            .collect();
        vec![
            (
                "/organisation/name",
                "Организация",
                "Organisation",
                doc.organisation.name.clone(),
            ),
            (
                "/organisation/short_name",
                "Краткое наименование",
                "Short name",
                doc.organisation.short_name.clone(),
            ),
            (
                "/organisation/department",
                "Подразделение",
                "Department",
                doc.organisation.department.clone(),
            ),
            (
                "/organisation/place",
                "Место составления",
                "Place",
                doc.organisation.place.clone(),
            ),
            (
                "/position/name",
                "Должность",
                "Position",
                doc.position.name.clone(),
            ),
            (
                "/position/title_form",
                "Должность в заголовке",
                "Title form",
                doc.position.title_form.clone(),
            ),
            (
                "/position/reports_to",
                "Подчиняется",
                "Reports to",
                doc.position.reports_to.clone(),
            ),
            (
                "/position/substitute",
                "Замещает на время отсутствия",
                "Substitute",
                doc.position.substitute.clone(),
            ),
            (
                "/registration",
                "Регистрация",
                "Registration",
                format!(
                    "{} {}",
                    doc.registration
                        .date
                        .map(|d| d.numeric())
                        .unwrap_or_default(),
                    doc.registration.number
                ),
            ),
            ("/approval", "Утверждение", "Approval", approval),
            (
                "/signatures/author",
                "Составитель",
                "Author",
                format!(
                    "{} {}",
                    doc.signatures.author.position, doc.signatures.author.name
                ),
            ),
            ("/signatures/visas", "Визы", "Visas", visas.join("; ")),
        ]
    };
    show(old)
        .into_iter()
        .zip(show(new))
        .filter(|(a, b)| a.3.trim() != b.3.trim())
        .map(|(a, b)| FieldChange {
            pointer: a.0.to_owned(),
            label_ru: a.1.to_owned(),
            label_en: a.2.to_owned(),
            old: a.3.trim().to_owned(),
            new: b.3.trim().to_owned(),
        })
        .collect()
}

/// A short summary line: «изменено 3, добавлено 1, исключено 2, перемещено 1».
pub fn summary(c: &Comparison, language: Language) -> String {
    let count = |k: &[ChangeKind]| c.clauses.iter().filter(|x| k.contains(&x.kind)).count();
    let changed = count(&[ChangeKind::Changed, ChangeKind::MovedAndChanged]);
    let added = count(&[ChangeKind::Added]);
    let removed = count(&[ChangeKind::Removed]);
    let moved = count(&[ChangeKind::Moved, ChangeKind::MovedAndChanged]);
    match language {
        Language::Ru => format!(
            "пунктов изменено: {changed}, добавлено: {added}, исключено: {removed}, перемещено: {moved}; полей изменено: {}",
            c.fields.len()
        ),
        Language::En => format!(
            "clauses changed: {changed}, added: {added}, removed: {removed}, moved: {moved}; fields changed: {}",
            c.fields.len()
        ),
    }
}

/// The printable list of changes: a document of its own (organisation and signatories of the
/// new document) whose sections list the changed, added, removed and moved clauses with their
/// old and new wording, and the changed fields. `new_name` and `old_name` say what was compared,
/// as they read in «к должностной инструкции …: {new_name} в сравнении с {old_name}» (Russian:
/// «редакция 2», «редакцией 1»). Export it with [`list_kind`] as the document kind.
pub fn changes_document(
    c: &Comparison,
    new: &Document,
    old_name: &str,
    new_name: &str,
) -> Document {
    let ru = new.language == Language::Ru;
    let t = |ru_text: String, en_text: String| if ru { ru_text } else { en_text };
    let quoted = |s: &str| format!("\"{s}\"");
    let mut doc = new.clone();
    doc.editions.clear();
    doc.staff.clear();
    doc.acknowledged.clear();
    doc.acknowledgement.mark = false;
    doc.acknowledgement.sheet = None;
    doc.position.title_form = t(
        format!(
            "к должностной инструкции {}: {new_name} в сравнении с {old_name}",
            new.position.title_form.trim()
        ),
        format!(
            "to the job description {}: {new_name} compared with {old_name}",
            new.position.title_form.trim()
        ),
    );
    let section = |title: String, clauses: Vec<Clause>| jobdoc_model::Section {
        kind: jobdoc_model::SectionKind::Custom,
        title,
        clauses,
    };
    // «3.2» in running text (the printed label «3.2.» ends a sentence too early).
    let label = |s: &Option<ClauseSide>| {
        s.as_ref()
            .map_or(String::new(), |s| s.label.trim_end_matches('.').to_owned())
    };
    let text = |s: &Option<ClauseSide>| s.as_ref().map_or(String::new(), |s| s.text.clone());
    let mut changed = Vec::new();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut moved = Vec::new();
    for x in c.changes() {
        match x.kind {
            ChangeKind::Changed | ChangeKind::MovedAndChanged => {
                let head = if x.kind == ChangeKind::Changed {
                    t(
                        format!("Пункт {}:", label(&x.new)),
                        format!("Clause {}:", label(&x.new)),
                    )
                } else {
                    t(
                        format!("Пункт {} (был пунктом {}):", label(&x.new), label(&x.old)),
                        format!("Clause {} (was clause {}):", label(&x.new), label(&x.old)),
                    )
                };
                let mut clause = Clause::new(head);
                clause.children = vec![
                    Clause::new(t(
                        format!("было: {}", quoted(&text(&x.old))),
                        format!("was: {}", quoted(&text(&x.old))),
                    )),
                    Clause::new(t(
                        format!("стало: {}", quoted(&text(&x.new))),
                        format!("now: {}", quoted(&text(&x.new))),
                    )),
                ];
                changed.push(clause);
            }
            ChangeKind::Added => added.push(Clause::new(t(
                format!("Пункт {}: {}", label(&x.new), quoted(&text(&x.new))),
                format!("Clause {}: {}", label(&x.new), quoted(&text(&x.new))),
            ))),
            ChangeKind::Removed => removed.push(Clause::new(t(
                format!("Пункт {}: {}", label(&x.old), quoted(&text(&x.old))),
                format!("Clause {}: {}", label(&x.old), quoted(&text(&x.old))),
            ))),
            ChangeKind::Moved => moved.push(Clause::new(t(
                format!("Пункт {} стал пунктом {}.", label(&x.old), label(&x.new)),
                format!("Clause {} is now clause {}.", label(&x.old), label(&x.new)),
            ))),
            ChangeKind::Unchanged => {}
        }
    }
    let fields: Vec<Clause> = c
        .fields
        .iter()
        .map(|f| {
            Clause::new(t(
                format!(
                    "{}: было {}, стало {}.",
                    f.label_ru,
                    quoted(&f.old),
                    quoted(&f.new)
                ),
                format!(
                    "{}: was {}, now {}.",
                    f.label_en,
                    quoted(&f.old),
                    quoted(&f.new)
                ),
            ))
        })
        .collect();
    let mut sections = Vec::new();
    for (ru_title, en_title, list) in [
        ("Изменённые пункты", "Changed clauses", changed),
        ("Новые пункты", "New clauses", added),
        ("Исключённые пункты", "Removed clauses", removed),
        ("Перемещённые пункты", "Moved clauses", moved),
        ("Изменённые реквизиты", "Changed details", fields),
    ] {
        if !list.is_empty() {
            sections.push(section(t(ru_title.into(), en_title.into()), list));
        }
    }
    if sections.is_empty() {
        sections.push(section(
            t("Изменений нет".into(), "No changes".into()),
            vec![Clause::new(t(
                format!("Текст {new_name} совпадает с текстом {old_name}."),
                format!("The text of {new_name} is that of {old_name}."),
            ))],
        ));
    }
    doc.sections = sections;
    doc.with_clause_ids()
}

/// The document kind printed on a list of changes.
pub fn list_kind(language: Language) -> &'static str {
    match language {
        Language::Ru => "ЛИСТ ИЗМЕНЕНИЙ",
        Language::En => "LIST OF CHANGES",
    }
}
