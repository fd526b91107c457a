//! The phrase rule: which words of a title change.
//!
//! Only the head noun phrase declines: leading adjectives and participles, then the head noun
//! (every declinable part of a hyphenated one), and adjectives right after it that agree with
//! it («врач-педиатр участковый»). It ends after that, before a
//! preposition or conjunction, before a word that is not in the nominative («заведующий
//! складом», «исполняющий обязанности») — then the last adjective was the head («дежурный»,
//! «заведующий») — and at any punctuation («(…)», «,», «/»). A dash between spaces starts a
//! new phrase («заведующий отделением — врач-хирург»). Everything else is kept byte for byte.

use crate::rules::{self, Guess};
use crate::table::{key, Class, TABLE};
use crate::{Case, Inflected, Source};

/// Words that end the phrase: prepositions and conjunctions.
const STOP_WORDS: &[&str] = &[
    "по",
    "с",
    "со",
    "в",
    "во",
    "на",
    "для",
    "за",
    "при",
    "у",
    "от",
    "до",
    "из",
    "к",
    "ко",
    "о",
    "об",
    "обо",
    "над",
    "под",
    "перед",
    "между",
    "через",
    "без",
    "про",
    "и",
    "или",
    "а",
    "либо",
    "но",
    "как",
    "вне",
    "среди",
    "возле",
    "около",
    "согласно",
    "вместо",
    "кроме",
];

/// The inflected forms of one word, already in the user's capitalisation.
#[derive(Debug, Clone)]
struct Forms {
    genitive: String,
    dative: String,
    guessed: bool,
}

impl Forms {
    fn get(&self, case: Case) -> &str {
        match case {
            Case::Genitive => &self.genitive,
            Case::Dative => &self.dative,
        }
    }
}

/// What a word (token) does in the phrase.
#[derive(Debug, Clone)]
enum Role {
    /// A noun in the nominative: the head; the phrase ends after it.
    Head(Forms),
    /// An adjective or participle in the nominative.
    Adjective(Forms),
    /// An adjective only if a noun follows (an unknown word in «-ой»).
    AdjectiveIfNounFollows(Forms),
    /// Kept as it is, and the phrase goes on (an abbreviation, a Latin word, «временно»).
    Skip,
    /// A prefix that is also a title: kept before a noun («шеф повар», typed without the
    /// hyphen), the head otherwise («шеф»).
    PrefixOrHead(Forms),
    /// Ends the phrase (a preposition, a word not in the nominative).
    Stop,
}

/// One part of a word (hyphenated words have several).
#[derive(Debug, Clone)]
enum Part {
    Noun(Forms),
    Adjective(Forms),
    AdjectiveIfNounFollows(Forms),
    /// Never declines: a Latin word or abbreviation («SMM», «ИТ»), a number.
    Fixed,
    /// A first part that never declines («шеф-», «пресс-», «вице-»), with its forms as a noun
    /// of its own where it is one («су-шеф» → «су-шефа»).
    Prefix(Forms),
    Transparent,
    Other,
}

struct Token<'a> {
    text: &'a str,
    word: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = chars[i].0;
        let word = is_word_char(chars[i].1);
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joins = if word {
                is_word_char(c)
                    || (is_hyphen(c)
                        && j + 1 < chars.len()
                        && is_word_char(chars[j + 1].1)
                        && is_word_char(chars[j - 1].1))
            } else {
                !is_word_char(c)
            };
            if !joins {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        tokens.push(Token {
            text: &text[start..end],
            word,
        });
        i = j;
    }
    tokens
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Puts `form` (lower case) in the capitalisation of `orig`: all capitals stay all capitals,
/// otherwise each letter is a capital where the typed one was. Without a typed «ё», «ё» is
/// written «е».
fn apply_case(orig: &str, form: &str) -> String {
    let form: String = if orig.contains(['ё', 'Ё']) {
        form.to_string()
    } else {
        form.replace('ё', "е")
    };
    let letters: Vec<char> = orig.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| !c.is_lowercase()) {
        return form.to_uppercase();
    }
    let upper: Vec<bool> = orig.chars().map(char::is_uppercase).collect();
    form.chars()
        .enumerate()
        .flat_map(|(i, c)| {
            let up = upper.get(i).copied().unwrap_or(false);
            let s: Vec<char> = if up {
                c.to_uppercase().collect()
            } else {
                vec![c]
            };
            s
        })
        .collect()
}

fn forms(orig: &str, genitive: &str, dative: &str, guessed: bool) -> Forms {
    Forms {
        genitive: apply_case(orig, genitive),
        dative: apply_case(orig, dative),
        guessed,
    }
}

/// An abbreviation: all capitals, not a table word, in a title that is not all capitals
/// itself (or short: «ИТ», «ПК»).
fn is_abbreviation(part: &str, shouting: bool) -> bool {
    let letters: Vec<char> = part.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.iter().all(|c| c.is_uppercase())
        && (letters.len() > 1 || !shouting)
        && (!shouting || letters.len() <= 3)
}

fn analyze_part(part: &str, shouting: bool) -> Part {
    if part
        .chars()
        .any(|c| c.is_ascii_alphanumeric() || c.is_numeric() || !rules::is_cyrillic(c))
    {
        return Part::Fixed;
    }
    let k = key(part);
    if let Some(e) = TABLE.get(&k) {
        return match e.class {
            Class::Noun | Class::Indeclinable => {
                Part::Noun(forms(part, e.genitive, e.dative, false))
            }
            Class::Adjective => Part::Adjective(forms(part, e.genitive, e.dative, false)),
            Class::Prefix => Part::Prefix(forms(part, e.genitive, e.dative, false)),
            Class::Transparent => Part::Transparent,
        };
    }
    if is_abbreviation(part, shouting) {
        return Part::Fixed;
    }
    if TABLE.is_oblique(&k) {
        return Part::Other;
    }
    match rules::guess(&part.to_lowercase()) {
        Guess::Noun(g, d) => Part::Noun(forms(part, &g, &d, true)),
        Guess::Adjective(g, d) => Part::Adjective(forms(part, &g, &d, true)),
        Guess::AdjectiveIfNounFollows(g, d) => {
            Part::AdjectiveIfNounFollows(forms(part, &g, &d, true))
        }
        Guess::Other => Part::Other,
    }
}

fn analyze(word: &str, shouting: bool) -> Role {
    let k = key(word);
    if STOP_WORDS.contains(&k.as_str()) {
        return Role::Stop;
    }
    if !word.contains(|c: char| is_hyphen(c)) || TABLE.get(&k).is_some() {
        return match analyze_part(word, shouting) {
            Part::Noun(f) => Role::Head(f),
            Part::Prefix(f) if f.genitive != word => Role::PrefixOrHead(f),
            Part::Prefix(_) => Role::Skip,
            Part::Adjective(f) => Role::Adjective(f),
            Part::AdjectiveIfNounFollows(f) => Role::AdjectiveIfNounFollows(f),
            Part::Fixed | Part::Transparent => Role::Skip,
            Part::Other => Role::Stop,
        };
    }
    if let Some(f) = ordinal(word) {
        return Role::Adjective(f);
    }
    // A hyphenated word: the last part decides; earlier parts decline with a noun when they
    // are person nouns themselves («инженер-технолог», «горничная-уборщица»), otherwise they
    // stay («шеф-повар», «SMM-менеджер», «научно-технический»).
    let pieces = split_hyphens(word);
    let (last_text, _) = pieces[pieces.len() - 1];
    let last = match analyze_part(last_text, shouting) {
        Part::Prefix(f) if f.genitive != last_text => Part::Noun(f),
        Part::Prefix(_) => Part::Fixed,
        other => other,
    };
    let noun_last = matches!(last, Part::Noun(_));
    let last_forms = match &last {
        Part::Noun(f) | Part::Adjective(f) | Part::AdjectiveIfNounFollows(f) => f.clone(),
        Part::Fixed | Part::Transparent | Part::Prefix(_) => return Role::Skip,
        Part::Other => return Role::Stop,
    };
    let mut genitive = String::new();
    let mut dative = String::new();
    let mut guessed = last_forms.guessed;
    for &(text, hyphen) in &pieces[..pieces.len() - 1] {
        let declined = if noun_last {
            match analyze_part(text, shouting) {
                Part::Noun(f) if TABLE.get(&key(text)).is_some() => Some(f),
                // A noun declined like an adjective («горничная-уборщица»).
                Part::Adjective(f) if !f.guessed => Some(f),
                Part::Noun(f) if rules::is_agent_noun(&text.to_lowercase()) => Some(f),
                _ => None,
            }
        } else {
            None
        };
        match declined {
            Some(f) => {
                guessed |= f.guessed;
                genitive.push_str(&f.genitive);
                dative.push_str(&f.dative);
            }
            None => {
                genitive.push_str(text);
                dative.push_str(text);
            }
        }
        genitive.push_str(hyphen);
        dative.push_str(hyphen);
    }
    genitive.push_str(&last_forms.genitive);
    dative.push_str(&last_forms.dative);
    let f = Forms {
        genitive,
        dative,
        guessed,
    };
    match last {
        Part::Noun(_) => Role::Head(f),
        Part::AdjectiveIfNounFollows(_) => Role::AdjectiveIfNounFollows(f),
        _ => Role::Adjective(f),
    }
}

/// An ordinal in figures: «2-й» → «2-го», «2-му»; «2-я» → «2-й».
fn ordinal(word: &str) -> Option<Forms> {
    let (number, ending) = word.split_once(is_hyphen)?;
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (genitive, dative) = match key(ending).as_str() {
        "й" | "ый" | "ий" | "ой" => ("го", "му"),
        "я" | "ая" | "ья" => ("й", "й"),
        _ => return None,
    };
    let hyphen = &word[number.len()..word.len() - ending.len()];
    Some(Forms {
        genitive: format!("{number}{hyphen}{}", apply_case(ending, genitive)),
        dative: format!("{number}{hyphen}{}", apply_case(ending, dative)),
        guessed: false,
    })
}

/// The parts of a hyphenated word, each with the hyphen that follows it ("" for the last).
fn split_hyphens(word: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if is_hyphen(c) {
            out.push((&word[start..i], &word[i..i + c.len_utf8()]));
            start = i + c.len_utf8();
        }
    }
    out.push((&word[start..], ""));
    out
}

fn is_space(sep: &str) -> bool {
    sep.chars().all(char::is_whitespace)
}

/// A dash between words that starts a new phrase: «—», «–», or «-» with spaces around it.
fn is_dash(sep: &str) -> bool {
    let t = sep.trim();
    matches!(t, "—" | "–")
        || (t == "-" && sep.starts_with(char::is_whitespace) && sep.ends_with(char::is_whitespace))
}

/// Declines one phrase starting at token `i`; returns the replacements and the index where it
/// stopped.
fn phrase(tokens: &[Token<'_>], mut i: usize, shouting: bool) -> (Vec<(usize, Forms)>, usize) {
    let mut declined: Vec<(usize, Forms)> = Vec::new();
    while i < tokens.len() {
        let tok = &tokens[i];
        if !tok.word {
            if is_space(tok.text) {
                i += 1;
                continue;
            }
            break;
        }
        match analyze(tok.text, shouting) {
            Role::Skip => i += 1,
            Role::PrefixOrHead(f) => {
                let noun_follows = next_word(tokens, i)
                    .is_some_and(|k| matches!(analyze(tokens[k].text, shouting), Role::Head(_)));
                if !noun_follows {
                    declined.push((i, f));
                    break;
                }
                i += 1;
            }
            Role::Adjective(f) => {
                declined.push((i, f));
                i += 1;
            }
            Role::AdjectiveIfNounFollows(f) => {
                let noun_follows = next_word(tokens, i)
                    .is_some_and(|k| matches!(analyze(tokens[k].text, shouting), Role::Head(_)));
                if noun_follows {
                    declined.push((i, f));
                    i += 1;
                } else {
                    break;
                }
            }
            Role::Head(f) if f.guessed && disagrees(tokens, &declined, tok.text) => {
                // An unknown word in «-а»/«-я» after a masculine adjective is a genitive
                // («старший поезда»), not a feminine head: the adjective was the head.
                break;
            }
            Role::Head(f) => {
                declined.push((i, f));
                i += 1;
                // Adjectives after the head agree with it («врач-педиатр участковый»), unless
                // they start a phrase of their own (a noun follows them).
                while let Some(j) = next_word(tokens, i - 1) {
                    let Role::Adjective(f) = analyze(tokens[j].text, shouting) else {
                        break;
                    };
                    let noun_follows = next_word(tokens, j).is_some_and(|k| {
                        matches!(analyze(tokens[k].text, shouting), Role::Head(_))
                    });
                    if noun_follows {
                        break;
                    }
                    declined.push((j, f));
                    i = j + 1;
                }
                break;
            }
            Role::Stop => break,
        }
    }
    (declined, i)
}

/// Whether a guessed head noun `word` cannot agree with the adjective before it: a masculine
/// adjective («-ый», «-ий», «-ой») and a noun ending like a feminine one («-а», «-я»).
fn disagrees(tokens: &[Token<'_>], declined: &[(usize, Forms)], word: &str) -> bool {
    let Some(&(last, _)) = declined.last() else {
        return false;
    };
    let adjective = key(tokens[last].text);
    let noun = key(word);
    adjective.ends_with('й') && (noun.ends_with('а') || noun.ends_with('я'))
}

/// The index of the next word after token `i` if only spaces come between.
fn next_word(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < tokens.len() {
        if tokens[j].word {
            return Some(j);
        }
        if !is_space(tokens[j].text) {
            return None;
        }
        j += 1;
    }
    None
}

pub(crate) fn inflect(text: &str, case: Case) -> Inflected {
    let unchanged = Inflected {
        text: text.to_string(),
        source: Source::Unchanged,
    };
    if !text.chars().any(rules::is_cyrillic) {
        return unchanged;
    }
    let shouting = !text.chars().any(|c| c.is_lowercase());
    let tokens = tokenize(text);
    let mut replacements: Vec<(usize, Forms)> = Vec::new();
    let mut i = 0;
    let mut depth = 0i32;
    loop {
        let (mut declined, end) = phrase(&tokens, i, shouting);
        replacements.append(&mut declined);
        // Look for a dash outside brackets that starts the next phrase.
        let mut j = end;
        let mut next = None;
        while j < tokens.len() {
            let t = &tokens[j];
            if !t.word {
                if depth == 0 && is_dash(t.text) {
                    next = Some(j + 1);
                    break;
                }
                depth += t.text.matches(['(', '[', '«']).count() as i32;
                depth -= t.text.matches([')', ']', '»']).count() as i32;
                depth = depth.max(0);
            }
            j += 1;
        }
        match next {
            Some(n) if n < tokens.len() => i = n,
            _ => break,
        }
    }
    if replacements.is_empty() {
        return unchanged;
    }
    let guessed = replacements.iter().any(|(_, f)| f.guessed);
    let mut out = String::with_capacity(text.len() + 8);
    let mut r = replacements.iter().peekable();
    for (idx, tok) in tokens.iter().enumerate() {
        match r.peek() {
            Some((ri, f)) if *ri == idx => {
                out.push_str(f.get(case));
                r.next();
            }
            _ => out.push_str(tok.text),
        }
    }
    Inflected {
        text: out,
        source: if guessed { Source::Rule } else { Source::Table },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_every_byte() {
        let text = "  Инженер-технолог (цех №2),  SMM-менеджер — 1С ";
        let joined: String = tokenize(text).iter().map(|t| t.text).collect();
        assert_eq!(joined, text);
        let words: Vec<&str> = tokenize(text)
            .iter()
            .filter(|t| t.word)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            ["Инженер-технолог", "цех", "2", "SMM-менеджер", "1С"]
        );
    }

    #[test]
    fn capitalisation_follows_the_typed_word() {
        assert_eq!(apply_case("Главный", "главного"), "Главного");
        assert_eq!(apply_case("ГЛАВНЫЙ", "главного"), "ГЛАВНОГО");
        assert_eq!(apply_case("главный", "главного"), "главного");
        assert_eq!(apply_case("ПроДавец", "продавца"), "ПроДавца");
        assert_eq!(apply_case("контролер", "контролёра"), "контролера");
        assert_eq!(apply_case("Контролёр", "контролёра"), "Контролёра");
    }
}
