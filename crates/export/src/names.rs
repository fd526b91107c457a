//! Export file names that every common file system accepts, Windows' rules included.

use jobdoc_model::{Document, Language};

/// The placeholder replaced by the position's name in a file-name pattern.
pub const POSITION_PLACEHOLDER: &str = "<position>";

/// Longest base name produced, in characters (Windows allows 255 per path component; the
/// extension and a shared-drive prefix need room).
pub const MAX_NAME_CHARS: usize = 150;

/// The default file-name pattern in the document's language.
pub fn default_pattern(language: Language) -> &'static str {
    match language {
        Language::Ru => "Должностная инструкция — <position>",
        Language::En => "Job description — <position>",
    }
}

/// The base name (no extension) of an exported file: `pattern` with [`POSITION_PLACEHOLDER`]
/// replaced by the position's name, made safe by [`sanitize`].
pub fn export_base_name(pattern: &str, doc: &Document) -> String {
    let position = doc.position.name.trim();
    let position = if position.is_empty() {
        match doc.language {
            Language::Ru => "без названия",
            Language::En => "untitled",
        }
    } else {
        position
    };
    sanitize(&pattern.replace(POSITION_PLACEHOLDER, position))
}

const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

fn is_reserved(stem: &str) -> bool {
    let upper = stem.trim_end_matches([' ', '.']).to_uppercase();
    if RESERVED.contains(&upper.as_str()) {
        return true;
    }
    // COM1…COM9, LPT1…LPT9 (also with the superscript digits Windows treats the same way).
    for prefix in ["COM", "LPT"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if ('1'..='9').contains(&c) || matches!(c, '¹' | '²' | '³') {
                    return true;
                }
            }
        }
    }
    false
}

/// Makes `name` usable as a file name (without extension) on Windows, macOS and Linux:
/// characters `\ / : * ? " < > |` and control characters become `_`, runs of white space
/// become one space, leading spaces and trailing dots and spaces go, reserved device names
/// (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an extension) get a `_` appended,
/// the length is capped at [`MAX_NAME_CHARS`] characters, and an empty result becomes
/// `document`.
pub fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    let mut out: String = out.chars().take(MAX_NAME_CHARS).collect();
    while out.ends_with(['.', ' ']) {
        out.pop();
    }
    if out.is_empty() {
        return "document".to_owned();
    }
    let stem = out.split('.').next().unwrap_or("");
    if is_reserved(stem) {
        out.insert(stem.trim_end_matches([' ', '.']).len(), '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced() {
        assert_eq!(sanitize(r#"a\b/c:d*e?f"g<h>i|j"#), "a_b_c_d_e_f_g_h_i_j");
    }

    #[test]
    fn white_space_and_control_characters_collapse() {
        assert_eq!(sanitize("  a \t\n b\u{7}c  "), "a b c");
    }

    #[test]
    fn trailing_dots_and_spaces_are_removed() {
        assert_eq!(sanitize("name. . ."), "name");
        assert_eq!(sanitize("name ."), "name");
        assert_eq!(sanitize("..."), "document");
        assert_eq!(sanitize(""), "document");
        assert_eq!(sanitize(" \t "), "document");
    }

    #[test]
    fn reserved_device_names_are_changed() {
        for name in [
            "CON", "con", "Prn", "AUX", "nul", "COM1", "com9", "LPT1", "lpt9", "COM¹",
        ] {
            let safe = sanitize(name);
            assert_ne!(safe.to_uppercase(), name.to_uppercase(), "{name}");
            assert!(safe.ends_with('_'), "{name} -> {safe}");
        }
        assert_eq!(sanitize("CON.txt"), "CON_.txt");
        assert_eq!(sanitize("con .pdf"), "con_ .pdf");
        // Not reserved: longer names and COM0 / COM10.
        for name in ["CONSOLE", "COM0", "COM10", "LPT", "NULL", "Auxiliary"] {
            assert_eq!(sanitize(name), name);
        }
    }

    #[test]
    fn long_names_are_capped_on_a_character_boundary() {
        let long = "я".repeat(400);
        let safe = sanitize(&long);
        assert_eq!(safe.chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn the_pattern_takes_the_position() {
        let mut doc = Document::blank(Language::Ru, "id", "2026-01-01T00:00:00Z".parse().unwrap());
        doc.position.name = "менеджер по продажам / B2B".into();
        assert_eq!(
            export_base_name(default_pattern(Language::Ru), &doc),
            "Должностная инструкция — менеджер по продажам _ B2B"
        );
        doc.position.name = "  ".into();
        assert_eq!(
            export_base_name(default_pattern(Language::Ru), &doc),
            "Должностная инструкция — без названия"
        );
        doc.language = Language::En;
        doc.position.name = "Sales manager?".into();
        assert_eq!(
            export_base_name(default_pattern(Language::En), &doc),
            "Job description — Sales manager_"
        );
    }
}
