"""A hand-written OOXML writer: what python-docx cannot write (w:caps, numbering definitions,
mc:AlternateContent text boxes, fields, tracked changes, Russian-Word style ids)."""
from __future__ import annotations

import hashlib
import zipfile
from xml.sax.saxutils import escape

from .ir import Para, Table, Run, Cell, iter_paras

NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 w15 wp14"'
)
NS_GDOCS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:lc="http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas" '
    'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
    'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
    'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
    'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
    'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
    'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh"'
)

# logical style key -> (Russian-Word id, English id, name, type, pPr, rPr, based_on)
STYLES = {
    "normal": ("a", "Normal", "Normal", "paragraph", "", "", None),
    "heading1": ("1", "Heading1", "heading 1", "paragraph",
                 '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
                 '<w:b/><w:sz w:val="28"/>', "normal"),
    "heading2": ("2", "Heading2", "heading 2", "paragraph",
                 '<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/>',
                 '<w:b/>', "normal"),
    "title": ("a9", "Title", "Title", "paragraph", '<w:jc w:val="center"/>', '<w:b/><w:sz w:val="32"/>', "normal"),
    "header": ("a3", "Header", "header", "paragraph",
               '<w:tabs><w:tab w:val="center" w:pos="4677"/><w:tab w:val="right" w:pos="9355"/></w:tabs>', "", "normal"),
    "footer": ("a5", "Footer", "footer", "paragraph",
               '<w:tabs><w:tab w:val="center" w:pos="4677"/><w:tab w:val="right" w:pos="9355"/></w:tabs>', "", "normal"),
    "listparagraph": ("a7", "ListParagraph", "List Paragraph", "paragraph", '<w:ind w:left="720"/><w:contextualSpacing/>', "", "normal"),
    "bodytext": ("aa", "BodyText", "Body Text", "paragraph", '<w:spacing w:after="120"/>', "", "normal"),
    "nospacing": ("ac", "NoSpacing", "No Spacing", "paragraph", "", "", None),
    "consnormal": ("ConsPlusNormal", "ConsPlusNormal", "ConsPlusNormal", "paragraph",
                   '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>',
                   '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="20"/>', None),
    "consnonformat": ("ConsPlusNonformat", "ConsPlusNonformat", "ConsPlusNonformat", "paragraph",
                      '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>',
                      '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="20"/>', None),
    "constitle": ("ConsPlusTitle", "ConsPlusTitle", "ConsPlusTitle", "paragraph",
                  '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>',
                  '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:b/><w:sz w:val="20"/>', None),
    # paragraph styles that carry list levels (numbering only through w:pStyle)
    "di-section": ("ad", "DISection", "ДИ Раздел", "paragraph", '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>', "<w:b/>", "normal"),
    "di-clause": ("ae", "DIClause", "ДИ Пункт", "paragraph", '<w:jc w:val="both"/>', "", "normal"),
    "di-sub": ("af", "DISub", "ДИ Подпункт", "paragraph", '<w:jc w:val="both"/>', "", "normal"),
    "tablegrid": ("a8", "TableGrid", "Table Grid", "table", "", "", None),
}


def _t(text: str) -> str:
    return '<w:t xml:space="preserve">' + escape(text) + "</w:t>"


class Writer:
    def __init__(self, flavour: str, lang: str, font: str = "Times New Roman", size: float = 14,
                 title: str = "", author: str = "", app: str | None = None):
        self.flavour = flavour            # word-ru | word-en | gdocs
        self.lang = lang
        self.font = font
        self.size = size
        self.title = title
        self.author = author
        self.app = app
        self.used_styles = {"normal"}
        self.lists = {}                   # listdef id -> ListDef
        self.nums = {}                    # num id -> Num
        self.rels = []                    # extra relationships (id, type, target)
        self.shape_id = 0
        self.rsid_n = 0
        self.change_id = 0
        self.word2007 = False             # docProps/app.xml and compatibility mode of Word 2007

    # ---- ids
    def sid(self, key):
        self.used_styles.add(key)
        st = STYLES[key]
        return st[0] if self.flavour == "word-ru" else st[1]

    def rsid(self):
        self.rsid_n += 1
        h = hashlib.md5(f"{self.title}{self.rsid_n // 7}".encode()).hexdigest()[:6].upper()
        return "00" + h

    # ---- runs
    def rpr(self, r: Run) -> str:
        out = []
        if self.flavour == "gdocs":
            f = r.font or self.font
            out.append(f'<w:rFonts w:ascii="{f}" w:cs="{f}" w:eastAsia="{f}" w:hAnsi="{f}"/>')
        elif r.font:
            out.append(f'<w:rFonts w:ascii="{r.font}" w:hAnsi="{r.font}" w:cs="{r.font}"/>')
        if r.b:
            out.append("<w:b/>")
        if r.i:
            out.append("<w:i/>")
        if r.caps:
            out.append("<w:caps/>")
        if r.u:
            out.append('<w:u w:val="single"/>')
        if r.size:
            out.append(f'<w:sz w:val="{int(r.size * 2)}"/><w:szCs w:val="{int(r.size * 2)}"/>')
        if self.flavour == "gdocs":
            out.append('<w:rtl w:val="0"/>')
        return "<w:rPr>" + "".join(out) + "</w:rPr>" if out else ""

    def run(self, r: Run) -> str:
        rp = self.rpr(r)
        if r.kind == "text":
            return "<w:r>" + rp + _t(r.text) + "</w:r>"
        if r.kind == "tab":
            return "<w:r>" + rp + "<w:tab/></w:r>"
        if r.kind == "br":
            return "<w:r>" + rp + "<w:br/></w:r>"
        if r.kind == "pagebreak":
            return "<w:r>" + rp + '<w:br w:type="page"/></w:r>'
        if r.kind == "shy":
            return "<w:r>" + rp + "<w:softHyphen/></w:r>"
        if r.kind == "field":
            return ("<w:r>" + rp + '<w:fldChar w:fldCharType="begin"/></w:r>'
                    "<w:r>" + rp + f'<w:instrText xml:space="preserve"> {r.instr} </w:instrText></w:r>'
                    "<w:r>" + rp + '<w:fldChar w:fldCharType="separate"/></w:r>'
                    "<w:r>" + rp + _t(r.text) + "</w:r>"
                    "<w:r>" + rp + '<w:fldChar w:fldCharType="end"/></w:r>')
        if r.kind in ("del", "ins"):
            self.change_id += 1
            tag = "w:del" if r.kind == "del" else "w:ins"
            inner = ('<w:delText xml:space="preserve">' + escape(r.text) + "</w:delText>") if r.kind == "del" else _t(r.text)
            return (f'<{tag} w:id="{self.change_id}" w:author="Кадровик" w:date="2024-02-12T09:41:00Z">'
                    "<w:r>" + rp + inner + f"</w:r></{tag}>")
        if r.kind == "textbox":
            return self.textbox(r)
        raise ValueError(r.kind)

    def textbox(self, r: Run) -> str:
        self.shape_id += 1
        n = self.shape_id
        inner = "".join(self.block(b) for b in r.box)
        cx, cy = 2880000, 1440000
        name = "Надпись" if self.lang == "ru" else "Text Box"
        choice = (
            '<mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="{251659264 + n}" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>3240000</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapSquare wrapText="bothSides"/>'
            f'<wp:docPr id="{n}" name="{name} {n}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
            '<a:ln w="9525"><a:noFill/><a:miter lim="800000"/><a:headEnd/><a:tailEnd/></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>'
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0">'
            '<a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        )
        fallback = (
            '<mc:Fallback><w:pict>'
            f'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
            '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            f'<v:shape id="{name} {n}" o:spid="_x0000_s{1025 + n}" type="#_x0000_t202" '
            'style="position:absolute;margin-left:255.1pt;margin-top:0;width:226.8pt;height:113.4pt;z-index:251659264;'
            'visibility:visible;mso-wrap-style:square;mso-width-percent:0;mso-height-percent:200;mso-wrap-distance-left:9pt;'
            'mso-wrap-distance-top:3.6pt;mso-wrap-distance-right:9pt;mso-wrap-distance-bottom:3.6pt;'
            'mso-position-horizontal:absolute;mso-position-horizontal-relative:text;mso-position-vertical:absolute;'
            'mso-position-vertical-relative:text;mso-height-percent:200;mso-width-relative:margin;mso-height-relative:margin;'
            'v-text-anchor:top" stroked="f">'
            f'<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
            '<w10:wrap type="square"/></v:shape></w:pict></mc:Fallback>'
        )
        return "<w:r><mc:AlternateContent>" + choice + fallback + "</mc:AlternateContent></w:r>"

    # ---- paragraphs and tables
    def ppr(self, p: Para) -> str:
        out = []
        if p.style:
            out.append(f'<w:pStyle w:val="{self.sid(p.style)}"/>')
        if p.keep_next:
            out.append("<w:keepNext/>")
        if p.page_break:
            out.append("<w:pageBreakBefore/>")
        if p.num and p.num[1] is not None:
            num, ilvl = p.num
            self.nums[num.id] = num
            self.lists[num.listdef.id] = num.listdef
            out.append(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{self._numid(num)}"/></w:numPr>')
        if p.tabs:
            out.append("<w:tabs>" + "".join(f'<w:tab w:val="{a}" w:pos="{pos}"/>' for pos, a in p.tabs) + "</w:tabs>")
        if self.flavour == "gdocs":
            out.append('<w:spacing w:after="0" w:before="0" w:line="276" w:lineRule="auto"/>')
        elif p.space_after is not None:
            out.append(f'<w:spacing w:after="{p.space_after}"/>')
        ind = []
        if p.ind_left is not None:
            ind.append(f'w:left="{p.ind_left}"')
        if p.ind_hanging is not None:
            ind.append(f'w:hanging="{p.ind_hanging}"')
        elif p.ind_first is not None:
            ind.append(f'w:firstLine="{p.ind_first}"')
        if ind:
            out.append("<w:ind " + " ".join(ind) + "/>")
        if p.align:
            out.append(f'<w:jc w:val="{p.align}"/>')
        return "<w:pPr>" + "".join(out) + "</w:pPr>" if out else ""

    def _numid(self, num):
        return self._numids.setdefault(num.id, len(self._numids) + 1)

    _numids: dict

    def para(self, p: Para) -> str:
        attrs = ""
        if self.flavour != "gdocs":
            r = self.rsid()
            attrs = f' w:rsidR="{r}" w:rsidRDefault="{r}"'
        return f"<w:p{attrs}>" + self.ppr(p) + "".join(self.run(r) for r in p.runs) + "</w:p>"

    def table(self, t: Table) -> str:
        ncols = max(sum(c.span for c in row) for row in t.rows)
        widths = t.widths or [9355 // ncols] * ncols
        bval = "single" if t.borders else "none"
        sz = 4 if t.borders else 0
        borders = "".join(f'<w:{s} w:val="{bval}" w:sz="{sz}" w:space="0" w:color="auto"/>'
                          for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        style = f'<w:tblStyle w:val="{self.sid("tablegrid")}"/>' if t.borders else ""
        out = ["<w:tbl><w:tblPr>" + style + '<w:tblW w:w="0" w:type="auto"/>'
               f"<w:tblBorders>{borders}</w:tblBorders>"
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
               "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
        for row in t.rows:
            out.append("<w:tr>")
            col = 0
            for c in row:
                w = sum(widths[col:col + c.span])
                col += c.span
                tcpr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
                if c.span > 1:
                    tcpr += f'<w:gridSpan w:val="{c.span}"/>'
                if c.shade:
                    tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{c.shade}"/>'
                inner = "".join(self.block(b) for b in c.blocks)
                if not c.blocks or not isinstance(c.blocks[-1], Para):
                    inner += "<w:p/>"
                out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{inner}</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def block(self, b) -> str:
        if isinstance(b, Para) and b.sdt:
            self.shape_id += 1
            return ('<w:sdt><w:sdtPr><w:alias w:val="Поле"/><w:tag w:val="field%d"/><w:id w:val="%d"/>'
                    '<w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent>' % (self.shape_id, 100000 + self.shape_id)
                    + self.para(b) + "</w:sdtContent></w:sdt>")
        return self.para(b) if isinstance(b, Para) else self.table(b)

    # ---- parts
    def numbering_xml(self) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ' +
               (NS if self.flavour != "gdocs" else NS_GDOCS) + ">"]
        absids = {}
        for ld in self.lists.values():
            absids[ld.id] = len(absids)
            a = absids[ld.id]
            nsid = hashlib.md5(f"{self.title}{a}".encode()).hexdigest()[:8].upper()
            mlt = "hybridMultilevel" if not ld.multi else "multilevel"
            xs = [f'<w:abstractNum w:abstractNumId="{a}">']
            if self.flavour != "gdocs":
                xs.append(f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="{mlt}"/><w:tmpl w:val="{nsid[::-1]}"/>')
            levels = list(ld.levels)
            while len(levels) < 9:
                from .ir import Level
                k = len(levels) + 1
                levels.append(Level("decimal", ".".join(f"%{i}" for i in range(1, k + 1)) + ".", left=360 * k + 360, hanging=360))
            for i, lv in enumerate(levels):
                x = f'<w:lvl w:ilvl="{i}">'
                x += f'<w:start w:val="{lv.start}"/><w:numFmt w:val="{lv.fmt}"/>'
                if lv.pstyle:
                    x += f'<w:pStyle w:val="{self.sid(lv.pstyle)}"/>'
                if lv.is_lgl:
                    x += "<w:isLgl/>"
                if lv.suffix != "tab":
                    x += f'<w:suff w:val="{lv.suffix}"/>'
                x += f'<w:lvlText w:val="{escape(lv.text, {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/>'
                ind = f'w:left="{lv.left}"'
                if lv.hanging:
                    ind += f' w:hanging="{lv.hanging}"'
                elif lv.first:
                    ind += f' w:firstLine="{lv.first}"'
                x += f"<w:pPr><w:ind {ind}/></w:pPr>"
                if lv.font:
                    x += f'<w:rPr><w:rFonts w:ascii="{lv.font}" w:hAnsi="{lv.font}" w:hint="default"/></w:rPr>'
                elif self.flavour == "gdocs":
                    x += '<w:rPr><w:u w:val="none"/></w:rPr>'
                x += "</w:lvl>"
                xs.append(x)
            xs.append("</w:abstractNum>")
            out.append("".join(xs))
        for num in sorted(self.nums.values(), key=lambda n: self._numids[n.id]):
            x = f'<w:num w:numId="{self._numids[num.id]}"><w:abstractNumId w:val="{absids[num.listdef.id]}"/>'
            for lvl, start in num.overrides.items():
                x += f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            out.append(x + "</w:num>")
        out.append("</w:numbering>")
        return "".join(out)

    def styles_xml(self, style_levels) -> str:
        lang = "ru-RU" if self.lang == "ru" else "en-GB"
        sz = int(self.size * 2)
        ns = NS if self.flavour != "gdocs" else NS_GDOCS
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ' + ns + ">",
               f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{self.font}" w:eastAsia="{self.font}" '
               f'w:hAnsi="{self.font}" w:cs="{self.font}"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
               f'<w:lang w:val="{lang}" w:eastAsia="ru-RU" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
               '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>']
        for key in sorted(self.used_styles, key=lambda k: list(STYLES).index(k)):
            rid, eid, name, typ, ppr, rpr, based = STYLES[key]
            sid = rid if self.flavour == "word-ru" else eid
            default = ' w:default="1"' if key == "normal" else ""
            x = f'<w:style w:type="{typ}"{default} w:styleId="{sid}"><w:name w:val="{name}"/>'
            if based:
                x += f'<w:basedOn w:val="{self.sid(based)}"/>'
            if key.startswith("heading"):
                x += f'<w:next w:val="{self.sid("normal")}"/><w:uiPriority w:val="9"/><w:qFormat/>'
            if key == "normal":
                x += "<w:qFormat/>"
            lvl = style_levels.get(key)
            p = ppr
            if lvl:
                p = f'<w:numPr><w:ilvl w:val="{lvl[1]}"/><w:numId w:val="{self._numids[lvl[0].id]}"/></w:numPr>' + p
            if p:
                x += f"<w:pPr>{p}</w:pPr>"
            if rpr:
                x += f"<w:rPr>{rpr}</w:rPr>"
            if typ == "table":
                x += ('<w:tblPr><w:tblBorders>' + "".join(
                    f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders></w:tblPr>")
            out.append(x + "</w:style>")
        out.append("</w:styles>")
        return "".join(out)

    def hf_xml(self, tag, blocks) -> str:
        ns = NS if self.flavour != "gdocs" else NS_GDOCS
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag} {ns}>' +
                "".join(self.block(b) for b in blocks) + f"</w:{tag}>")

    def write(self, path, blocks, header=None, footer=None, style_levels=None, title_pg=False):
        self._numids = {}
        style_levels = style_levels or {}
        for num, _ in style_levels.values():
            self.nums[num.id] = num
            self.lists[num.listdef.id] = num.listdef
            self._numids.setdefault(num.id, len(self._numids) + 1)
        body = "".join(self.block(b) for b in blocks)
        hdr = self.hf_xml("hdr", header) if header else None
        ftr = self.hf_xml("ftr", footer) if footer else None
        refs = ""
        rels = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml"),
                ("rId3", "fontTable", "fontTable.xml")]
        if self.lists:
            rels.append(("rId4", "numbering", "numbering.xml"))
        if hdr:
            rels.append(("rId8", "header", "header1.xml"))
            refs += '<w:headerReference w:type="default" r:id="rId8"/>'
        if ftr:
            rels.append(("rId9", "footer", "footer1.xml"))
            refs += '<w:footerReference w:type="default" r:id="rId9"/>'
        sect = (f"<w:sectPr>{refs}<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/>'
                '<w:cols w:space="708"/>' + ("<w:titlePg/>" if title_pg else "") +
                '<w:docGrid w:linePitch="360"/></w:sectPr>')
        ns = NS if self.flavour != "gdocs" else NS_GDOCS
        doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns}><w:body>'
               + body + sect + "</w:body></w:document>")
        styles = self.styles_xml(style_levels)
        numbering = self.numbering_xml() if self.lists else None
        ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
              '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
              '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>']
        if numbering:
            ct.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
        if hdr:
            ct.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
        if ftr:
            ct.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
        if self.flavour != "gdocs":
            ct.append('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>')
        ct.append("</Types>")
        R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        docrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
                   "".join(f'<Relationship Id="{i}" Type="{R}{t}" Target="{g}"/>' for i, t, g in rels) +
                   "</Relationships>")
        rootrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{R}officeDocument" Target="word/document.xml"/>')
        if self.flavour != "gdocs":
            rootrels += ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                         f'<Relationship Id="rId3" Type="{R}extended-properties" Target="docProps/app.xml"/>')
        rootrels += "</Relationships>"
        lang = "ru-RU" if self.lang == "ru" else "en-GB"
        settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings '
                    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
                    '<w:zoom w:percent="100"/>'
                    + ('<w:trackRevisions/>' if any(r.kind in ("del", "ins") for p in iter_paras(blocks) for r in p.runs) else "")
                    + '<w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>'
                    + (f'<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="{12 if self.word2007 else 15}"/></w:compat>'
                       if self.flavour != "gdocs" else "")
                    + f'<w:themeFontLang w:val="{lang}"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>')
        fonts = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts '
                 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:font w:name="Times New Roman"><w:charset w:val="CC"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
                 '<w:font w:name="Symbol"><w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
                 '<w:font w:name="Arial"><w:charset w:val="CC"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
                 "</w:fonts>")
        core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"<dc:title>{escape(self.title)}</dc:title><dc:creator>{escape(self.author)}</dc:creator>"
                f"<cp:lastModifiedBy>{escape(self.author)}</cp:lastModifiedBy><cp:revision>7</cp:revision>"
                '<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-01T08:15:00Z</dcterms:created>'
                '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-02-12T09:41:00Z</dcterms:modified>'
                "</cp:coreProperties>")
        app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
               'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
               f"<Template>Normal.dotm</Template><TotalTime>42</TotalTime><Pages>3</Pages>"
               f"<Application>{self.app or 'Microsoft Office Word'}</Application><DocSecurity>0</DocSecurity>"
               f"<AppVersion>{'12.0000' if self.word2007 else '16.0000'}</AppVersion></Properties>")
        parts = [("[Content_Types].xml", "".join(ct)), ("_rels/.rels", rootrels),
                 ("word/document.xml", doc), ("word/_rels/document.xml.rels", docrels),
                 ("word/styles.xml", styles), ("word/settings.xml", settings), ("word/fontTable.xml", fonts)]
        if numbering:
            parts.append(("word/numbering.xml", numbering))
        if hdr:
            parts.append(("word/header1.xml", hdr))
        if ftr:
            parts.append(("word/footer1.xml", ftr))
        if self.flavour != "gdocs":
            parts += [("docProps/core.xml", core), ("docProps/app.xml", app)]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts:
                zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(zi, data.encode("utf-8"))
