//! The one GOST R 7.0.97-2025 page geometry, read by the PDF layout engine and the DOCX writer.
//!
//! Every measure of the printed page lives here — page size, margins (validated and clamped
//! once), the column splits of the header block and the signature rows, the gaps between
//! blocks, caption and table text sizes, the acknowledgement sheet's columns — so that the PDF
//! and Word's (or LibreOffice's) rendering of the DOCX put the text in the same place. Vertical
//! gaps are in single lines of body text; each writer converts them with its font's line height.

use crate::document::{Margins, PageSettings};
use crate::validate::{Diagnostic, DiagnosticCode, Severity};

/// A4, portrait.
pub const PAGE_WIDTH_MM: f64 = 210.0;
pub const PAGE_HEIGHT_MM: f64 = 297.0;
/// First-line indent of body paragraphs (1.25 cm).
pub const FIRST_LINE_INDENT_MM: f64 = 12.5;
/// Longest line of the approval stamp (8 cm) …
pub const STAMP_MAX_WIDTH_MM: f64 = 80.0;
/// … and never more than this share of the text width.
pub const STAMP_MAX_SHARE: f64 = 0.55;
/// Least room between the requisites at the top left and the stamp.
pub const STAMP_GAP_MM: f64 = 6.0;
/// The requisites' column: half the text width, at least this.
pub const REQUISITES_MIN_WIDTH_MM: f64 = 40.0;
/// Distance from the page's top edge to the top of the page number (GOST: at least 10 mm).
pub const PAGE_NUMBER_TOP_MM: f64 = 10.0;
/// Size of the captions under signature lines (italic), at most the body size.
pub const CAPTION_SIZE_PT: f64 = 10.0;
/// Largest text size in the acknowledgement sheet.
pub const SHEET_TEXT_MAX_PT: f64 = 12.0;
/// Minimum height of an acknowledgement sheet row (room to sign).
pub const SHEET_ROW_MIN_HEIGHT_MM: f64 = 10.0;
/// Cell padding of the acknowledgement sheet.
pub const SHEET_CELL_PADDING_MM: f64 = 1.0;
/// Columns of the acknowledgement sheet (№, name, position, date, signature) for a 170 mm text
/// width, scaled to the real one; "Дата ознакомления" needs ~32 mm not to split mid-word.
pub const SHEET_COLUMNS_MM: [f64; 5] = [14.0, 55.0, 44.0, 32.0, 25.0];
/// Table rules.
pub const RULE_PT: f64 = 0.5;
/// A signature row: the position wraps within this share of the text width …
pub const SIGNATURE_POSITION_SHARE: f64 = 0.40;
/// … the signature line starts at this share …
pub const SIGNATURE_LINE_AT: f64 = 0.45;
/// … and the name follows the line after this gap.
pub const SIGNATURE_NAME_GAP_MM: f64 = 4.0;
/// A long name wraps right of the line; the line leaves at least this much room for it.
pub const SIGNATURE_NAME_MIN_MM: f64 = 20.0;

/// Vertical gaps, in single lines of body text.
pub mod gaps {
    /// Above the title.
    pub const TITLE_BEFORE: f64 = 1.5;
    /// Above a section heading, and below it.
    pub const SECTION_BEFORE: f64 = 1.0;
    pub const SECTION_AFTER: f64 = 0.25;
    /// Between the text and the author's signature.
    pub const AUTHOR_BEFORE: f64 = 2.0;
    /// Above each visa and the acknowledgement mark.
    pub const BLOCK_BEFORE: f64 = 1.5;
    /// Between the mark's text and its signature row.
    pub const MARK_ROW_BEFORE: f64 = 0.5;
    /// Above the date line of a visa or the mark.
    pub const DATE_BEFORE: f64 = 0.25;
    /// Between the requisites at the top left (organisation, kind, registration, place), and
    /// above the stamp's signature line.
    pub const REQUISITE: f64 = 0.5;
    /// Below the acknowledgement sheet's subtitle.
    pub const SHEET_SUBTITLE_AFTER: f64 = 1.0;
}

/// Limits page settings are clamped to (beyond GOST's own, which validation reports): the page
/// must keep a text block both writers can lay out.
pub const MARGIN_MAX_MM: f64 = 100.0;
pub const TEXT_WIDTH_MIN_MM: f64 = 60.0;
pub const TEXT_HEIGHT_MIN_MM: f64 = 100.0;
pub const FONT_SIZE_LIMITS_PT: (f64, f64) = (6.0, 36.0);
pub const LINE_SPACING_LIMITS: (f64, f64) = (0.8, 3.0);
/// A text column narrower than this is warned about: GOST's minimum margins give 180 mm.
pub const NARROW_TEXT_WIDTH_MM: f64 = 120.0;

/// The page as both writers lay it out: settings after clamping.
#[derive(Debug, Clone, PartialEq)]
pub struct PageGeometry {
    pub margins_mm: Margins,
    pub font_size_pt: f64,
    pub line_spacing: f64,
}

/// Where the header block's columns go, from the text's left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeaderColumns {
    pub requisites_mm: f64,
    pub gap_mm: f64,
    pub stamp_mm: f64,
}

impl PageGeometry {
    /// The geometry of `page`, and a warning for every setting that had to be changed or that
    /// leaves a narrow text column.
    pub fn of(page: &PageSettings) -> (PageGeometry, Vec<Diagnostic>) {
        let mut notes = Vec::new();
        let mut adjust = |name: &str, ru: &str, en: &str, value: f64, used: f64, unit: &str| {
            if value.to_bits() != used.to_bits() {
                let shown = if value.is_finite() {
                    format!("{value}")
                } else {
                    "—".to_owned()
                };
                notes.push(Diagnostic {
                    severity: Severity::Warning,
                    code: DiagnosticCode::PageSettingAdjusted,
                    path: format!("/page/{name}"),
                    message_ru: format!(
                        "{ru}: {shown} {unit} не помещается на странице, используется {used} {unit}."
                    ),
                    message_en: format!(
                        "{en}: {shown} {unit} does not fit the page; {used} {unit} is used."
                    ),
                });
            }
        };
        let finite = |v: f64, default: f64, (lo, hi): (f64, f64)| {
            if v.is_finite() {
                v.clamp(lo, hi)
            } else {
                default
            }
        };
        let defaults = PageSettings::default();
        let size = finite(
            page.font_size_pt,
            defaults.font_size_pt,
            FONT_SIZE_LIMITS_PT,
        );
        adjust(
            "font_size_pt",
            "Размер шрифта",
            "Font size",
            page.font_size_pt,
            size,
            "pt",
        );
        let spacing = finite(
            page.line_spacing,
            defaults.line_spacing,
            LINE_SPACING_LIMITS,
        );
        adjust(
            "line_spacing",
            "Межстрочный интервал",
            "Line spacing",
            page.line_spacing,
            spacing,
            "",
        );

        let m = &page.margins_mm;
        let d = &defaults.margins_mm;
        let limit = (0.0, MARGIN_MAX_MM);
        let (mut left, mut right) = (
            finite(m.left, d.left, limit),
            finite(m.right, d.right, limit),
        );
        let (mut top, mut bottom) = (
            finite(m.top, d.top, limit),
            finite(m.bottom, d.bottom, limit),
        );
        // Margins that leave too little text block shrink in proportion.
        let fit = |a: &mut f64, b: &mut f64, room: f64| {
            if *a + *b > room {
                let k = room / (*a + *b);
                *a = (*a * k * 10.0).floor() / 10.0;
                *b = (*b * k * 10.0).floor() / 10.0;
            }
        };
        fit(&mut left, &mut right, PAGE_WIDTH_MM - TEXT_WIDTH_MIN_MM);
        fit(&mut top, &mut bottom, PAGE_HEIGHT_MM - TEXT_HEIGHT_MIN_MM);
        for (name, ru, en, value, used) in [
            ("margins_mm/left", "Левое поле", "Left margin", m.left, left),
            (
                "margins_mm/right",
                "Правое поле",
                "Right margin",
                m.right,
                right,
            ),
            ("margins_mm/top", "Верхнее поле", "Top margin", m.top, top),
            (
                "margins_mm/bottom",
                "Нижнее поле",
                "Bottom margin",
                m.bottom,
                bottom,
            ),
        ] {
            adjust(name, ru, en, value, used, "мм");
        }
        // The unit in English messages.
        for n in &mut notes {
            n.message_en = n.message_en.replace(" мм", " mm");
        }
        let geometry = PageGeometry {
            margins_mm: Margins {
                top,
                bottom,
                left,
                right,
            },
            font_size_pt: size,
            line_spacing: spacing,
        };
        let width = geometry.text_width_mm();
        if width < NARROW_TEXT_WIDTH_MM {
            notes.push(Diagnostic {
                severity: Severity::Warning,
                code: DiagnosticCode::NarrowTextColumn,
                path: "/page/margins_mm".to_owned(),
                message_ru: format!(
                    "Поля оставляют для текста {width} мм (меньше {NARROW_TEXT_WIDTH_MM} мм): строки будут короткими, с частыми переносами."
                ),
                message_en: format!(
                    "The margins leave {width} mm for the text (less than {NARROW_TEXT_WIDTH_MM} mm): lines will be short and often hyphenated."
                ),
            });
        }
        (geometry, notes)
    }

    /// Width of the text block between the margins.
    pub fn text_width_mm(&self) -> f64 {
        PAGE_WIDTH_MM - self.margins_mm.left - self.margins_mm.right
    }

    /// The header block: requisites on the left, the approval stamp's column at the right margin.
    pub fn header_columns(&self) -> HeaderColumns {
        let w = self.text_width_mm();
        let stamp = STAMP_MAX_WIDTH_MM.min(w * STAMP_MAX_SHARE);
        let requisites = (w / 2.0)
            .min(w - stamp - STAMP_GAP_MM)
            .max(REQUISITES_MIN_WIDTH_MM);
        HeaderColumns {
            requisites_mm: requisites,
            gap_mm: (w - requisites - stamp).max(0.0),
            stamp_mm: stamp,
        }
    }

    /// From the text's left edge: where the signature line starts, and how wide the position's
    /// column is.
    pub fn signature_line_at_mm(&self) -> f64 {
        self.text_width_mm() * SIGNATURE_LINE_AT
    }

    pub fn signature_position_width_mm(&self) -> f64 {
        self.text_width_mm() * SIGNATURE_POSITION_SHARE
    }

    /// Column widths of the acknowledgement sheet, filling the text width exactly. On a text
    /// narrower than 170 mm the number and date columns keep their width (their headings
    /// «№ п/п», «Дата ознакомления» would break) and the others shrink.
    pub fn sheet_columns_mm(&self) -> [f64; 5] {
        let w = self.text_width_mm();
        let full: f64 = SHEET_COLUMNS_MM.iter().sum();
        let mut cols = if w >= full {
            SHEET_COLUMNS_MM.map(|c| c * w / full)
        } else {
            let fixed = SHEET_COLUMNS_MM[0] + SHEET_COLUMNS_MM[3];
            let scale = ((w - fixed) / (full - fixed)).max(0.0);
            let mut c = SHEET_COLUMNS_MM.map(|c| c * scale);
            c[0] = SHEET_COLUMNS_MM[0];
            c[3] = SHEET_COLUMNS_MM[3];
            c
        };
        cols[4] = w - cols[..4].iter().sum::<f64>();
        cols
    }

    pub fn caption_size_pt(&self) -> f64 {
        CAPTION_SIZE_PT.min(self.font_size_pt)
    }

    pub fn sheet_text_size_pt(&self) -> f64 {
        SHEET_TEXT_MAX_PT.min(self.font_size_pt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(size: f64, spacing: f64, [top, bottom, left, right]: [f64; 4]) -> PageSettings {
        PageSettings {
            font_size_pt: size,
            line_spacing: spacing,
            margins_mm: Margins {
                top,
                bottom,
                left,
                right,
            },
        }
    }

    #[test]
    fn gost_defaults_pass_unchanged() {
        let (g, notes) = PageGeometry::of(&PageSettings::default());
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(g.text_width_mm(), 170.0);
        let h = g.header_columns();
        assert_eq!(h.stamp_mm, 80.0);
        assert_eq!(h.requisites_mm, 84.0);
        assert_eq!(h.requisites_mm + h.gap_mm + h.stamp_mm, 170.0);
        let cols = g.sheet_columns_mm();
        assert!((cols.iter().sum::<f64>() - 170.0).abs() < 1e-9);
    }

    #[test]
    fn a_wide_margin_is_kept_but_warned_about() {
        let (g, notes) = PageGeometry::of(&page(14.0, 1.0, [20.0, 20.0, 90.0, 10.0]));
        assert_eq!(g.margins_mm.left, 90.0);
        assert_eq!(g.text_width_mm(), 110.0);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].code, DiagnosticCode::NarrowTextColumn);
        assert!(
            notes[0].message_en.contains("110 mm"),
            "{}",
            notes[0].message_en
        );
        // The stamp column shrinks to 55 % of a narrow text; the sheet keeps its number and
        // date columns.
        assert!((g.header_columns().stamp_mm - 60.5).abs() < 1e-9);
        let cols = g.sheet_columns_mm();
        assert_eq!((cols[0], cols[3]), (14.0, 32.0));
        assert!((cols.iter().sum::<f64>() - 110.0).abs() < 1e-9);
    }

    #[test]
    fn impossible_settings_are_clamped_once_with_a_warning_each() {
        let (g, notes) = PageGeometry::of(&page(f64::NAN, 9.0, [250.0, 20.0, 150.0, 120.0]));
        assert_eq!(g.font_size_pt, 14.0);
        assert_eq!(g.line_spacing, 3.0);
        assert!(g.text_width_mm() >= TEXT_WIDTH_MIN_MM - 0.2);
        assert!(
            PAGE_HEIGHT_MM - g.margins_mm.top - g.margins_mm.bottom >= TEXT_HEIGHT_MIN_MM - 0.2
        );
        let adjusted: Vec<&str> = notes
            .iter()
            .filter(|n| n.code == DiagnosticCode::PageSettingAdjusted)
            .map(|n| n.path.as_str())
            .collect();
        assert_eq!(
            adjusted,
            [
                "/page/font_size_pt",
                "/page/line_spacing",
                "/page/margins_mm/left",
                "/page/margins_mm/right",
                "/page/margins_mm/top",
            ]
        );
        assert!(notes.iter().all(|n| !n.message_en.contains("мм")));
    }
}
