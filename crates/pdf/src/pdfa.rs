//! What turns the plain PDF into PDF/A-1a (ISO 19005-1, level A): added to the lopdf document
//! after the pages are written, before the streams are deflated.
//!
//! - the identification and the document info as XMP metadata (an uncompressed `/Metadata`
//!   stream in the catalog; the info dictionary and the XMP say the same title, author,
//!   subject, tool, producer and dates);
//! - an sRGB output intent (`/GTS_PDFA1`) with the profile computed in `icc.rs`;
//! - a `/CIDSet` in the descriptor of every embedded CID font, listing the glyphs of the
//!   subset;
//! - the structure tree: the layout's [`Structure`] as `/StructElem` objects (document,
//!   headings, paragraphs, lists of clauses with their labels and bodies, tables of rows and
//!   cells), each element's kids the marked-content ids the content streams gave it (see
//!   `content.rs`) in reading order, then its child elements; the parent tree that maps each
//!   page's MCIDs back to their elements; `/MarkInfo << /Marked true >>`; `/StructParents` on
//!   every page. The language is the catalog's `/Lang`, written for every export.
//!
//! The rest of PDF/A-1 the plain writer already keeps: PDF 1.4 syntax with a classic
//! cross-reference table (no object or xref streams), every font embedded as a subset with a
//! `/ToUnicode` map, no transparency, no encryption, no actions, no external content, and a
//! file identifier in the trailer.

use jobdoc_layout::{NodeId, Pages, Role, Structure};
use jobdoc_model::resolve::Info;
use jobdoc_model::Timestamp;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::icc;
use crate::PdfError;

/// The XMP packet: PDF/A identification, Dublin Core title/creator/description, the tool,
/// producer and dates, exactly as the info dictionary has them.
pub(crate) fn xmp(info: &Info, created: Timestamp) -> String {
    let date = xmp_date(created);
    let mut x = String::with_capacity(2048);
    // The packet header's `begin` holds U+FEFF (the XMP byte order mark), as XMP asks.
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(
        "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n",
    );
    x.push_str("<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n");
    x.push_str("</rdf:Description>\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    x.push_str(&escape(&info.title));
    x.push_str("</rdf:li></rdf:Alt></dc:title>\n");
    if !info.author.is_empty() {
        x.push_str("<dc:creator><rdf:Seq><rdf:li>");
        x.push_str(&escape(&info.author));
        x.push_str("</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if !info.subject.is_empty() {
        x.push_str("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        x.push_str(&escape(&info.subject));
        x.push_str("</rdf:li></rdf:Alt></dc:description>\n");
    }
    x.push_str("<dc:language><rdf:Bag><rdf:li>");
    x.push_str(&escape(info.language_tag));
    x.push_str("</rdf:li></rdf:Bag></dc:language>\n");
    x.push_str("</rdf:Description>\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    x.push_str("<xmp:CreatorTool>Jobdoc</xmp:CreatorTool>\n");
    for key in ["CreateDate", "ModifyDate", "MetadataDate"] {
        x.push_str(&format!("<xmp:{key}>{date}</xmp:{key}>\n"));
    }
    x.push_str("</rdf:Description>\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    x.push_str("<pdf:Producer>Jobdoc</pdf:Producer>\n");
    x.push_str("</rdf:Description>\n");
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n");
    // Room to edit the packet in place, as XMP recommends.
    for _ in 0..8 {
        x.push_str(&" ".repeat(99));
        x.push('\n');
    }
    x.push_str("<?xpacket end=\"w\"?>");
    x
}

/// The stamp as an XMP date, to the second, in the zone it was written in: the same instant
/// and zone as the info dictionary's `D:` date.
fn xmp_date(t: Timestamp) -> String {
    let (date, h, m, s) = t.local();
    let zone = match t.offset_minutes() {
        0 => "Z".to_owned(),
        o => {
            let sign = if o < 0 { '-' } else { '+' };
            let o = o.unsigned_abs();
            format!("{sign}{:02}:{:02}", o / 60, o % 60)
        }
    };
    format!("{date}T{h:02}:{m:02}:{s:02}{zone}")
}

/// Text for XML character data. Characters XML 1.0 forbids are dropped here only (the info
/// dictionary keeps them); the model's validation already reports them.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// The elements of every page's MCIDs, in MCID order (what `content.rs` recorded).
pub(crate) type PageMcids = Vec<Vec<NodeId>>;

/// Adds metadata, output intent, CIDSets and the structure tree to the finished document.
pub(crate) fn make_archival(
    lo: &mut lopdf::Document,
    pages: &Pages,
    info: &Info,
    created: Timestamp,
    mcids: &PageMcids,
) -> Result<(), PdfError> {
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| writer("the document has no catalog"))?;
    let page_ids: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    if page_ids.len() != mcids.len() || page_ids.len() != pages.pages.len() {
        return Err(writer("the tagged pages do not match the page tree"));
    }

    let mut meta = Dictionary::new();
    meta.set("Type", "Metadata");
    meta.set("Subtype", "XML");
    let metadata = lo.add_object(Stream::new(meta, xmp(info, created).into_bytes()));

    let mut profile = Dictionary::new();
    profile.set("N", 3);
    let profile = lo.add_object(Stream::new(profile, icc::srgb_profile()));
    let mut intent = Dictionary::new();
    intent.set("Type", "OutputIntent");
    intent.set("S", "GTS_PDFA1");
    intent.set("OutputConditionIdentifier", literal(icc::SRGB_NAME));
    intent.set("RegistryName", literal("http://www.color.org"));
    intent.set("Info", literal(icc::SRGB_NAME));
    intent.set("DestOutputProfile", profile);

    add_cid_sets(lo)?;
    let tree = structure_tree(lo, &pages.structure, &page_ids, mcids)?;

    for (n, page) in page_ids.iter().enumerate() {
        let dict = lo
            .get_object_mut(*page)
            .and_then(Object::as_dict_mut)
            .map_err(|_| writer("a page is not a dictionary"))?;
        dict.set("StructParents", n as i64);
    }
    let catalog = lo
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|_| writer("the catalog is not a dictionary"))?;
    catalog.set("Metadata", metadata);
    catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    catalog.set("MarkInfo", mark_info);
    catalog.set("StructTreeRoot", tree);
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", viewer);
    Ok(())
}

fn writer(message: &str) -> PdfError {
    PdfError::Writer {
        message: message.into(),
    }
}

fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// A `/CIDSet` for every font descriptor with a TrueType program: one bit per CID (= glyph id
/// of the subset, the map being Identity), high bit first, every glyph of the program set.
fn add_cid_sets(lo: &mut lopdf::Document) -> Result<(), PdfError> {
    let mut found: Vec<(ObjectId, usize)> = Vec::new();
    for (&id, object) in &lo.objects {
        let Ok(dict) = object.as_dict() else { continue };
        if !dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"FontDescriptor")
        {
            continue;
        }
        let Ok(program) = dict.get(b"FontFile2").and_then(Object::as_reference) else {
            continue;
        };
        let glyphs = lo
            .get_object(program)
            .and_then(Object::as_stream)
            .ok()
            .and_then(|s| ttf_parser::Face::parse(&s.content, 0).ok())
            .map(|f| usize::from(f.number_of_glyphs()))
            .ok_or_else(|| writer("an embedded font program cannot be read back"))?;
        found.push((id, glyphs));
    }
    for (descriptor, glyphs) in found {
        let mut bits = vec![0u8; glyphs.div_ceil(8)];
        for cid in 0..glyphs {
            bits[cid / 8] |= 0x80 >> (cid % 8);
        }
        let set = lo.add_object(Stream::new(Dictionary::new(), bits));
        if let Ok(dict) = lo.get_object_mut(descriptor).and_then(Object::as_dict_mut) {
            dict.set("CIDSet", set);
        }
    }
    Ok(())
}

/// Where an element's content is: (page index, MCID).
type Mcr = (usize, usize);

/// Writes the structure elements and the parent tree; returns the `/StructTreeRoot`.
fn structure_tree(
    lo: &mut lopdf::Document,
    structure: &Structure,
    page_ids: &[ObjectId],
    mcids: &PageMcids,
) -> Result<ObjectId, PdfError> {
    let nodes = &structure.nodes;
    if nodes.first().map(|n| n.role) != Some(Role::Document) {
        return Err(writer("the structure has no document node"));
    }
    let mut content: Vec<Vec<Mcr>> = vec![Vec::new(); nodes.len()];
    for (page, list) in mcids.iter().enumerate() {
        for (mcid, &node) in list.iter().enumerate() {
            content
                .get_mut(node as usize)
                .ok_or_else(|| writer("marked content names an unknown element"))?
                .push((page, mcid));
        }
    }
    // Parents come before their children, so one backward pass finds the elements with
    // content somewhere below them.
    let mut has = content.iter().map(|c| !c.is_empty()).collect::<Vec<_>>();
    for n in (1..nodes.len()).rev() {
        match nodes[n].parent {
            Some(p) if (p as usize) < n => {
                if has[n] {
                    has[p as usize] = true;
                }
            }
            _ => return Err(writer("a structure element's parent comes after it")),
        }
    }
    // Empty elements are left out, except the cells and rows of a table that has content:
    // its grid stays whole.
    let keep: Vec<bool> = (0..nodes.len())
        .map(|n| {
            has[n]
                || match nodes[n].role {
                    Role::TR => nodes[n].parent.is_some_and(|t| has[t as usize]),
                    Role::TD | Role::TH => nodes[n]
                        .parent
                        .and_then(|r| nodes[r as usize].parent)
                        .is_some_and(|t| has[t as usize]),
                    _ => false,
                }
        })
        .collect();
    let ids: Vec<Option<ObjectId>> = keep
        .iter()
        .map(|&k| k.then(|| lo.new_object_id()))
        .collect();
    let root = lo.new_object_id();
    let mut children: Vec<Vec<ObjectId>> = vec![Vec::new(); nodes.len()];
    for (n, node) in nodes.iter().enumerate().skip(1) {
        if let (Some(id), Some(p)) = (ids[n], node.parent) {
            children[p as usize].push(id);
        }
    }
    for (n, node) in nodes.iter().enumerate() {
        let Some(id) = ids[n] else { continue };
        let mut dict = Dictionary::new();
        dict.set("Type", "StructElem");
        dict.set("S", node.role.name());
        let parent = match node.parent {
            Some(p) => ids[p as usize].ok_or_else(|| writer("a kept element lost its parent"))?,
            None => root,
        };
        dict.set("P", parent);
        let home = content[n].first().map(|&(page, _)| page);
        if let Some(page) = home {
            dict.set("Pg", page_ids[page]);
        }
        let mut kids: Vec<Object> = Vec::new();
        for &(page, mcid) in &content[n] {
            if Some(page) == home {
                kids.push(Object::Integer(mcid as i64));
            } else {
                let mut mcr = Dictionary::new();
                mcr.set("Type", "MCR");
                mcr.set("Pg", page_ids[page]);
                mcr.set("MCID", mcid as i64);
                kids.push(Object::Dictionary(mcr));
            }
        }
        kids.extend(children[n].iter().map(|&c| Object::Reference(c)));
        if !kids.is_empty() {
            dict.set("K", kids);
        }
        lo.objects.insert(id, Object::Dictionary(dict));
    }

    let mut nums: Vec<Object> = Vec::new();
    for (page, list) in mcids.iter().enumerate() {
        let parents: Vec<Object> = list
            .iter()
            .map(|&node| ids[node as usize].map(Object::Reference))
            .collect::<Option<_>>()
            .ok_or_else(|| writer("marked content without an element"))?;
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(parents));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", nums);
    let parent_tree = lo.add_object(parent_tree);
    let mut tree = Dictionary::new();
    tree.set("Type", "StructTreeRoot");
    if let Some(document) = ids[0] {
        tree.set("K", vec![Object::Reference(document)]);
    }
    tree.set("ParentTree", parent_tree);
    tree.set("ParentTreeNextKey", mcids.len() as i64);
    lo.objects.insert(root, Object::Dictionary(tree));
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_dates_name_the_same_instant_and_zone_as_the_info_dates() {
        let t: Timestamp = "2026-01-15T12:30:05+03:00".parse().unwrap();
        assert_eq!(xmp_date(t), "2026-01-15T12:30:05+03:00");
        assert_eq!(t.pdf_date(), "D:20260115123005+03'00'");
        let z: Timestamp = "2026-01-15T09:30:00.5Z".parse().unwrap();
        assert_eq!(xmp_date(z), "2026-01-15T09:30:00Z");
    }

    #[test]
    fn xmp_escapes_text_and_drops_what_xml_forbids() {
        let info = Info {
            title: "A & B <c> \u{1}".into(),
            author: String::new(),
            subject: String::new(),
            language_tag: "ru-RU",
        };
        let x = xmp(&info, Timestamp::from_unix(0));
        assert!(x.contains("A &amp; B &lt;c&gt; </rdf:li>"), "{x}");
        assert!(!x.contains("dc:creator"));
        assert!(x.contains("<pdfaid:part>1</pdfaid:part>"));
        assert!(x.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    }
}
