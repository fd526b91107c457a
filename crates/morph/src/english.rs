//! English position titles: the title form is the position in title case.

/// Short words written in lower case inside a title (not first or last).
const SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "via", "with",
];

/// «key account manager» → «Key Account Manager», «head of sales and marketing» → «Head of
/// Sales and Marketing». Words that already have a capital after their first letter («HR»,
/// «iOS», «McKinsey») are kept as typed; each part of a hyphenated word is capitalised
/// («Vice-President»); small words (of, for, and, …) stay lower case unless first or last.
/// Spacing and punctuation are kept.
pub fn english_title_case(text: &str) -> String {
    let words: Vec<(usize, usize)> = word_spans(text);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (n, &(start, end)) in words.iter().enumerate() {
        out.push_str(&text[pos..start]);
        let word = &text[start..end];
        let edge = n == 0 || n + 1 == words.len();
        // A word after a colon or a dash starts again.
        let after_break = text[..start].trim_end().ends_with([':', '—', '–']);
        let mut first_part = true;
        for (i, part) in word.split('-').enumerate() {
            if i > 0 {
                out.push('-');
            }
            let lower = part.to_lowercase();
            let small = SMALL.contains(&lower.as_str()) && !edge && !after_break && first_part;
            if small || part.chars().skip(1).any(char::is_uppercase) {
                out.push_str(part);
            } else {
                let mut chars = part.chars();
                if let Some(c) = chars.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            first_part = false;
        }
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’' || (c == '-' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    // A trailing hyphen is not part of the word.
    spans
        .into_iter()
        .map(|(s, mut e)| {
            while e > s && text[..e].ends_with('-') {
                e -= 1;
            }
            (s, e)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::english_title_case as tc;

    #[test]
    fn title_case() {
        assert_eq!(tc("key account manager"), "Key Account Manager");
        assert_eq!(
            tc("head of sales and marketing"),
            "Head of Sales and Marketing"
        );
        assert_eq!(tc("HR business partner"), "HR Business Partner");
        assert_eq!(
            tc("vice-president for finance"),
            "Vice-President for Finance"
        );
        assert_eq!(
            tc("chief executive officer (CEO)"),
            "Chief Executive Officer (CEO)"
        );
        assert_eq!(tc("iOS developer"), "iOS Developer");
        assert_eq!(tc("manager of"), "Manager Of");
        assert_eq!(tc("  warehouse  worker "), "  Warehouse  Worker ");
        assert_eq!(tc("director (of operations)"), "Director (of Operations)");
        assert_eq!(tc("manager: of the year"), "Manager: Of the Year");
        assert_eq!(tc("sales manager - retail"), "Sales Manager - Retail");
        assert_eq!(tc(""), "");
    }
}
