//! Child-element order of the OOXML (ECMA-376, transitional) property containers that this crate
//! writes. docx-rs emits several of them out of order (e.g. `w:rPr` first in `w:pPr`, `w:suff`
//! last in `w:lvl`, `w:basedOn` last in `w:style`); LibreOffice does not mind, Word may refuse the
//! file. [`order`] re-sorts the children of every listed container, stably, by the schema.

use crate::xml::{Element, Node};

/// The schema sequence of a container's children, or `None` for elements whose content is not a
/// property sequence (paragraphs, runs, cells keep their order).
fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        "w:abstractNum" => &[
            "w:nsid",
            "w:multiLevelType",
            "w:tmpl",
            "w:name",
            "w:styleLink",
            "w:numStyleLink",
            "w:lvl",
        ],
        "w:numPr" => &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
        "w:num" => &["w:abstractNumId", "w:lvlOverride"],
        "w:numbering" => &[
            "w:numPicBullet",
            "w:abstractNum",
            "w:num",
            "w:numIdMacAtCleanup",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:styles" => &["w:docDefaults", "w:latentStyles", "w:style"],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        ],
        // CT_TrPr is a choice, so any order of these is valid; only the revision marks must come
        // last. A fixed order keeps the output stable.
        "w:trPr" => &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
            "w:ins",
            "w:del",
            "w:trPrChange",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        "w:tblBorders" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
        ],
        "w:tcBorders" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblCellMar" | "w:tcMar" => {
            &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"]
        }
        "w:tbl" => &["w:bookmarkStart", "w:tblPr", "w:tblGrid", "w:tr"],
        "w:tr" => &["w:tblPrEx", "w:trPr", "w:tc"],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        _ => return None,
    })
}

/// Sorts the children of every property container under `element` (itself included) into
/// schema order. Children the schema list does not name keep their relative order, after the
/// named ones. Empty run properties (`<w:rPr/>`, which docx-rs writes into every paragraph and
/// run) are dropped: they say nothing.
pub fn order(element: &mut Element) {
    element.children.retain(|n| {
        !matches!(n, Node::Element(e) if e.name == "w:rPr" && e.children.is_empty() && e.attrs.is_empty())
    });
    if let Some(seq) = sequence(&element.name) {
        let rank = |n: &Node| match n {
            Node::Element(e) => seq.iter().position(|s| *s == e.name).unwrap_or(seq.len()),
            // Whitespace between property elements carries no meaning.
            Node::Text(_) => seq.len() + 1,
        };
        element.children.retain(|n| match n {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => true,
        });
        element.children.sort_by_key(rank);
    }
    for child in element.elements_mut() {
        order(child);
    }
}

/// Names of the containers whose order is checked; for tests.
pub fn is_ordered(element: &Element) -> Result<(), String> {
    if let Some(seq) = sequence(&element.name) {
        let mut last = 0;
        for child in element.elements() {
            let Some(r) = seq.iter().position(|s| *s == child.name) else {
                return Err(format!(
                    "<{}> not expected in <{}>",
                    child.name, element.name
                ));
            };
            if r < last {
                return Err(format!(
                    "<{}> out of order in <{}>",
                    child.name, element.name
                ));
            }
            last = r;
        }
    }
    element.elements().try_for_each(is_ordered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    #[test]
    fn sorts_level_children_and_keeps_text_containers() {
        let mut part = parse(
            "<w:abstractNum><w:lvl><w:start/><w:numFmt/><w:lvlText/><w:lvlJc/><w:pPr/><w:rPr/>\
             <w:pStyle/><w:suff/></w:lvl><w:multiLevelType/></w:abstractNum>",
        )
        .unwrap();
        order(&mut part.root);
        let mut out = String::new();
        part.root.write(&mut out);
        assert_eq!(
            out,
            "<w:abstractNum><w:multiLevelType/><w:lvl><w:start/><w:numFmt/><w:pStyle/><w:suff/>\
             <w:lvlText/><w:lvlJc/><w:pPr/></w:lvl></w:abstractNum>"
        );
        assert!(is_ordered(&part.root).is_ok());
        let p = parse("<w:p><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>").unwrap();
        let mut q = p.clone();
        order(&mut q.root);
        assert_eq!(p, q);
    }

    #[test]
    fn detects_disorder() {
        let part = parse("<w:pPr><w:rPr/><w:pStyle/></w:pPr>").unwrap();
        assert!(is_ordered(&part.root).is_err());
    }
}
