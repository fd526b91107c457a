//! Pages → PDF bytes: printpdf builds the document (catalog, page tree, fonts) as a lopdf
//! document, `content` writes each page's content stream into it, and `compress` deflates the
//! streams before lopdf serialises the file.

use std::collections::BTreeSet;

use jobdoc_layout::{FontStyle, Pages};
use jobdoc_model::resolve::Info;
use lopdf::{Object, StringFormat};
use printpdf::{
    Op, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect,
    TextItem,
};

use crate::content::{page_content, PageMarks};
use crate::fonts::{embed, EmbeddedFont};
use crate::hash::Fnv;
use crate::pdfa::{make_archival, PageMcids};
use crate::{Conformance, Glyphs, PdfError};

/// Characters below `64 * LOW_WORDS` are gathered in a bit table.
const LOW_WORDS: usize = 0x600 / 64;

const STYLES: [FontStyle; 3] = [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic];

pub(crate) fn style_index(style: FontStyle) -> usize {
    match style {
        FontStyle::Regular => 0,
        FontStyle::Bold => 1,
        FontStyle::Italic => 2,
    }
}

/// Characters that are never drawn: they have no glyph and no width.
pub(crate) fn drawn(c: char) -> bool {
    !c.is_control()
}

pub(crate) fn render(
    pages: &Pages,
    info: &Info,
    created: jobdoc_model::Timestamp,
    fonts: &dyn Glyphs,
    conformance: Conformance,
) -> Result<Vec<u8>, PdfError> {
    if pages.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    if !(pages.width_pt.is_finite()
        && pages.height_pt.is_finite()
        && pages.width_pt > 0.0
        && pages.height_pt > 0.0)
    {
        return Err(PdfError::PageSize {
            width_pt: pages.width_pt,
            height_pt: pages.height_pt,
        });
    }
    let pdf_date = created.pdf_date();

    // Which characters each style draws: Latin and Cyrillic in a bit table (a set insert per
    // character of a 60-page document was measurable), the rest in the set directly.
    let mut low = [[0u64; LOW_WORDS]; 3];
    let mut used: [BTreeSet<char>; 3] = Default::default();
    for page in &pages.pages {
        for line in &page.lines {
            for span in &line.spans {
                let i = style_index(span.style);
                for c in span.text.chars().filter(|&c| drawn(c)) {
                    match low[i].get_mut(c as usize / 64) {
                        Some(word) => *word |= 1 << (c as usize % 64),
                        None => {
                            used[i].insert(c);
                        }
                    }
                }
            }
        }
    }
    for (bits, set) in low.iter().zip(used.iter_mut()) {
        for (w, &word) in bits.iter().enumerate() {
            for b in (0..64).filter(|b| word & (1 << b) != 0) {
                set.extend(char::from_u32((w * 64 + b) as u32));
            }
        }
    }
    let tagged = conformance == Conformance::PdfA1a;
    if tagged {
        // The word breaks of a tagged PDF are spaces (see `content`).
        for set in used.iter_mut().filter(|s| !s.is_empty()) {
            set.insert(' ');
        }
    }
    let mut embedded: [Option<EmbeddedFont>; 3] = Default::default();
    for (i, style) in STYLES.into_iter().enumerate() {
        if !used[i].is_empty() {
            embedded[i] = Some(embed(fonts, style, &used[i], i)?);
        }
    }

    let mut doc = PdfDocument::new(&info.title);
    for font in embedded.iter().flatten() {
        doc.resources
            .fonts
            .map
            .insert(font.id.clone(), font.font.clone());
    }
    // printpdf learns which glyphs each font needs (for its `/W` widths and `/ToUnicode` map)
    // from the text the pages show. Our pages are written by `content` (see there why), so the
    // first page shows printpdf each font's characters once; its content stream is then
    // replaced like every other page's, and nothing of this inventory reaches the file.
    let mut inventory = vec![Op::StartTextSection];
    for font in embedded.iter().flatten() {
        inventory.push(Op::SetFont {
            font: PdfFontHandle::External(font.id.clone()),
            size: Pt(1.0),
        });
        inventory.push(Op::ShowText {
            items: vec![TextItem::Text(font.canonical_text())],
        });
    }
    inventory.push(Op::EndTextSection);
    doc.pages = pages
        .pages
        .iter()
        .enumerate()
        .map(|(n, _)| PdfPage {
            media_box: Rect::from_wh(Pt(pages.width_pt), Pt(pages.height_pt)),
            trim_box: Rect::from_wh(Pt(pages.width_pt), Pt(pages.height_pt)),
            crop_box: Rect::from_wh(Pt(pages.width_pt), Pt(pages.height_pt)),
            ops: if n == 0 {
                std::mem::take(&mut inventory)
            } else {
                Vec::new()
            },
        })
        .collect();

    let save = PdfSaveOptions {
        optimize: false,
        // Subsetting is done before (see `fonts`); printpdf's own needs `text_layout`.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Writer {
            message: w.msg.clone(),
        });
    }

    let mcids = set_contents(&mut lo, pages, &embedded, tagged)?;
    finish(&mut lo, pages, info, &pdf_date, conformance)?;
    if tagged {
        make_archival(&mut lo, pages, info, created, &mcids)?;
    }
    compress(&mut lo, tagged);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(PdfError::Write)?;
    Ok(bytes)
}

/// Puts each page's own content stream (written by `content`) in place of printpdf's; when
/// `tagged`, with marked content, returning the element of each page's every MCID.
fn set_contents(
    lo: &mut lopdf::Document,
    pages: &Pages,
    fonts: &[Option<EmbeddedFont>; 3],
    tagged: bool,
) -> Result<PageMcids, PdfError> {
    let mut all: PageMcids = Vec::new();
    let page_ids = lo.get_pages();
    if page_ids.len() != pages.pages.len() {
        return Err(PdfError::Writer {
            message: format!(
                "the page tree holds {} pages instead of {}",
                page_ids.len(),
                pages.pages.len()
            ),
        });
    }
    for (page, page_id) in pages.pages.iter().zip(page_ids.values()) {
        let contents = lo
            .get_dictionary(*page_id)
            .and_then(|d| d.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|_| PdfError::Writer {
                message: "a page has no content stream".into(),
            })?;
        let mut bytes = Vec::new();
        if tagged {
            let mut marks = PageMarks {
                structure: &pages.structure,
                mcids: Vec::new(),
            };
            page_content(page, pages.height_pt, fonts, &mut bytes, Some(&mut marks));
            all.push(marks.mcids);
        } else {
            page_content(page, pages.height_pt, fonts, &mut bytes, None);
        }
        lo.objects.insert(
            contents,
            Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), bytes)),
        );
    }
    Ok(all)
}

/// Deflates every stream not yet filtered, with flate2's zlib-rs backend (what the app and the
/// CLI link, see Cargo.toml). lopdf's `compress` uses the best (slowest) level. Page contents
/// and the small streams get level 3: on the 58-page `generate::instruction(1000, 1)` 7.8 ms
/// for 170 KB, where level 6 takes 8.9 ms for 165 KB and level 2 6.8 ms for 179 KB. The font
/// programs (the `/Length1` streams) get level 1: the 5-page template's three subsets (53 KB)
/// deflate in 0.45 ms to 39 KB instead of 0.97 ms to 33.5 KB at level 3 (criterion, whole
/// export: 2.96 ms and 59 KB at level 1, 3.40 ms and 54 KB at level 2). Each level's
/// compressor serves all its streams: a new one allocates and clears its tables (~300 KB for
/// miniz), which cost as much as deflating a page.
///
/// With `clean_ends` (PDF/A), no stream may end in a carriage return or line feed: lopdf puts
/// a line feed before `endstream`, and a reader then cannot tell the data's last byte from the
/// end-of-line marker, so `/Length` looks one byte too long (ISO 19005-1 6.1.7). Such a stream
/// is deflated at the other level, or else stored as it is.
fn compress(lo: &mut lopdf::Document, clean_ends: bool) {
    let mut fast = flate2::Compress::new(flate2::Compression::new(FONT_LEVEL), true);
    let mut normal = flate2::Compress::new(flate2::Compression::new(LEVEL), true);
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        // PDF/A-1 wants the XMP metadata readable without a filter (ISO 19005-1 6.7.2).
        let metadata = stream
            .dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Metadata");
        if stream.dict.get(b"Filter").is_ok() || stream.content.len() < 64 || metadata {
            continue;
        }
        let (deflater, other) = if stream.dict.has(b"Length1") {
            (&mut fast, &mut normal)
        } else {
            (&mut normal, &mut fast)
        };
        let ends_in_eol = |bytes: &[u8]| matches!(bytes.last(), Some(b'\r' | b'\n'));
        let mut packed = deflate(deflater, &stream.content);
        if clean_ends && packed.as_deref().is_some_and(ends_in_eol) {
            packed = deflate(other, &stream.content).filter(|p| !ends_in_eol(p));
        }
        if let Some(packed) = packed {
            if packed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
}

/// One zlib stream of `input`, or `None` if the compressor failed (the stream then stays
/// unfiltered).
fn deflate(deflater: &mut flate2::Compress, input: &[u8]) -> Option<Vec<u8>> {
    deflater.reset();
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let consumed = usize::try_from(deflater.total_in()).ok()?;
        let status = deflater
            .compress_vec(
                input.get(consumed..)?,
                &mut out,
                flate2::FlushCompress::Finish,
            )
            .ok()?;
        match status {
            flate2::Status::StreamEnd => return Some(out),
            flate2::Status::Ok | flate2::Status::BufError => {
                out.reserve(out.capacity().max(256));
            }
        }
    }
}

const LEVEL: u32 = 3;
const FONT_LEVEL: u32 = 1;

/// What printpdf cannot set: the document info as we want it, /Lang, and an ID derived from
/// the content instead of a random one.
fn finish(
    lo: &mut lopdf::Document,
    pages: &Pages,
    info: &Info,
    pdf_date: &str,
    conformance: Conformance,
) -> Result<(), PdfError> {
    lo.version = "1.4".into();
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| PdfError::Writer {
            message: "the document has no catalog".into(),
        })?;
    if let Ok(catalog) = lo.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set(
            "Lang",
            Object::String(info.language_tag.as_bytes().to_vec(), StringFormat::Literal),
        );
    }

    let mut dict = lopdf::Dictionary::new();
    dict.set("Title", text_string(&info.title));
    if !info.author.is_empty() {
        dict.set("Author", text_string(&info.author));
    }
    if !info.subject.is_empty() {
        dict.set("Subject", text_string(&info.subject));
    }
    dict.set("Creator", text_string("Jobdoc"));
    dict.set("Producer", text_string("Jobdoc"));
    let date = Object::String(pdf_date.as_bytes().to_vec(), StringFormat::Literal);
    dict.set("CreationDate", date.clone());
    dict.set("ModDate", date);
    match lo.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            lo.objects.insert(id, Object::Dictionary(dict));
        }
        Err(_) => {
            let id = lo.add_object(dict);
            lo.trailer.set("Info", id);
        }
    }

    let mut id = content_id(pages, info, pdf_date);
    if conformance == Conformance::PdfA1a {
        // Another file than the plain one of the same document: another identifier.
        for b in &mut id {
            *b ^= 0xa1;
        }
    }
    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}

/// A PDF text string: plain bytes for printable ASCII, else UTF-16BE with a byte order mark.
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The file identifier: 16 bytes hashed from everything that is printed, so the same input
/// gives the same file and a different one (almost surely) a different ID.
fn content_id(pages: &Pages, info: &Info, pdf_date: &str) -> [u8; 16] {
    let mut a = Fnv::new();
    let mut b = Fnv::with_basis(0x6c62_272e_07bb_0142);
    let mut write = |bytes: &[u8]| {
        a.write(bytes);
        b.write(bytes);
    };
    for s in [
        info.title.as_str(),
        info.author.as_str(),
        info.subject.as_str(),
        info.language_tag,
        pdf_date,
    ] {
        write(s.as_bytes());
        write(&[0xff]);
    }
    write(&pages.width_pt.to_bits().to_be_bytes());
    write(&pages.height_pt.to_bits().to_be_bytes());
    for page in &pages.pages {
        write(b"P");
        for line in &page.lines {
            write(&line.y_pt.to_bits().to_be_bytes());
            for span in &line.spans {
                write(&span.x_pt.to_bits().to_be_bytes());
                write(&span.size_pt.to_bits().to_be_bytes());
                write(&[style_index(span.style) as u8]);
                write(span.text.as_bytes());
                write(&[0xff]);
            }
        }
        for rule in &page.rules {
            for v in [
                rule.x1_pt,
                rule.y1_pt,
                rule.x2_pt,
                rule.y2_pt,
                rule.thickness_pt,
            ] {
                write(&v.to_bits().to_be_bytes());
            }
        }
    }
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&a.finish().to_be_bytes());
    id[8..].copy_from_slice(&b.finish().to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use jobdoc_layout::{Line, Page, Pages, Rule, Span};

    use super::*;
    use crate::test_fonts::Bundled;

    fn span(x: f32, text: &str, style: FontStyle) -> Span {
        Span {
            x_pt: x,
            text: text.into(),
            style,
            size_pt: 14.0,
            width_pt: 0.0,
            tag: jobdoc_layout::Tag::Artifact,
        }
    }

    fn sample() -> (Pages, Info) {
        let page = Page {
            lines: vec![
                Line {
                    y_pt: 80.0,
                    spans: vec![span(300.0, "УТВЕРЖДАЮ", FontStyle::Regular)],
                },
                Line {
                    y_pt: 120.0,
                    spans: vec![
                        span(57.0, "1.1.", FontStyle::Regular),
                        span(90.0, "Менеджер", FontStyle::Regular),
                        span(170.0, "отвечает\u{a0}— за", FontStyle::Bold),
                        span(260.0, "клиентов.", FontStyle::Italic),
                    ],
                },
            ],
            rules: vec![Rule {
                x1_pt: 57.0,
                y1_pt: 130.0,
                x2_pt: 500.0,
                y2_pt: 130.0,
                thickness_pt: 0.5,
            }],
        };
        let pages = Pages {
            width_pt: 595.28,
            height_pt: 841.89,
            pages: vec![page.clone(), page],
            structure: jobdoc_layout::Structure::new(),
            warnings: vec![],
        };
        let info = Info {
            title: "Должностная инструкция менеджера".into(),
            author: "И. И. Иванов".into(),
            subject: "ООО «Ромашка»".into(),
            language_tag: "ru-RU",
        };
        (pages, info)
    }

    #[test]
    fn deterministic_and_readable() {
        let (pages, info) = sample();
        let t = |s: &str| s.parse().unwrap();
        let a = render(
            &pages,
            &info,
            t("2026-01-15T09:30:00Z"),
            &Bundled,
            Conformance::Plain,
        )
        .unwrap();
        let b = render(
            &pages,
            &info,
            t("2026-01-15T09:30:00Z"),
            &Bundled,
            Conformance::Plain,
        )
        .unwrap();
        assert_eq!(a, b);
        let c = render(
            &pages,
            &info,
            t("2026-01-16T09:30:00Z"),
            &Bundled,
            Conformance::Plain,
        )
        .unwrap();
        assert_ne!(a, c);
    }

    #[test]
    fn errors() {
        let (mut pages, info) = sample();
        pages.pages.clear();
        assert!(matches!(
            render(
                &pages,
                &info,
                "2026-01-15T09:30:00Z".parse().unwrap(),
                &Bundled,
                Conformance::Plain
            ),
            Err(PdfError::NoPages)
        ));
    }
}
