"""Hand-written RTF in the dialects real files come in.

flavour:
  word2003  \\ansicpg1251, Cyrillic as \\'xx escapes, \\uN for what cp1251 lacks, \\listtable + \\listtext
  word95    the same text encoding, numbering as Word 95 \\pn ... {\\pntext ...}
  raw       legal-database exporters: no \\ansicpg, Cyrillic as raw cp1251 bytes, only \\fcharset204 says so
  en        \\ansicpg1252 (English Word)
"""
from __future__ import annotations

from .ir import Para, Table, Run, iter_paras

RTF_STYLES = {
    "normal": (0, "Normal"),
    "heading1": (1, "heading 1"),
    "heading2": (2, "heading 2"),
    "header": (15, "header"),
    "footer": (16, "footer"),
    "consnormal": (20, "ConsPlusNormal"),
    "consnonformat": (21, "ConsPlusNonformat"),
    "constitle": (22, "ConsPlusTitle"),
    "bodytext": (17, "Body Text"),
    "listparagraph": (18, "List Paragraph"),
    "title": (19, "Title"),
}
NFC = {"decimal": 0, "upperRoman": 1, "lowerLetter": 4, "russianLower": 4, "bullet": 23, "none": 255}


class Writer:
    def __init__(self, flavour: str, lang: str = "ru", font: str = "Times New Roman", size: float = 12,
                 title: str = "", author: str = ""):
        self.flavour = flavour
        self.lang = lang
        self.font = font
        self.size = size
        self.title = title
        self.author = author
        self.lists = {}
        self.nums = {}
        self.unicode_every = 0   # word2003: write every n-th Cyrillic word as \uN\'xx pairs

    # ---- text encoding
    def enc(self, s: str) -> bytes:
        out = bytearray()
        cp = "cp1252" if self.flavour == "en" else "cp1251"
        wordn = 0
        for i, ch in enumerate(s):
            if ch in "\\{}":
                out += b"\\" + ch.encode()
            elif ch == "\u00a0":
                out += b"\\~"
            elif ch == "\u00ad":
                out += b"\\-"
            elif ch == "\t":
                out += b"\\tab "
            elif ord(ch) < 128:
                out += ch.encode()
                if ch == " ":
                    wordn += 1
            else:
                try:
                    b = ch.encode(cp)
                except UnicodeEncodeError:
                    n = ord(ch)
                    if n > 32767:
                        n -= 65536
                    out += f"\\u{n}\\'3f".encode()
                    continue
                if self.flavour == "raw":
                    out += b
                elif self.unicode_every and wordn % self.unicode_every == 1 and 0x400 <= ord(ch) < 0x460:
                    out += f"\\u{ord(ch)}\\'{b[0]:02x}".encode()
                else:
                    out += f"\\'{b[0]:02x}".encode()
        return bytes(out)

    # ---- runs and paragraphs
    def run(self, r: Run) -> bytes:
        props = b""
        if r.b:
            props += b"\\b"
        if r.i:
            props += b"\\i"
        if r.caps:
            props += b"\\caps"
        if r.u:
            props += b"\\ul"
        if r.size:
            props += b"\\fs%d" % int(r.size * 2)
        if r.font == "Symbol":
            props += b"\\f3"
        if r.kind == "text":
            body = self.enc(r.text)
        elif r.kind == "tab":
            return b"\\tab "
        elif r.kind == "br":
            return b"\\line "
        elif r.kind == "pagebreak":
            return b"\\page "
        elif r.kind == "shy":
            return b"\\-"
        elif r.kind == "field":
            return (b"{\\field{\\*\\fldinst {" + props + b" " + r.instr.encode() + b" }}{\\fldrslt {" + props + b" " +
                    self.enc(r.text) + b"}}}")
        elif r.kind == "del":
            props += b"\\deleted\\revauth1\\revdttm1246497322"
            body = self.enc(r.text)
        elif r.kind == "ins":
            props += b"\\revised\\revauth1\\revdttm1246497322"
            body = self.enc(r.text)
        elif r.kind == "textbox":
            return b""
        else:
            raise ValueError(r.kind)
        if props:
            return b"{" + props + b" " + body + b"}"
        return body

    def list_index(self, num):
        self.nums.setdefault(num.id, num)
        self.lists.setdefault(num.listdef.id, num.listdef)
        return list(self.nums).index(num.id) + 1

    def para_props(self, p: Para, intbl=False) -> bytes:
        st = RTF_STYLES.get(p.style or "normal", (0, ""))[0]
        out = b"\\pard\\plain "
        if st:
            out += b"\\s%d" % st
        out += {"center": b"\\qc", "right": b"\\qr", "both": b"\\qj"}.get(p.align or "", b"\\ql")
        if p.ind_left is not None:
            out += b"\\li%d" % p.ind_left
        if p.ind_hanging is not None:
            out += b"\\fi-%d" % p.ind_hanging
        elif p.ind_first is not None:
            out += b"\\fi%d" % p.ind_first
        for pos, a in p.tabs:
            out += {"right": b"\\tqr", "center": b"\\tqc"}.get(a, b"") + b"\\tx%d" % pos
        if p.keep_next:
            out += b"\\keepn"
        if p.page_break:
            out += b"\\pagebb"
        if p.space_after is not None:
            out += b"\\sa%d" % p.space_after
        if intbl:
            out += b"\\intbl"
        font = b"\\f1" if p.style in ("consnormal", "constitle") else b"\\f2" if p.style == "consnonformat" else b"\\f0"
        fs = 20 if p.style and p.style.startswith("cons") else int(self.size * 2)
        tail = b"\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 " + font + b"\\fs%d" % fs
        tail += b"\\lang1049\\langfe1049" if self.lang == "ru" else b"\\lang2057"
        return out, tail

    def para(self, p: Para, intbl=False, last_in_cell=False) -> bytes:
        props, charfmt = self.para_props(p, intbl)
        pre = b""
        if p.pn:
            before, after, start, fmt = p.pn
            lab = p.cached if p.cached is not None else p.label
            if fmt == "blt":
                pre = (b"{\\pntext\\pard\\plain\\f3\\fs%d \\'b7\\tab}" % int(self.size * 2) +
                       b"{\\*\\pn \\pnlvlblt\\ilvl0\\ls0\\pnrnot0\\pnf3\\pnindent709\\pnhang{\\pntxtb \\'b7}}")
            else:
                pre = (b"{\\pntext\\pard\\plain\\f0\\fs%d " % int(self.size * 2) + self.enc(lab) + b"\\tab}"
                       b"{\\*\\pn \\pnlvlbody\\ilvl0\\ls0\\pnrnot0\\pn" + fmt.encode() + b"\\pnstart%d\\pnindent709\\pnhang" % start
                       + b"{\\pntxtb " + self.enc(before) + b"}{\\pntxta " + self.enc(after) + b"}}")
            props += b"\\fi-709\\li709"
        elif p.num and p.num[1] is not None and self.flavour != "word95":
            num, ilvl = p.num
            ls = self.list_index(num)
            lab = p.cached if p.cached is not None else p.label
            lv = num.listdef.levels[ilvl]
            if lv.fmt == "bullet":
                ch = ord(lv.text[0])
                if lv.font:
                    f = b"\\f4" if lv.font == "Wingdings" else b"\\f3"
                    labb = b"{\\listtext\\pard\\plain" + f + b"\\fs%d \\'%02x\\tab}" % (int(self.size * 2), ch & 0xFF)
                else:
                    labb = b"{\\listtext\\pard\\plain\\f0\\fs%d " % int(self.size * 2) + self.enc(lv.text) + b"\\tab}"
            else:
                labb = b"{\\listtext\\pard\\plain\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\f0\\fs%d " % int(self.size * 2) + self.enc(lab) + b"\\tab}"
            pre = labb
            props += b"\\fi-%d\\li%d\\ls%d\\ilvl%d" % (lv.hanging or 0, lv.left, ls, ilvl)
        body = b"".join(self.run(r) for r in p.runs)
        end = b"\\cell " if last_in_cell else b"\\par"
        if p.pn:
            # Word 95: {\pntext …} before \pard, the {\*\pn …} definition after the paragraph properties
            pntext, pndef = pre.split(b"{\\*\\pn ", 1)
            return pntext + props + charfmt + b" {\\*\\pn " + pndef + body + end + b"\n"
        return pre + props + charfmt + b" " + body + end + b"\n"

    def table(self, t: Table) -> bytes:
        ncols = max(sum(c.span for c in row) for row in t.rows)
        widths = t.widths or [9355 // ncols] * ncols
        out = b""
        for row in t.rows:
            rd = b"\\trowd\\trgaph108\\trleft-108"
            col = 0
            x = 0
            cells = b""
            for c in row:
                w = sum(widths[col:col + c.span])
                col += c.span
                x += w
                if t.borders:
                    rd += b"\\clbrdrt\\brdrs\\brdrw10\\clbrdrl\\brdrs\\brdrw10\\clbrdrb\\brdrs\\brdrw10\\clbrdrr\\brdrs\\brdrw10"
                rd += b"\\clvertalt\\cellx%d" % x
                paras = [b for b in c.blocks if isinstance(b, Para)] or [Para()]
                for k, p in enumerate(paras):
                    cells += self.para(p, intbl=True, last_in_cell=(k == len(paras) - 1))
            out += rd + b"\n" + cells + b"\\pard\\intbl\\row\n"
        return out + b"\\pard\n"

    def block(self, b) -> bytes:
        return self.para(b) if isinstance(b, Para) else self.table(b)

    # ---- header of the file
    def listtable(self) -> bytes:
        out = b"{\\*\\listtable"
        for ld in self.lists.values():
            out += b"\n{\\list\\listtemplateid%d" % (1000 + ld.id) + (b"" if ld.multi else b"\\listhybrid")
            for i in range(9):
                lv = ld.levels[i] if i < len(ld.levels) else None
                if lv is None:
                    from .ir import Level
                    lv = Level("decimal", ".".join(f"%{k}" for k in range(1, i + 2)) + ".", left=360 * i + 720, hanging=360)
                if lv.fmt == "bullet":
                    ch = ord(lv.text[0])
                    f = b"\\f4" if lv.font == "Wingdings" else b"\\f3" if lv.font else b""
                    u = b"\\u%d ?" % (ch - 65536 if ch > 32767 else ch) if (ch > 127 and lv.font) else self.enc(lv.text)
                    lt = b"{\\leveltext\\'01" + u + b";}{\\levelnumbers;}" + f
                else:
                    txt = b""
                    nums = b""
                    n = 0
                    s = lv.stale or lv.text
                    k = 0
                    while k < len(s):
                        if s[k] == "%" and k + 1 < len(s) and s[k + 1].isdigit():
                            txt += b"\\'%02x" % (int(s[k + 1]) - 1)
                            n += 1
                            nums += b"\\'%02x" % n
                            k += 2
                        else:
                            txt += self.enc(s[k])
                            n += 1
                            k += 1
                    lt = b"{\\leveltext\\leveltemplateid%d\\'%02x" % (2000 + ld.id * 10 + i, n) + txt + b";}{\\levelnumbers" + nums + b";}"
                out += (b"{\\listlevel\\levelnfc%d\\levelnfcn%d\\leveljc0\\leveljcn0\\levelfollow%d\\levelstartat%d" %
                        (NFC[lv.fmt], NFC[lv.fmt], {"tab": 0, "space": 1, "nothing": 2}[lv.suffix], lv.start)
                        + (b"\\levellegal1" if lv.is_lgl else b"\\levellegal0") + b"\\levelspace0\\levelindent0"
                        + lt + b"\\fi-%d\\li%d\\lin%d }" % (lv.hanging, lv.left, lv.left))
            out += b"{\\listname ;}\\listid%d}" % (100 + ld.id)
        out += b"}\n{\\*\\listoverridetable"
        for k, num in enumerate(self.nums.values(), 1):
            if num.overrides:
                ov = b"".join(b"{\\lfolevel\\listoverridestartat\\levelstartat%d}" % st for _, st in sorted(num.overrides.items()))
                out += b"{\\listoverride\\listid%d\\listoverridecount%d%s\\ls%d}" % (100 + num.listdef.id, len(num.overrides), ov, k)
            else:
                out += b"{\\listoverride\\listid%d\\listoverridecount0\\ls%d}" % (100 + num.listdef.id, k)
        return out + b"}\n"

    def write(self, path, blocks, header=None, footer=None):
        body = b"".join(self.block(b) for b in blocks)
        hf = b""
        if header:
            hf += b"{\\header " + b"".join(self.para(p) for p in header if isinstance(p, Para)) + b"}\n"
        if footer:
            hf += b"{\\footer " + b"".join(self.para(p) for p in footer if isinstance(p, Para)) + b"}\n"
        cs = b"0" if self.flavour == "en" else b"204"
        if self.flavour == "raw":
            head = b"{\\rtf1\\ansi\\deff0"
        elif self.flavour == "en":
            head = b"{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\adeff0\\deff0\\stshfdbch0\\stshfloch0\\stshfhich0\\stshfbi0\\deflang2057\\deflangfe2057"
        else:
            head = b"{\\rtf1\\adeflang1025\\ansi\\ansicpg1251\\uc1\\adeff0\\deff0\\stshfdbch0\\stshfloch0\\stshfhich0\\stshfbi0\\deflang1049\\deflangfe1049"
        fonts = (b"{\\fonttbl{\\f0\\froman\\fcharset" + cs + b"\\fprq2 " + self.font.encode() + b";}"
                 b"{\\f1\\fswiss\\fcharset" + cs + b"\\fprq2 Arial;}{\\f2\\fmodern\\fcharset" + cs + b"\\fprq1 Courier New;}"
                 b"{\\f3\\froman\\fcharset2\\fprq2 Symbol;}{\\f4\\fnil\\fcharset2\\fprq2 Wingdings;}}\n")
        colors = b"{\\colortbl;\\red0\\green0\\blue0;\\red255\\green255\\blue255;}\n"
        used = {p.style or "normal" for p in iter_paras(blocks)} | {"normal"}
        if header or footer:
            used |= {"header", "footer"}
        st = b"{\\stylesheet"
        for key in sorted(used, key=lambda k: RTF_STYLES.get(k, (99,))[0]):
            if key not in RTF_STYLES:
                continue
            n, name = RTF_STYLES[key]
            pre = b"" if n == 0 else b"\\s%d" % n
            font = b"\\f1\\fs20" if key in ("consnormal", "constitle") else b"\\f2\\fs20" if key == "consnonformat" else b"\\f0\\fs%d" % int(self.size * 2)
            extra = b"\\b" if key in ("heading1", "constitle", "title") else b""
            st += b"{" + pre + b"\\ql\\widctlpar " + font + extra + b" \\snext0 " + name.encode() + b";}"
        st += b"}\n"
        lt = self.listtable() if self.lists else b""
        info = (b"{\\info{\\title " + self.enc(self.title) + b"}{\\author " + self.enc(self.author) + b"}"
                b"{\\creatim\\yr2024\\mo2\\dy1\\hr8\\min15}{\\revtim\\yr2024\\mo2\\dy12\\hr9\\min41}{\\version7}}\n")
        if self.flavour == "raw":
            info = b""
        page = b"\\paperw11906\\paperh16838\\margl1701\\margr850\\margt1134\\margb1134\\gutter0\\widowctrl\\ftnbj\\aenddoc\\formshade\\viewkind1\\viewscale100\n\\sectd\\pgwsxn11906\\pghsxn16838\\headery709\\footery709\n"
        data = head + fonts + colors + st + lt + info + page + hf + body + b"}"
        with open(path, "wb") as f:
            f.write(data)
