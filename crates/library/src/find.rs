//! Find and replace inside one open document (the editor's Ctrl+F / Ctrl+H).
//!
//! The same texts and the same [`Matcher`] as the replacement across documents
//! ([`crate::replace`]): header fields, approval, signatures, section titles and clause texts.
//! A clause's field references are never looked into nor changed: a match lies inside one
//! typed piece between them. Matches come in the order the editor shows the texts (header,
//! then the sections, then the signatures), with their place as a JSON Pointer and the piece
//! and UTF-16 range the editor highlights.

use serde::Serialize;
use ts_rs::TS;

use jobdoc_model::Document;

use crate::index::Place;
use crate::replace::{texts, MatchRules, Matcher};

/// One match of the text to find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TextMatch {
    /// The JSON Pointer of the text: a field (`/organisation/name`), a section title
    /// (`/sections/6/title`) or a clause (`/sections/2/clauses/0/children/1`).
    pub pointer: String,
    /// Which typed piece of a clause's text (the text between its field references); 0 for
    /// a field.
    pub piece: u32,
    /// Where in that piece, in UTF-16 code units (as the editor counts).
    pub start: u32,
    pub end: u32,
}

/// Every match, in the order the editor shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct FindResult {
    pub matches: Vec<TextMatch>,
}

/// Where the editor shows a text: 0 the header, 1 the sections, 2 the signatures.
fn band(pointer: &str) -> u8 {
    if pointer.starts_with("/sections/") {
        1
    } else if pointer.starts_with("/signatures/") {
        2
    } else {
        0
    }
}

/// The JSON Pointer of a text `texts` lists, in `doc`.
fn pointer(doc: &Document, place: &Place) -> Option<String> {
    match place {
        Place::Clause { id, .. } => {
            let (path, _) = doc.clauses().into_iter().find(|(_, c)| &c.id == id)?;
            let mut out = format!("/sections/{}", path[0]);
            for (depth, i) in path[1..].iter().enumerate() {
                let list = if depth == 0 { "clauses" } else { "children" };
                out.push_str(&format!("/{list}/{i}"));
            }
            Some(out)
        }
        Place::Field { field } => field_pointer(field),
    }
}

fn field_pointer(field: &str) -> Option<String> {
    let fixed = match field {
        "organisation" => "/organisation/name",
        "organisation_short" => "/organisation/short_name",
        "department" => "/organisation/department",
        "place" => "/organisation/place",
        "position" => "/position/name",
        "position_title" => "/position/title_form",
        "reports_to" => "/position/reports_to",
        "substitute" => "/position/substitute",
        "approver_position" => "/approval/approver_position",
        "approver_name" => "/approval/approver_name",
        "order_number" => "/approval/number",
        "author_position" => "/signatures/author/position",
        "author_name" => "/signatures/author/name",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_owned());
    }
    // `section3_title`, `visa2_name`: numbered from 1.
    let numbered = |prefix: &str, suffix: &str| -> Option<usize> {
        let n: usize = field
            .strip_prefix(prefix)?
            .strip_suffix(suffix)?
            .parse()
            .ok()?;
        n.checked_sub(1)
    };
    if let Some(i) = numbered("section", "_title") {
        return Some(format!("/sections/{i}/title"));
    }
    for part in ["position", "name"] {
        if let Some(i) = numbered("visa", &format!("_{part}")) {
            return Some(format!("/signatures/visas/{i}/{part}"));
        }
    }
    None
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// Every match of `find` in `doc` by `rules`, in the editor's order.
pub fn find_in(doc: &Document, find: &str, rules: MatchRules) -> FindResult {
    let mut result = FindResult::default();
    if find.is_empty() {
        return result;
    }
    let matcher = Matcher::new(find, rules);
    let mut copy = doc.clone();
    let mut found: Vec<(u8, usize, TextMatch)> = Vec::new();
    for (order, (place, text)) in texts(&mut copy).into_iter().enumerate() {
        let Some(pointer) = pointer(doc, &place) else {
            continue;
        };
        for (piece, typed) in text.pieces().iter().enumerate() {
            for r in matcher.ranges(typed) {
                found.push((
                    band(&pointer),
                    order,
                    TextMatch {
                        pointer: pointer.clone(),
                        piece: piece as u32,
                        start: utf16_len(&typed[..r.start]),
                        end: utf16_len(&typed[..r.end]),
                    },
                ));
            }
        }
    }
    // Stable: within a band the texts keep their order, a text's matches theirs.
    found.sort_by_key(|(band, order, _)| (*band, *order));
    result.matches = found.into_iter().map(|(_, _, m)| m).collect();
    result
}

/// `doc` with every match of `find` replaced by `with`, and how many were replaced (0: `doc`
/// unchanged). Field references in clauses stay as they are.
pub fn replace_all_in(
    doc: &Document,
    find: &str,
    with: &str,
    rules: MatchRules,
) -> (Document, u32) {
    let mut out = doc.clone();
    if find.is_empty() {
        return (out, 0);
    }
    let matcher = Matcher::new(find, rules);
    let mut count = 0;
    for (_, mut text) in texts(&mut out) {
        count += text.replace_matching(&matcher, with);
    }
    (out, count)
}

/// `doc` with the match number `index` (as [`find_in`] lists them) replaced by `with`;
/// `None` when there is no such match.
pub fn replace_one_in(
    doc: &Document,
    find: &str,
    with: &str,
    rules: MatchRules,
    index: usize,
) -> Option<Document> {
    let target = find_in(doc, find, rules).matches.into_iter().nth(index)?;
    let matcher = Matcher::new(find, rules);
    let mut copy = doc.clone();
    let places: Vec<Option<String>> = texts(&mut copy)
        .into_iter()
        .map(|(place, _)| pointer(doc, &place))
        .collect();
    let mut out = doc.clone();
    let mut done = false;
    for ((_, mut text), pointer) in texts(&mut out).into_iter().zip(places) {
        if pointer.as_deref() != Some(target.pointer.as_str()) {
            continue;
        }
        let pieces = text.pieces();
        let Some(typed) = pieces.get(target.piece as usize) else {
            break;
        };
        if let Some(range) = matcher
            .ranges(typed)
            .into_iter()
            .find(|r| utf16_len(&typed[..r.start]) == target.start)
        {
            done = text.replace_range(target.piece as usize, range, with);
        }
        break;
    }
    done.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::{Clause, Field, Inline, Language, RichText, SectionKind, Timestamp};

    fn doc() -> Document {
        let mut d = Document::blank(Language::Ru, "id", Timestamp::from_unix(0));
        d.organisation.name = "ООО «Отчёт»".into();
        d.position.name = "менеджер".into();
        d.sections[2].clauses = vec![
            Clause::new("Готовит отчёт и отчёты."),
            Clause {
                id: String::new(),
                text: RichText::from_pieces([
                    Inline::Text("Отчёт ".into()),
                    Inline::Field(Field::Position),
                    Inline::Text(" сдаёт: отчёт.".into()),
                ]),
                children: vec![Clause::new("ОТЧЁТ за месяц")],
            },
        ];
        d.signatures.author.position = "отчётный работник".into();
        d.sections[3].kind = SectionKind::Custom;
        d.sections[3].title = "Отчёт".into();
        d.with_clause_ids()
    }

    const ANY: MatchRules = MatchRules {
        match_case: false,
        whole_word: false,
    };

    #[test]
    fn case_and_whole_word_rules() {
        let d = doc();
        let count = |find: &str, rules: MatchRules| find_in(&d, find, rules).matches.len();
        // org, 2 in clause 1, 2 in clause 2 (pieces 0 and 1), child, section title, author.
        assert_eq!(count("отчёт", ANY), 8);
        let case = MatchRules {
            match_case: true,
            ..ANY
        };
        assert_eq!(count("отчёт", case), 4, "the lower-case ones only");
        let word = MatchRules {
            whole_word: true,
            ..ANY
        };
        assert_eq!(count("отчёт", word), 6, "not «отчёты» nor «отчётный»");
        assert_eq!(count("", ANY), 0);
    }

    #[test]
    fn matches_come_in_the_editors_order_with_utf16_ranges() {
        let d = doc();
        let m = find_in(&d, "отчёт", ANY).matches;
        let pointers: Vec<&str> = m.iter().map(|m| m.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/organisation/name",
                "/sections/2/clauses/0",
                "/sections/2/clauses/0",
                "/sections/2/clauses/1",
                "/sections/2/clauses/1",
                "/sections/2/clauses/1/children/0",
                "/sections/3/title",
                "/signatures/author/position",
            ]
        );
        assert_eq!((m[0].start, m[0].end), (5, 10), "after «ООО «»");
        assert_eq!((m[4].piece, m[4].start), (1, 8));
    }

    #[test]
    fn replace_all_keeps_field_references() {
        let d = doc();
        let word = MatchRules {
            whole_word: true,
            ..ANY
        };
        let (out, n) = replace_all_in(&d, "отчёт", "доклад", word);
        assert_eq!(n, 6);
        let c = &out.sections[2].clauses[1];
        assert_eq!(
            c.text.pieces(),
            &[
                Inline::Text("доклад ".into()),
                Inline::Field(Field::Position),
                Inline::Text(" сдаёт: доклад.".into()),
            ]
        );
        assert_eq!(
            out.sections[2].clauses[0].plain_text(),
            "Готовит доклад и отчёты."
        );
        assert_eq!(out.signatures.author.position, "отчётный работник");
        assert!(find_in(&out, "отчёт", word).matches.is_empty());
        let (same, none) = replace_all_in(&d, "нет такого", "x", ANY);
        assert_eq!((same, none), (d, 0));
    }

    #[test]
    fn replace_one_changes_only_that_match() {
        let d = doc();
        let out = replace_one_in(&d, "отчёт", "итог", ANY, 4).unwrap();
        assert_eq!(
            out.sections[2].clauses[1].text.placeholder_text(),
            "Отчёт {position} сдаёт: итог."
        );
        assert_eq!(find_in(&out, "отчёт", ANY).matches.len(), 7);
        assert!(replace_one_in(&d, "отчёт", "итог", ANY, 8).is_none());
        let first = replace_one_in(&d, "отчёт", "Итог", ANY, 0).unwrap();
        assert_eq!(first.organisation.name, "ООО «Итог»");
    }

    #[test]
    fn the_exact_matcher_of_changes_in_is_unchanged() {
        let d = doc();
        let changes = crate::replace::changes_in(&d, "отчёт", "x");
        let total: u32 = changes.iter().map(|c| c.count).sum();
        assert_eq!(total, 4);
    }
}
