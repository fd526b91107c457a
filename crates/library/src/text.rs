//! Words, stems and snippets.
//!
//! SQLite's FTS5 has no Russian stemmer, and rusqlite cannot register a tokenizer, so the index
//! holds a column of stems made here: every word lower-cased, «ё» read as «е», and cut to its
//! Snowball stem (Russian for Cyrillic words, English for Latin ones). The query is stemmed the
//! same way. Snowball's Russian stems of one word family can differ by a last letter
//! («обязанности» → «обязан», «обязан» → «обяза»): a query stem of five letters or more also
//! matches the stem one letter shorter (see [`term_matches`]). A word does not match longer
//! stems («бухгалтер» does not find «бухгалтерский»); `бухгалтер*` does.

use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use ts_rs::TS;

/// Changes whenever stems would come out differently: a stored index of another version is
/// rebuilt.
pub const ANALYZER_VERSION: &str = "snowball-ru-en-1";

/// Stems of this many letters or more also match the stem one letter shorter.
pub const LOOSE_STEM_CHARS: usize = 5;

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The words of `text` (runs of letters and digits) with their byte ranges.
pub fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s..i, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), &text[s..]));
    }
    out
}

/// A word lower-cased with «ё» as «е».
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The stem of one word.
pub fn stem(word: &str) -> String {
    let folded = fold(word);
    let cyrillic = folded.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    let latin = folded.chars().any(|c| c.is_ascii_alphabetic());
    if cyrillic {
        russian().stem(&folded).into_owned()
    } else if latin {
        english().stem(&folded).into_owned()
    } else {
        folded
    }
}

/// The stems of every word of `text`, separated by spaces (the indexed column).
pub fn stems(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, w) in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(w));
    }
    out
}

/// One part of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word: matched by its stem.
    Word(String),
    /// `бухг*`: every word whose stem begins so.
    Prefix(String),
    /// `"главный бухгалтер"`: these stems next to each other.
    Phrase(Vec<String>),
}

/// Parses a query: words, `"phrases"` and `prefixes*`, all required.
pub fn parse_query(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (inside, tail) = match after.find('"') {
                Some(end) => (&after[..end], &after[end + 1..]),
                None => (after, ""),
            };
            let stems: Vec<String> = words(inside).into_iter().map(|(_, w)| stem(w)).collect();
            match stems.len() {
                0 => {}
                1 => terms.push(Term::Word(stems.into_iter().next().unwrap_or_default())),
                _ => terms.push(Term::Phrase(stems)),
            }
            rest = tail;
            continue;
        }
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || c == '"')
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        let chunk_words = words(chunk);
        let starred = chunk.trim_end().ends_with('*');
        let n = chunk_words.len();
        for (i, (_, w)) in chunk_words.into_iter().enumerate() {
            if starred && i + 1 == n {
                // The stem is a prefix of the word, so it matches at least what the word does.
                terms.push(Term::Prefix(stem(w)));
            } else {
                terms.push(Term::Word(stem(w)));
            }
        }
        rest = tail.trim_start_matches(|c: char| c.is_whitespace());
    }
    terms
}

/// One letter off the end, for a stem long enough to be matched loosely.
pub fn shorter(stem: &str) -> Option<String> {
    let n = stem.chars().count();
    (n >= LOOSE_STEM_CHARS).then(|| stem.chars().take(n - 1).collect())
}

/// The FTS5 expression for `terms` (every term required); `None` when there is none.
pub fn fts_expression(terms: &[Term]) -> Option<String> {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let parts: Vec<String> = terms
        .iter()
        .filter_map(|t| match t {
            Term::Word(s) if s.is_empty() => None,
            Term::Word(s) => Some(match shorter(s) {
                Some(short) => format!("({} OR {})", quote(s), quote(&short)),
                None => quote(s),
            }),
            Term::Prefix(s) if s.is_empty() => None,
            Term::Prefix(s) => Some(format!("{}*", quote(s))),
            Term::Phrase(words) => Some(quote(&words.join(" "))),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// Whether an indexed word stem is matched by `term`, as the FTS5 expression matches it.
pub fn term_matches(term: &Term, word_stem: &str) -> bool {
    match term {
        Term::Word(s) => word_stem == s || shorter(s).is_some_and(|short| word_stem == short),
        Term::Prefix(p) => word_stem.starts_with(p.as_str()),
        Term::Phrase(words) => words.iter().any(|w| w == word_stem),
    }
}

/// A piece of a snippet: text, highlighted where it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

/// Characters of context a long text keeps around its first match.
const SNIPPET_CONTEXT: usize = 120;

/// `text` as parts with the words `terms` matched highlighted; a long text is cut to the
/// neighbourhood of its first match, with «…» where it was cut.
pub fn snippet(text: &str, terms: &[Term]) -> Vec<SnippetPart> {
    // Stemming only strips and alters endings: a word can only match a stem whose first two
    // letters it begins with, so most words need no stemming at all.
    let heads: Vec<String> = terms
        .iter()
        .flat_map(|t| match t {
            Term::Word(s) | Term::Prefix(s) => vec![s.chars().take(2).collect::<String>()],
            Term::Phrase(w) => w.iter().map(|s| s.chars().take(2).collect()).collect(),
        })
        .collect();
    let hits: Vec<Range<usize>> = words(text)
        .into_iter()
        .filter(|(_, w)| {
            let folded = fold(w);
            if !heads.iter().any(|h| folded.starts_with(h.as_str())) {
                return false;
            }
            let s = stem(w);
            terms.iter().any(|t| term_matches(t, &s))
        })
        .map(|(r, _)| r)
        .collect();
    let (mut from, mut to) = (0, text.len());
    if text.chars().count() > 3 * SNIPPET_CONTEXT {
        let first = hits.first().map(|r| r.start).unwrap_or(0);
        from = back_chars(text, first, SNIPPET_CONTEXT);
        to = forward_chars(text, first, 2 * SNIPPET_CONTEXT);
    }
    let mut parts = Vec::new();
    let mut push = |s: &str, highlighted: bool| {
        if s.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(SnippetPart {
                text,
                highlighted: h,
            }) if *h == highlighted => text.push_str(s),
            _ => parts.push(SnippetPart {
                text: s.to_owned(),
                highlighted,
            }),
        }
    };
    if from > 0 {
        push("…", false);
    }
    let mut at = from;
    for r in hits.iter().filter(|r| r.start >= from && r.end <= to) {
        push(&text[at..r.start], false);
        push(&text[r.clone()], true);
        at = r.end;
    }
    push(&text[at..to], false);
    if to < text.len() {
        push("…", false);
    }
    parts
}

fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map(|(i, _)| at + i)
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet_at_their_stems() {
        let query = parse_query("обязанности бухгалтера");
        let text = "Главный бухгалтер обязан вести учёт";
        let found: Vec<String> = snippet(text, &query)
            .into_iter()
            .filter(|p| p.highlighted)
            .map(|p| p.text)
            .collect();
        assert_eq!(found, ["бухгалтер", "обязан"]);
        assert_eq!(stem("Учёт"), stem("учет"));
        assert_eq!(stem("managers"), stem("manager"));
    }

    #[test]
    fn queries_parse_into_words_prefixes_and_phrases() {
        assert_eq!(
            parse_query("  бухг*  \"главного бухгалтера\" duties"),
            vec![
                Term::Prefix("бухг".into()),
                Term::Phrase(vec!["главн".into(), "бухгалтер".into()]),
                Term::Word("duti".into()),
            ]
        );
        assert!(fts_expression(&parse_query(" \"\" * ,, ")).is_none());
        assert_eq!(
            fts_expression(&parse_query("права")).unwrap(),
            "\"прав\"",
            "a short stem matches exactly"
        );
    }

    #[test]
    fn long_snippets_are_cut_around_the_match() {
        let text = format!(
            "{} бухгалтер {}",
            "слово ".repeat(100),
            "слово ".repeat(100)
        );
        let parts = snippet(&text, &parse_query("бухгалтер"));
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert!(joined.starts_with('…') && joined.ends_with('…'), "{joined}");
        assert!(parts.iter().any(|p| p.highlighted && p.text == "бухгалтер"));
        assert!(joined.chars().count() < text.chars().count());
    }
}
