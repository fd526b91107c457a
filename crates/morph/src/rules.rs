//! Guesses for words the table does not know, from the regular endings of nouns and adjectives
//! in the nominative singular. Every guess is reported as `Source::Rule`.

/// What an unknown word looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Guess {
    /// A noun in the nominative: its genitive and dative.
    Noun(String, String),
    /// An adjective or participle in the nominative («-ый», «-ий», «-ая», «-яя»).
    Adjective(String, String),
    /// «-ой»: a masculine adjective («береговой») only when a noun follows; alone it is more
    /// often a feminine instrumental («заведующий кассой»).
    AdjectiveIfNounFollows(String, String),
    /// Not a nominative singular (an oblique case, a plural, an adverb, a loanword in «-о»).
    Other,
}

const CONSONANTS: &str = "бвгджзклмнпрстфхцчшщ";
const VOWELS: &str = "аеёиоуыэюя";

/// Endings of oblique cases and plurals, which no title word in the nominative has (the few
/// nouns that do — «агроном», «казначей» — are in the table).
const NOT_NOMINATIVE: &[&str] = &[
    "ого", "его", "ому", "ему", "ых", "их", "ым", "им", "ую", "юю", "ами", "ями", "ах", "ях", "ам",
    "ям", "ом", "ем", "ью", "ей",
];

/// Agent suffixes: an unknown first part of a hyphenated title with one of them is a person
/// noun and declines with the second part («геоэколог-аналитик»); other unknown first parts
/// are loanword prefixes that do not («бэкенд-разработчик»).
const AGENT_SUFFIXES: &[&str] = &[
    "ист", "щик", "чик", "тель", "ник", "ик", "лог", "граф", "вед", "арь", "ёр", "ер", "ор",
];

pub(crate) fn is_agent_noun(word: &str) -> bool {
    AGENT_SUFFIXES.iter().any(|s| word.ends_with(s))
}

/// `word` is lower case, «ё» kept.
pub(crate) fn guess(word: &str) -> Guess {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 || !chars.iter().all(|c| is_cyrillic(*c)) {
        return Guess::Other;
    }
    if NOT_NOMINATIVE.iter().any(|s| word.ends_with(s)) {
        return Guess::Other;
    }
    let stem = |k: usize| chars[..n - k].iter().collect::<String>();
    // «-а» after a masculine agent noun is its genitive («грильщика»), not a feminine
    // nominative: typed text already in the genitive is left alone.
    if chars[n - 1] == 'а' && is_agent_noun(&stem(1)) {
        return Guess::Other;
    }
    let last = chars[n - 1];
    let prev = chars[n - 2];
    match (prev, last) {
        ('ы', 'й') => return adjective(stem(2), "ого", "ому"),
        ('о', 'й') => {
            return Guess::AdjectiveIfNounFollows(stem(2) + "ого", stem(2) + "ому");
        }
        ('и', 'й') if n >= 4 => {
            let before = chars[n - 3];
            return if "кгх".contains(before) {
                adjective(stem(2), "ого", "ому")
            } else if "жшчщ".contains(before) {
                adjective(stem(2), "его", "ему")
            } else if before == 'н' && !VOWELS.contains(chars[n - 4]) {
                // «внутренний», «средний»; but «помещений» is a genitive plural.
                adjective(stem(2), "его", "ему")
            } else {
                // A genitive plural («мероприятий», «помещений», «изделий»): far more common
                // in titles than an unknown noun in «-ий» («актуарий» is in the table).
                Guess::Other
            };
        }
        ('а', 'я') if n >= 3 => {
            let ending = if "жшчщ".contains(chars[n - 3]) {
                "ей"
            } else {
                "ой"
            };
            return adjective(stem(2), ending, ending);
        }
        ('я', 'я') => return adjective(stem(2), "ей", "ей"),
        ('о', 'е') => return adjective(stem(2), "ого", "ому"),
        ('е', 'е') => return adjective(stem(2), "его", "ему"),
        _ => {}
    }
    if CONSONANTS.contains(last) {
        // «-ец» loses its vowel («продавец» → «продавца», «боец» → «бойца»).
        if prev == 'е' && last == 'ц' && n > 4 {
            let base: String = chars[..n - 2].iter().collect();
            let base = if VOWELS.contains(chars[n - 3]) {
                base + "йц"
            } else {
                base + "ц"
            };
            return Guess::Noun(base.clone() + "а", base + "у");
        }
        // «-ёнок», «-онок» lose their vowel too («поварёнок» → «поварёнка»).
        if n > 5 && word.ends_with("нок") && matches!(chars[n - 4], 'ё' | 'о') {
            let base: String = chars[..n - 2].iter().chain(['к'].iter()).collect();
            return Guess::Noun(base.clone() + "а", base + "у");
        }
        return Guess::Noun(format!("{word}а"), format!("{word}у"));
    }
    match last {
        'ь' | 'й' => Guess::Noun(stem(1) + "я", stem(1) + "ю"),
        'а' => {
            let genitive = if "гкхжшчщ".contains(prev) {
                "и"
            } else {
                "ы"
            };
            Guess::Noun(stem(1) + genitive, stem(1) + "е")
        }
        'я' if prev == 'и' => Guess::Noun(stem(1) + "и", stem(1) + "и"),
        'я' => Guess::Noun(stem(1) + "и", stem(1) + "е"),
        _ => Guess::Other,
    }
}

fn adjective(stem: String, genitive: &str, dative: &str) -> Guess {
    Guess::Adjective(stem.clone() + genitive, stem + dative)
}

pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noun(g: &str, d: &str) -> Guess {
        Guess::Noun(g.into(), d.into())
    }

    fn adj(g: &str, d: &str) -> Guess {
        Guess::Adjective(g.into(), d.into())
    }

    #[test]
    fn nouns_by_ending() {
        assert_eq!(
            guess("геоинформатик"),
            noun("геоинформатика", "геоинформатику")
        );
        assert_eq!(guess("ловец"), noun("ловца", "ловцу"));
        assert_eq!(guess("пловец"), noun("пловца", "пловцу"));
        assert_eq!(guess("поварёнок"), noun("поварёнка", "поварёнку"));
        assert_eq!(guess("засольщица"), noun("засольщицы", "засольщице"));
        assert_eq!(guess("сортировщица"), noun("сортировщицы", "сортировщице"));
        assert_eq!(guess("пекарша"), noun("пекарши", "пекарше"));
        assert_eq!(guess("звонарь"), noun("звонаря", "звонарю"));
        assert_eq!(guess("лакей"), Guess::Other, "«-ей» is left to the table");
        assert_eq!(
            guess("секретарий"),
            Guess::Other,
            "read as a genitive plural"
        );
        assert_eq!(guess("нянька"), noun("няньки", "няньке"));
        assert_eq!(guess("коллега"), noun("коллеги", "коллеге"));
        assert_eq!(guess("грильщика"), Guess::Other, "a genitive");
        assert_eq!(guess("энтомолога"), Guess::Other, "a genitive");
    }

    #[test]
    fn adjectives_by_ending() {
        assert_eq!(guess("фискальный"), adj("фискального", "фискальному"));
        assert_eq!(
            guess("логистический"),
            adj("логистического", "логистическому")
        );
        assert_eq!(
            guess("обеспечивающий"),
            adj("обеспечивающего", "обеспечивающему")
        );
        assert_eq!(guess("средний"), adj("среднего", "среднему"));
        assert_eq!(guess("фискальная"), adj("фискальной", "фискальной"));
        assert_eq!(
            guess("обеспечивающая"),
            adj("обеспечивающей", "обеспечивающей")
        );
        assert_eq!(guess("средняя"), adj("средней", "средней"));
        assert_eq!(
            guess("береговой"),
            Guess::AdjectiveIfNounFollows("берегового".into(), "береговому".into())
        );
    }

    #[test]
    fn oblique_forms_and_loanwords_are_not_guessed() {
        for w in [
            "лабораторией",
            "производством",
            "мероприятий",
            "помещений",
            "изделий",
            "смены",
            "маркетингу",
            "ведущего",
            "клиентами",
            "бюро",
            "кафе",
            "и",
            "sales",
        ] {
            assert_eq!(guess(w), Guess::Other, "{w}");
        }
        // «-ов» is a noun ending too («зверолов»): only the table knows «отделов».
        assert_eq!(guess("зверолов"), noun("зверолова", "зверолову"));
    }
}
