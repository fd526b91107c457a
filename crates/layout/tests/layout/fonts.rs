//! The font set: metrics of Times New Roman, coverage, errors.

use jobdoc_layout::{FontError, FontSet, FontStyle};

#[test]
fn bundled_fonts_have_times_metrics_and_cyrillic() {
    let f = FontSet::bundled();
    // Times New Roman: space 0.25 em, single line 1.15 em (ascender + descender + gap).
    assert!((f.advance_pt(FontStyle::Regular, " ", 14.0) - 3.5).abs() < 0.001);
    assert!((f.line_height_pt(FontStyle::Regular, 14.0) - 14.0 * 1.15).abs() < 0.01);
    for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
        for c in "АБВабвёЁ«»„“—–№\u{a0}".chars() {
            assert!(f.has_glyph(style, c), "{style:?} lacks {c:?}");
            assert!(f.glyph_id(style, c).is_some());
        }
        assert!(!f.has_glyph(style, '₽'));
        assert!(!f.data(style).is_empty());
    }
    // Bold is wider than regular.
    let word = "Должностная инструкция";
    assert!(
        f.advance_pt(FontStyle::Bold, word, 14.0) > f.advance_pt(FontStyle::Regular, word, 14.0)
    );
    // Advances add up.
    let a = f.advance_pt(FontStyle::Regular, "ab", 12.0);
    let b =
        f.advance_pt(FontStyle::Regular, "a", 12.0) + f.advance_pt(FontStyle::Regular, "b", 12.0);
    assert!((a - b).abs() < 1e-4);
}

#[test]
fn invalid_font_files_are_a_typed_error() {
    let good = FontSet::bundled().data(FontStyle::Regular).to_vec();
    let err = FontSet::from_bytes(good.clone(), b"not a font".to_vec(), good.clone()).unwrap_err();
    assert!(
        matches!(
            err,
            FontError::Parse {
                style: FontStyle::Bold,
                ..
            }
        ),
        "{err}"
    );
    let err = FontSet::from_bytes(good.clone(), good.clone(), Vec::new()).unwrap_err();
    assert!(
        matches!(
            err,
            FontError::Parse {
                style: FontStyle::Italic,
                ..
            }
        ),
        "{err}"
    );
    let set = FontSet::from_bytes(good.clone(), good.clone(), good).expect("valid fonts");
    assert!(set.has_glyph(FontStyle::Bold, 'Ж'));
}
