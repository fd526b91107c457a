#!/usr/bin/env python3
"""Builds the import corpus: messy job instructions the way real files are messy.

    python3 make.py OUT_DIR

writes every document into OUT_DIR with `NAME.expected.json` beside it, and
`convert.json`: which generated DOCX files the test converts with LibreOffice (to ODT, RTF,
DOC) — those conversions are batched by the test itself. Nothing here is random: the same run
gives the same files.

The expected structure is the content below (written by hand), not what any reader produced:
every clause with its section and depth, the lines that must never become clauses (stamp,
signatures, captions), and the whole source text for the word-set check.
"""

import json
import os
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

# ---------------------------------------------------------------------------------------
# Content. A clause is (text, [children]).


def c(text, *children):
    return (text, list(children))


RU_SALES = {
    "lang": "ru",
    "org": "Общество с ограниченной ответственностью «Северный ветер»",
    "dept": "Отдел продаж",
    "place": "г. Казань",
    "title_form": "менеджера по продажам",
    "approver_pos": "Генеральный директор",
    "approver_name": "П. С. Громов",
    "author_pos": "Начальник отдела продаж",
    "author_name": "Е. В. Маслова",
    "visa_pos": "Начальник отдела кадров",
    "visa_name": "Т. А. Рябова",
    "sections": [
        ("general", "Общие положения", [
            c("Менеджер по продажам относится к категории специалистов."),
            c("На должность менеджера по продажам назначается лицо, имеющее высшее образование и стаж работы в продажах не менее одного года."),
            c("Менеджер по продажам должен знать:",
              c("ассортимент товаров и их потребительские свойства;"),
              c("основы ценообразования и маркетинга;"),
              c("правила делового общения.")),
            c("Менеджер по продажам подчиняется непосредственно начальнику отдела продаж."),
        ]),
        ("functions", "Функции", [
            c("Поиск новых покупателей и расширение клиентской базы."),
            c("Заключение договоров поставки и контроль их исполнения."),
        ]),
        ("duties", "Должностные обязанности", [
            c("Ведёт переговоры с покупателями и готовит коммерческие предложения."),
            c("Контролирует отгрузку товара и поступление оплаты:",
              c("сверяет счета с условиями договора;"),
              c("напоминает покупателям о сроках оплаты.")),
            c("Ведёт учёт сделок в системе учёта клиентов."),
            c("Готовит ежемесячный отчёт о продажах."),
        ]),
        ("rights", "Права", [
            c("Запрашивать у подразделений сведения, необходимые для работы."),
            c("Вносить руководителю предложения по улучшению работы отдела."),
        ]),
        ("liability", "Ответственность", [
            c("Менеджер по продажам несёт ответственность:",
              c("за ненадлежащее исполнение своих обязанностей;"),
              c("за причинение материального ущерба работодателю.")),
        ]),
        ("relationships", "Взаимоотношения (связи по должности)", [
            c("Взаимодействует с бухгалтерией по вопросам расчётов с покупателями."),
            c("Получает от склада сведения об остатках товара."),
        ]),
    ],
}

RU_ACCOUNTANT = {
    "lang": "ru",
    "org": "Акционерное общество «Волжский кирпич»",
    "dept": "Бухгалтерия",
    "place": "г. Самара",
    "title_form": "бухгалтера по расчётам",
    "approver_pos": "Директор",
    "approver_name": "И. И. Сомов",
    "author_pos": "Главный бухгалтер",
    "author_name": "Н. Г. Лапина",
    "visa_pos": "Юрисконсульт",
    "visa_name": "Д. О. Крылов",
    "sections": [
        ("general", "Общие положения", [
            c("Бухгалтер по расчётам относится к категории специалистов."),
            c("Бухгалтер по расчётам назначается на должность приказом директора."),
        ]),
        ("custom", "Квалификационные требования", [
            c("Высшее экономическое образование."),
            c("Опыт работы в бухгалтерии не менее двух лет."),
        ]),
        ("duties", "Должностные обязанности", [
            c("Ведёт учёт расчётов с поставщиками и покупателями."),
            c("Проводит сверки взаимных расчётов:",
              c("с поставщиками ежемесячно;"),
              c("с покупателями ежеквартально.")),
            c("Готовит данные для налоговой отчётности."),
        ]),
        ("rights", "Права", [
            c("Получать от подразделений первичные документы."),
            c("Требовать исправления неверно оформленных документов."),
        ]),
        ("liability", "Ответственность", [
            c("Бухгалтер по расчётам несёт ответственность за достоверность учётных данных."),
        ]),
        ("custom", "Заключительные положения", [
            c("Инструкция пересматривается не реже одного раза в три года."),
        ]),
    ],
}

EN_SALES = {
    "lang": "en",
    "org": "Northwind Trading Ltd",
    "dept": "Sales Department",
    "place": "Leeds",
    "title_form": "Sales Manager",
    "approver_pos": "Managing Director",
    "approver_name": "R. Hughes",
    "author_pos": "Head of Sales",
    "author_name": "K. Morgan",
    "visa_pos": "HR Manager",
    "visa_name": "L. Patel",
    "sections": [
        ("general", "General provisions", [
            c("The sales manager is a specialist post."),
            c("The sales manager reports to the Head of Sales."),
        ]),
        ("duties", "Main responsibilities", [
            c("Finds new customers and keeps existing accounts."),
            c("Prepares quotations and negotiates terms:",
              c("checks prices against the current list;"),
              c("agrees payment terms with finance.")),
            c("Records every deal in the customer database."),
        ]),
        ("rights", "Rights", [
            c("Requests information from other departments."),
        ]),
        ("liability", "Liability", [
            c("The sales manager is liable for losses caused by negligence."),
        ]),
        ("custom", "Person specification", [
            c("Essential: a degree or equivalent experience."),
            c("Desirable: experience with a CRM system."),
        ]),
    ],
}

RU_DEEP = {
    **RU_SALES,
    "sections": [
        ("general", "Общие положения", [
            c("Менеджер по продажам относится к категории специалистов."),
        ]),
        ("duties", "Должностные обязанности", [
            c("Организует работу с покупателями:",
              c("ведёт переговоры:",
                c("с новыми покупателями;"),
                c("с постоянными покупателями."))),
            c("Готовит ежемесячный отчёт о продажах."),
        ]),
    ],
}

ORDERED = ["general", "functions", "duties", "rights", "liability", "relationships"]

# ---------------------------------------------------------------------------------------
# Expected structure.


def flatten(clauses, depth=1):
    for text, children in clauses:
        yield depth, text
        yield from flatten(children, depth + 1)


def expected(content, sections=None, extra_source=(), not_clauses=(), fold=False,
             fields=True, signatures=True, title=True):
    sections = content["sections"] if sections is None else sections
    out_sections = []
    clauses = []
    for i, (kind, heading, cls) in enumerate(sections):
        out_sections.append({"kind": kind, "title": heading if kind == "custom" else ""})
        for depth, text in flatten(cls):
            clauses.append([i, min(depth, 3) if fold else depth, text])
    exp = {
        "sections": out_sections,
        "clauses": clauses,
        "not_clauses": list(not_clauses),
        "source_text": "",
        "extra_source": list(extra_source),
    }
    if fields:
        exp["organisation"] = content["org"]
        if title:
            exp["title_form"] = content["title_form"]
    if signatures:
        exp["author_name"] = content["author_name"]
    return exp


def source_text(content, extra=()):
    parts = [content[k] for k in ("org", "dept", "place", "title_form", "approver_pos",
                                  "approver_name", "author_pos", "author_name", "visa_pos",
                                  "visa_name")]
    for _, heading, cls in content["sections"]:
        parts.append(heading)
        parts.extend(t for _, t in flatten(cls))
    parts.extend(extra)
    parts.extend(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "УТВЕРЖДАЮ", "СОГЛАСОВАНО", "JOB DESCRIPTION",
                  "APPROVED", "AGREED", "подпись", "инициалы", "фамилия", "signature", "name",
                  "С инструкцией ознакомлен(а)", "I have read this job description", "г", "No",
                  "20", "Должность", "Подчиняется", "Job title", "Reports to", "Department",
                  "Содержание", "Подразделение", "Цель должности", "Date"]
                 + [str(n) for n in range(1, 10)] + ["I", "II", "III", "IV", "V", "VI"])
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------
# DOCX helpers.

W = nsdecls("w")


def new_doc():
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(12)
    return d


def add_numbering(d, levels, start_overrides=None):
    """An abstract list with `levels` [(fmt, lvlText, start, isLgl, pStyle)], and a list
    instance of it. Returns the numId."""
    numbering = d.part.numbering_part.element
    existing = [int(x.get(qn("w:abstractNumId"))) for x in numbering.findall(qn("w:abstractNum"))]
    aid = max(existing + [0]) + 1
    nums = [int(x.get(qn("w:numId"))) for x in numbering.findall(qn("w:num"))]
    nid = max(nums + [0]) + 1
    lvls = ""
    for i, (fmt, text, start, lgl, pstyle) in enumerate(levels):
        lvls += (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                 + (f'<w:pStyle w:val="{pstyle}"/>' if pstyle else "")
                 + ('<w:isLgl/>' if lgl else "")
                 + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    over = ""
    for lvl, start in (start_overrides or {}).items():
        over += f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
    numbering.append(parse_xml(f'<w:num {W} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'))
    return nid


def number(p, nid, ilvl):
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{nid}"/></w:numPr>'))


def para(d, text, bold=False, caps=False, center=False, style=None):
    p = d.add_paragraph(style=style)
    r = p.add_run(text)
    r.bold = bold
    if caps:
        r.font.all_caps = True
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def borderless(table):
    tbl = table._tbl
    tblpr = tbl.tblPr
    tblpr.append(parse_xml(f'<w:tblBorders {W}><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'))


def cell_lines(cell, lines):
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def header_plain(d, k, stamp="table"):
    """Organisation, stamp, title in one of several layouts."""
    ru = k["lang"] == "ru"
    approve = "УТВЕРЖДАЮ" if ru else "APPROVED"
    blank_date = "«___» ____________ 20__ г." if ru else "____ ____________ 20__"
    stamp_lines = [approve, k["approver_pos"], "________________ " + k["approver_name"], blank_date]
    if stamp == "table":
        t = d.add_table(rows=1, cols=2)
        borderless(t)
        cell_lines(t.cell(0, 0), [k["org"], k["dept"]])
        cell_lines(t.cell(0, 1), stamp_lines)
    elif stamp == "tabs":
        para(d, k["org"] + "\t\t\t" + approve)
        para(d, k["dept"] + "\t\t\t" + k["approver_pos"])
        para(d, "\t\t\t________________ " + k["approver_name"])
        para(d, "\t\t\t" + blank_date)
    elif stamp == "right":
        para(d, k["org"], center=True)
        para(d, k["dept"], center=True)
        for line in stamp_lines:
            p = para(d, line)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif stamp == "corner":
        t = d.add_table(rows=1, cols=2)
        borderless(t)
        kind = "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" if ru else "JOB DESCRIPTION"
        cell_lines(t.cell(0, 0), [k["org"], k["dept"], kind, "00.00.00 № 00" if ru else "00.00.00 No. 00", k["place"]])
        cell_lines(t.cell(0, 1), stamp_lines)
        para(d, k["title_form"], bold=True, center=True)
        return
    elif stamp == "none":
        para(d, k["org"], center=True)
        para(d, k["dept"], center=True)
    kind = "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" if ru else "JOB DESCRIPTION"
    para(d, kind, bold=True, center=True)
    para(d, k["title_form"], bold=True, center=True)
    para(d, k["place"], center=True)


def signatures_plain(d, k, style="lines", ack=1):
    ru = k["lang"] == "ru"
    if style == "lines":
        para(d, k["author_pos"] + "\t_____________\t" + k["author_name"])
        para(d, "\t(подпись)\t(инициалы, фамилия)" if ru else "\t(signature)\t(name)")
    elif style == "table":
        t = d.add_table(rows=2, cols=3)
        borderless(t)
        t.cell(0, 0).text = k["author_pos"]
        t.cell(0, 1).text = "_____________"
        t.cell(0, 2).text = k["author_name"]
        t.cell(1, 1).text = "(подпись)" if ru else "(signature)"
    elif style == "stacked":
        para(d, k["author_pos"])
        para(d, "_____________ " + k["author_name"])
    para(d, "СОГЛАСОВАНО:" if ru else "AGREED:")
    para(d, k["visa_pos"])
    para(d, "_____________ " + k["visa_name"])
    para(d, "«___» ____________ 20__ г." if ru else "____ ____________ 20__")
    for _ in range(ack):
        para(d, "С инструкцией ознакомлен(а):" if ru else "I have read this job description:")
        para(d, "_____________ ______________________ «___» ________ 20__ г." if ru else "_____________ ______________ ____ ______ 20__")


def stamp_not_clauses(k):
    return [k["approver_pos"], k["approver_name"], k["author_pos"], k["author_name"], k["visa_pos"],
            k["visa_name"], k["org"], k["dept"], k["title_form"]]


def body_multilevel(d, k, sections, caps=False):
    """One clean Word multi-level list: headings at level 0, clauses at 1–2."""
    nid = add_numbering(d, [("decimal", "%1.", 1, False, None), ("decimal", "%1.%2.", 1, False, None),
                            ("decimal", "%1.%2.%3.", 1, False, None), ("decimal", "%1.%2.%3.%4.", 1, False, None)])
    for _, heading, cls in sections:
        p = para(d, heading.upper() if caps else heading, bold=True)
        number(p, nid, 0)
        for depth, text in flatten(cls):
            p = para(d, text)
            number(p, nid, depth)


def body_prefixed_lists(d, k, sections):
    """A separate list per section whose level text hard-codes the section number."""
    for si, (_, heading, cls) in enumerate(sections, 1):
        para(d, f"{si}. {heading.upper()}", bold=True)
        nid = add_numbering(d, [("decimal", f"{si}.%1.", 1, False, None), ("decimal", f"{si}.%1.%2.", 1, False, None),
                                ("decimal", f"{si}.%1.%2.%3.", 1, False, None)])
        for depth, text in flatten(cls):
            p = para(d, text)
            number(p, nid, depth - 1)


def typed_numbers(sections, sep=" ", roman=False, glued=False, dotless=False, top_style=None):
    """Lines with hand-typed numbers."""
    lines = []
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    for si, (_, heading, cls) in enumerate(sections, 1):
        if roman:
            label = romans[si - 1] + ". "
        elif glued:
            label = f"{si}."
        elif dotless:
            label = f"{si} "
        else:
            label = f"{si}. "
        lines.append(("heading", label + heading.upper()))

        def walk(cls, prefix):
            for j, (text, children) in enumerate(cls, 1):
                num = f"{prefix}.{j}"
                lines.append(("clause", f"{num}.{sep}{text}" if sep != "nodot" else f"{num} {text}"))
                walk(children, num)
        walk(cls, str(si))
    return lines


def body_typed(d, k, sections, **kw):
    for kind, line in typed_numbers(sections, **kw):
        para(d, line, bold=kind == "heading")


def body_bullets(d, k, sections, glyph="sym"):
    """No numbers: centred capitals for headings, Symbol-font bullets for sub-items."""
    for _, heading, cls in sections:
        para(d, heading.upper(), bold=True, center=True)
        for depth, text in flatten(cls):
            if depth == 1:
                para(d, text)
            else:
                p = d.add_paragraph()
                if glyph == "sym":
                    r = p.add_run()
                    r._r.append(parse_xml(f'<w:sym {W} w:font="Symbol" w:char="F0B7"/>'))
                    p.add_run("\t" + text)
                else:
                    p.add_run("– " + text)


def save(d, out, name, exp, content, extra=(), convert=None, manifest=None):
    path = os.path.join(out, name)
    d.save(path)
    write_expected(out, name, exp, content, extra)
    if convert and manifest is not None:
        for fmt in convert:
            manifest.setdefault(fmt, []).append(name)
            base = os.path.splitext(name)[0]
            write_expected(out, f"{base}.{fmt}", exp, content, extra)


def write_expected(out, name, exp, content, extra=()):
    exp = dict(exp)
    exp["source_text"] = source_text(content, list(extra) + exp.get("extra_source", []))
    with open(os.path.join(out, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------------------
# RTF helpers.

def rtf_escape(text, raw=False):
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif ch == "\t":
            out.append("\\tab ")
        else:
            try:
                b = ch.encode("cp1251")
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
                continue
            if raw:
                out.append(b.decode("latin-1"))
            else:
                out.append("".join(f"\\'{x:02x}" for x in b))
    return "".join(out)


def rtf_doc(k, style, out, name, manifest):
    """Hand-written RTF: `cp` = \\ansicpg1251 with \\'xx escapes and \\listtext; `raw` = raw
    8-bit cp1251 with only \\fcharset204; `pn` = Word-95 \\pntext; `unicode` = \\uN."""
    raw = style == "raw"
    head = "{\\rtf1\\ansi" + ("" if raw else "\\ansicpg1251") + "\\deff0{\\fonttbl{\\f0\\froman\\fcharset204 Times New Roman;}}"
    if style == "unicode":
        head = "{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}"
    head += "{\\stylesheet{\\s0 Normal;}}{\\*\\generator Hand;}\n"
    esc = (lambda t: "".join(f"\\u{ord(ch)}?" if ord(ch) > 127 else ("\\" + ch if ch in "\\{}" else ch) for ch in t)) if style == "unicode" else (lambda t: rtf_escape(t, raw))
    body = []
    body.append("{\\header\\pard\\qc " + esc("Страница ") + "\\chpgn\\par}")
    # Stamp as a table.
    body.append("\\trowd\\cellx4500\\cellx9000")
    body.append("\\pard\\intbl " + esc(k["org"]) + "\\par " + esc(k["dept"]) + "\\cell ")
    body.append("\\pard\\intbl " + esc("УТВЕРЖДАЮ") + "\\par " + esc(k["approver_pos"]) + "\\par " + esc("________________ " + k["approver_name"]) + "\\par " + esc("«___» ____________ 20__ г.") + "\\cell\\row\n")
    body.append("\\pard\\qc\\b " + esc("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ") + "\\par " + esc(k["title_form"]) + "\\b0\\par\\pard " + esc(k["place"]) + "\\par\n")
    for si, (_, heading, cls) in enumerate(k["sections"], 1):
        if style == "pn":
            body.append("\\pard{\\pntext\\f0 " + f"{si}." + "\\tab}{\\*\\pn\\pnlvlbody\\pndec\\pnstart1{\\pntxta .}}\\caps " + esc(heading) + "\\caps0\\par\n")
        else:
            body.append("\\pard\\qc{\\caps " + esc(heading) + "}\\par\n") if style == "raw" else body.append("\\pard{\\listtext " + f"{si}." + "\\tab}\\ls1\\ilvl0\\b " + esc(heading.upper()) + "\\b0\\par\n")

        def walk(cls, prefix, depth):
            for j, (text, children) in enumerate(cls, 1):
                num = f"{prefix}.{j}."
                if style == "pn":
                    body.append("\\pard{\\pntext\\f0 " + num + "\\tab}{\\*\\pn\\pnlvlbody\\pndec}" + esc(text) + "\\par\n")
                elif style == "raw":
                    body.append("\\pard " + esc(num + " " + text) + "\\par\n")
                else:
                    body.append("\\pard{\\listtext " + num + "\\tab}\\ls1\\ilvl" + str(depth) + " " + esc(text) + "\\par\n")
                walk(children, num[:-1], depth + 1)
        walk(cls, str(si), 1)
    body.append("\\pard " + esc(k["author_pos"]) + "\\tab " + esc("_____________") + "\\tab " + esc(k["author_name"]) + "\\par\n")
    body.append("\\pard " + esc("\t(подпись)\t(инициалы, фамилия)") + "\\par\n")
    body.append("\\pard " + esc("С инструкцией ознакомлен(а): _____________ «___» ________ 20__ г.") + "\\par\n")
    data = head + "".join(body) + "}"
    enc = "latin-1"
    with open(os.path.join(out, name), "wb") as f:
        f.write(data.encode(enc))
    exp = expected(k, not_clauses=stamp_not_clauses(k))
    write_expected(out, name, exp, k, ["Страница"])


# ---------------------------------------------------------------------------------------
# Text renderings.

def text_lines(k, sections=None, stamp=True):
    ru = k["lang"] == "ru"
    sections = k["sections"] if sections is None else sections
    lines = [k["org"], k["dept"], ""]
    if stamp:
        lines += ["УТВЕРЖДАЮ" if ru else "APPROVED", k["approver_pos"], "________________ " + k["approver_name"], ""]
    lines += ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" if ru else "JOB DESCRIPTION", k["title_form"], k["place"], ""]
    for kind, line in typed_numbers(sections):
        lines.append(line)
        if kind == "heading":
            lines.append("")
    lines += ["", k["author_pos"] + "\t_____________\t" + k["author_name"], ""]
    return lines


def write_text(out, name, text, k, exp, encoding="utf-8", extra=()):
    with open(os.path.join(out, name), "wb") as f:
        f.write(text.encode(encoding))
    write_expected(out, name, exp, k, extra)


def markdown(k):
    ru = k["lang"] == "ru"
    lines = [f"**{k['org']}**", "", k["dept"], "", "УТВЕРЖДАЮ" if ru else "APPROVED", "", k["approver_pos"], "",
             "\\_\\_\\_\\_\\_\\_\\_\\_ " + k["approver_name"], "",
             "**ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ**" if ru else "**JOB DESCRIPTION**", "", f"**{k['title_form']}**", "", k["place"], ""]
    for si, (_, heading, cls) in enumerate(k["sections"], 1):
        lines += [f"# {si}\\. {heading.upper()}", ""]

        def walk(cls, prefix):
            for j, (text, children) in enumerate(cls, 1):
                num = f"{prefix}.{j}"
                lines.append(f"{num}\\. {text}")
                lines.append("")
                walk(children, num)
        walk(cls, str(si))
    lines += [k["author_pos"] + " \\_\\_\\_\\_\\_\\_\\_\\_ " + k["author_name"], ""]
    return "\n".join(lines)


def html(k):
    ru = k["lang"] == "ru"
    h = ["<html><head><title>Инструкция</title><style>p{margin:0}</style></head><body>",
         f"<p><b>{k['org']}</b><br>{k['dept']}</p>",
         f"<div style='text-align:right'>{'УТВЕРЖДАЮ' if ru else 'APPROVED'}<br>{k['approver_pos']}<br>________ {k['approver_name']}</div>",
         f"<h1>{'ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ' if ru else 'JOB DESCRIPTION'}</h1><h2>{k['title_form']}</h2><p>{k['place']}</p>"]
    for si, (_, heading, cls) in enumerate(k["sections"], 1):
        h.append(f"<h3>{si}. {heading}</h3>")

        def walk(cls, prefix):
            for j, (text, children) in enumerate(cls, 1):
                num = f"{prefix}.{j}."
                h.append(f"<p>{num}&nbsp;{text.replace('«', '&laquo;').replace('»', '&raquo;')}</p>")
                walk(children, num[:-1])
        walk(cls, str(si))
    h.append(f"<p>{k['author_pos']} ________ {k['author_name']}</p>")
    h.append("<p>Источник: https://example.org/instrukcii/menedzher</p></body></html>")
    return "\n".join(h)


def html_lists(k):
    """A web page with <ol> lists: numbers come from the list, not from the text."""
    h = ["<!DOCTYPE html><html><body>", f"<p>{k['org']}</p>", f"<p>{k['dept']}</p>",
         "<p>ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ</p>", f"<p>{k['title_form']}</p>", "<ol>"]
    for _, heading, cls in k["sections"]:
        h.append(f"<li><strong>{heading.upper()}</strong><ol>")
        for text, children in cls:
            h.append(f"<li>{text}")
            if children:
                h.append("<ul>" + "".join(f"<li>{t}</li>" for t, _ in children) + "</ul>")
            h.append("</li>")
        h.append("</ol></li>")
    h.append("</ol></body></html>")
    return "\n".join(h)


# ---------------------------------------------------------------------------------------

def main(out):
    os.makedirs(out, exist_ok=True)
    manifest = {}
    names = []

    def docx(name, build, k, exp=None, extra=(), convert=None):
        d = new_doc()
        build(d)
        e = exp if exp is not None else expected(k, not_clauses=stamp_not_clauses(k))
        save(d, out, name, e, k, extra, convert, manifest)
        names.append(name)

    S, A, E = RU_SALES, RU_ACCOUNTANT, EN_SALES

    # 1. One clean multi-level list, stamp in a borderless table.
    docx("01-multilevel.docx", lambda d: (header_plain(d, S), body_multilevel(d, S, S["sections"]), signatures_plain(d, S)), S,
         convert=["odt", "rtf", "doc"])
    # 2. Separate lists with hard-coded prefixes, tab-aligned stamp.
    docx("02-prefixed-lists.docx", lambda d: (header_plain(d, S, "tabs"), body_prefixed_lists(d, S, S["sections"]), signatures_plain(d, S, "table")), S,
         convert=["odt", "doc"])
    # 3. Hand-typed numbers with a tab after them.
    docx("03-typed-tab.docx", lambda d: (header_plain(d, A, "right"), body_typed(d, A, A["sections"], sep="\t"), signatures_plain(d, A)), A,
         convert=["rtf"])
    # 4. Hand-typed numbers followed by runs of non-breaking spaces, no dot after the last part.
    docx("04-typed-nbsp.docx", lambda d: (header_plain(d, S, "corner"), body_typed(d, S, S["sections"], sep="nodot"), signatures_plain(d, S, "stacked")), S,
         exp=expected(S, not_clauses=stamp_not_clauses(S)), convert=["odt"])
    # 5. Roman section numbers.
    docx("05-roman.docx", lambda d: (header_plain(d, A), body_typed(d, A, A["sections"], roman=True), signatures_plain(d, A)), A, convert=["doc"])
    # 6. Glued «1.ОБЩИЕ ПОЛОЖЕНИЯ».
    docx("06-glued.docx", lambda d: (header_plain(d, S, "none"), body_typed(d, S, S["sections"], glued=True), signatures_plain(d, S)), S,
         exp=expected(S, not_clauses=stamp_not_clauses(S)))
    # 7. Dot-less «1 ОБЩИЕ ПОЛОЖЕНИЯ».
    docx("07-dotless.docx", lambda d: (header_plain(d, A, "tabs"), body_typed(d, A, A["sections"], dotless=True), signatures_plain(d, A, "table")), A)
    # 8. No numbers: centred capitals, Symbol bullets.
    docx("08-bullets.docx", lambda d: (header_plain(d, S), body_bullets(d, S, S["sections"]), signatures_plain(d, S)), S, convert=["odt", "rtf"])
    # 9. Dash bullets.
    docx("09-dashes.docx", lambda d: (header_plain(d, A, "right"), body_bullets(d, A, A["sections"], glyph="dash"), signatures_plain(d, A)), A)

    # 10. Headings shown in capitals only through w:caps, typed in lower case.
    def caps_only(d, k=S):
        header_plain(d, k)
        for si, (_, heading, cls) in enumerate(k["sections"], 1):
            para(d, f"{si}. {heading}", caps=True, bold=True)
            for kind, line in typed_numbers([("x", heading, cls)]):
                if kind == "clause":
                    para(d, str(si) + line[1:])
        signatures_plain(d, k)
    docx("10-wcaps.docx", caps_only, S, convert=["doc"])

    # 11. Headings inside table cells (a layout table around the whole body).
    def table_headings(d, k=A):
        header_plain(d, k)
        for si, (_, heading, cls) in enumerate(k["sections"], 1):
            t = d.add_table(rows=1, cols=1)
            t.cell(0, 0).text = f"{si}. {heading.upper()}"
            for kind, line in typed_numbers([("x", heading, cls)]):
                if kind == "clause":
                    para(d, str(si) + line[1:])
        signatures_plain(d, k)
    docx("11-table-headings.docx", table_headings, A, convert=["odt"])

    # 12. Real heading styles (Word 2007 habit) and a clause list by paragraph style.
    def heading_styles(d, k=E):
        header_plain(d, k)
        nid = add_numbering(d, [("decimal", "%1.", 1, False, None), ("decimal", "%1.%2.", 1, False, None), ("decimal", "%1.%2.%3.", 1, False, None)])
        for _, heading, cls in k["sections"]:
            d.add_paragraph(heading, style="Heading 1")
            for depth, text in flatten(cls):
                p = para(d, text)
                number(p, nid, depth - 1)
        signatures_plain(d, k)
    docx("12-heading-styles-en.docx", heading_styles, E, convert=["odt", "rtf", "doc"])

    # 13. Typed numbers inside an automatic list (Word shows both).
    def typed_in_auto(d, k=S):
        header_plain(d, k)
        nid = add_numbering(d, [("decimal", "%1.", 1, False, None)])
        for kind, line in typed_numbers(k["sections"]):
            p = para(d, line, bold=kind == "heading")
            if kind == "clause":
                number(p, nid, 0)
        signatures_plain(d, k)
    docx("13-typed-in-auto.docx", typed_in_auto, S)

    # 14. Text box stored twice through mc:AlternateContent, page field in the footer,
    # dozens of empty paragraphs, soft hyphens.
    def noisy(d, k=A):
        header_plain(d, k)
        for _ in range(12):
            d.add_paragraph("")
        p = d.add_paragraph()
        box = ("<mc:AlternateContent xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006' "
               "xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape' "
               "xmlns:v='urn:schemas-microsoft-com:vml'>"
               "<mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Экземпляр работника</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
               "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Экземпляр работника</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
               "</mc:AlternateContent>")
        r = parse_xml(f"<w:r {W}>{box}</w:r>")
        p._p.append(r)
        sect = d.sections[0]
        sect.footer.paragraphs[0].text = "Страница "
        for kind, line in typed_numbers(k["sections"]):
            soft = line.replace("ответственность", "ответ\u00adствен\u00adность").replace("бухгалтерии", "бух\u00adгал\u00adтерии")
            para(d, soft, bold=kind == "heading")
            d.add_paragraph("")
        signatures_plain(d, k)
    exp14 = expected(A, not_clauses=stamp_not_clauses(A))
    exp14["clauses"].insert(0, [0, 1, "Экземпляр работника"])
    docx("14-noise.docx", noisy, A, exp=exp14, extra=["Экземпляр работника"])

    # 15. ConsPlusNonformat paste: hard line breaks inside clauses, manual hyphenation.
    def consplus(d, k=S):
        header_plain(d, k)
        for kind, line in typed_numbers(k["sections"]):
            if kind == "clause" and len(line) > 60:
                cut = line.rfind(" ", 0, 55)
                para(d, line[:cut], style=None).style = d.styles["Normal"]
                para(d, line[cut + 1:])
            else:
                para(d, line)
        signatures_plain(d, k)
    docx("15-hard-wraps.docx", consplus, S)

    # 16. A typed table of contents before the body.
    def toc(d, k=A):
        header_plain(d, k)
        para(d, "Содержание")
        for si, (_, heading, _) in enumerate(k["sections"], 1):
            para(d, f"{si}. {heading}\t{si + 1}")
        body_typed(d, k, k["sections"])
        signatures_plain(d, k)
    docx("16-toc.docx", toc, A, extra=[str(i) for i in range(1, 9)])

    # 17. Latin look-alike letters inside Russian words, trailing source address.
    def lookalikes(d, k=S):
        header_plain(d, k)
        for kind, line in typed_numbers(k["sections"]):
            para(d, line.replace("о", "o", 1).replace("а", "a", 1) if kind == "clause" else line)
        signatures_plain(d, k)
        para(d, "https://example.org/dolzhnostnye-instrukcii/menedzher-po-prodazham")
    docx("17-lookalikes-url.docx", lookalikes, S, extra=["https", "example", "org", "dolzhnostnye", "instrukcii", "menedzher", "po", "prodazham"])

    # 18. Rights after liability, a missing section, an extra custom one.
    reordered = [S["sections"][0], S["sections"][2], S["sections"][4], S["sections"][3],
                 ("custom", "Оценка деятельности", [c("Работа оценивается по выполнению плана продаж.")])]
    S18 = {**S, "sections": reordered}
    docx("18-reordered.docx", lambda d: (header_plain(d, S18), body_typed(d, S18, reordered), signatures_plain(d, S18)), S18)

    # 19. A profile: label-value lines, then sections.
    def profile(d, k=S):
        para(d, k["org"])
        para(d, "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", bold=True, center=True)
        para(d, k["title_form"], center=True)
        para(d, "Должность: менеджер по продажам")
        para(d, "Подразделение: " + k["dept"])
        para(d, "Подчиняется: начальнику отдела продаж")
        body_typed(d, k, k["sections"][1:])
        signatures_plain(d, k)
    S19 = {**S, "sections": S["sections"][1:]}
    e19 = expected(S19, not_clauses=stamp_not_clauses(S) + ["Должность: менеджер по продажам", "Подчиняется: начальнику отдела продаж"])
    docx("19-profile.docx", profile, S19, exp=e19, extra=["менеджер по продажам", "начальнику отдела продаж"])

    # 20. Deeper than three levels: folded to the third.
    docx("20-deep.docx", lambda d: (header_plain(d, RU_DEEP), body_multilevel(d, RU_DEEP, RU_DEEP["sections"]), signatures_plain(d, RU_DEEP)), RU_DEEP,
         exp=expected(RU_DEEP, not_clauses=stamp_not_clauses(RU_DEEP), fold=True))

    # 21. «1)» and «а)» sub-items under typed clause numbers.
    def paren_items(d, k=A):
        header_plain(d, k)
        for si, (_, heading, cls) in enumerate(k["sections"], 1):
            para(d, f"{si}. {heading.upper()}", bold=True)
            for j, (text, children) in enumerate(cls, 1):
                para(d, f"{si}.{j}. {text}")
                for m, (t, _) in enumerate(children, 1):
                    para(d, (f"{m}) " if si % 2 else "абвгд"[m - 1] + ") ") + t)
        signatures_plain(d, k)
    docx("21-paren-items.docx", paren_items, A, convert=["rtf"])

    # 22. Acknowledgement twice, visas as a table.
    def ack_twice(d, k=S):
        header_plain(d, k)
        body_multilevel(d, k, k["sections"], caps=True)
        signatures_plain(d, k, "lines", ack=2)
    docx("22-ack-twice.docx", ack_twice, S)

    # 23. Start override: the second list restarts at 1 through w:startOverride, isLgl.
    def overrides(d, k=E):
        header_plain(d, k)
        nid_h = add_numbering(d, [("upperRoman", "%1.", 1, False, None), ("decimal", "%1.%2.", 1, True, None), ("decimal", "%1.%2.%3.", 1, True, None)])
        for _, heading, cls in k["sections"]:
            p = para(d, heading.upper(), bold=True)
            number(p, nid_h, 0)
            for depth, text in flatten(cls):
                p = para(d, text)
                number(p, nid_h, depth)
        signatures_plain(d, k)
    docx("23-islgl-en.docx", overrides, E, convert=["odt"])

    # 24. Numbering through paragraph styles (the style carries numPr, the level its pStyle).
    def style_numbering(d, k=A):
        header_plain(d, k)
        styles = d.styles
        from docx.enum.style import WD_STYLE_TYPE
        names = []
        for i in range(3):
            st = styles.add_style(f"Пункт {i + 1}", WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            names.append(st)
        nid = add_numbering(d, [("decimal", "%1.", 1, False, "1"), ("decimal", "%1.%2.", 1, False, "2"), ("decimal", "%1.%2.%3.", 1, False, "3")])
        # Style ids are what the level's pStyle names.
        for i, st in enumerate(names):
            st.element.set(qn("w:styleId"), str(i + 1))
            ppr = st.element.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {W}><w:numId w:val="{nid}"/></w:numPr>'))
        for _, heading, cls in k["sections"]:
            d.add_paragraph(heading.upper(), style=names[0])
            for depth, text in flatten(cls):
                d.add_paragraph(text, style=names[depth])
        signatures_plain(d, k)
    docx("24-style-numbering.docx", style_numbering, A, convert=["doc"])

    # 25. An order instead of a stamp; Google Docs-like plain paragraphs.
    def order(d, k=S):
        para(d, k["org"])
        para(d, "УТВЕРЖДЕНА приказом от 14.02.2025 № 17-к").alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para(d, "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ " + k["title_form"].upper(), bold=True, center=True)
        body_typed(d, k, k["sections"])
        signatures_plain(d, k)
    e25 = expected(S, not_clauses=stamp_not_clauses(S) + ["УТВЕРЖДЕНА приказом от 14.02.2025 № 17-к"])
    e25["title_form"] = S["title_form"]
    docx("25-order.docx", order, S, exp=e25, extra=["УТВЕРЖДЕНА приказом от 14.02.2025 № 17-к", S["title_form"].upper()])

    # RTF written by hand.
    rtf_doc(S, "cp", out, "26-ansicpg-listtext.rtf", manifest)
    rtf_doc(A, "raw", out, "27-raw-cp1251.rtf", manifest)
    rtf_doc(S, "pn", out, "28-pntext.rtf", manifest)
    rtf_doc(A, "unicode", out, "29-unicode.rtf", manifest)
    names += ["26-ansicpg-listtext.rtf", "27-raw-cp1251.rtf", "28-pntext.rtf", "29-unicode.rtf"]

    # Text.
    exp_t = lambda k: expected(k, not_clauses=stamp_not_clauses(k))
    write_text(out, "30-plain.txt", "\n".join(text_lines(S)), S, exp_t(S))
    write_text(out, "31-plain-cp1251.txt", "\r\n".join(text_lines(A)), A, exp_t(A), encoding="cp1251")
    write_text(out, "32-plain-en.txt", "\n".join(text_lines(E)), E, exp_t(E))
    one = " ".join(l for l in text_lines(S, stamp=False) if l and "___" not in l)
    e33 = expected(S, not_clauses=[S["org"], S["title_form"]], signatures=False)
    write_text(out, "33-one-paragraph.txt", one, S, e33)
    one_a = " ".join(l for l in text_lines(A, stamp=False) if l and "___" not in l)
    write_text(out, "34-one-paragraph-2.txt", one_a, A, expected(A, not_clauses=[A["org"]], signatures=False))
    write_text(out, "35-word.md", markdown(S), S, exp_t(S))
    write_text(out, "36-word-en.md", markdown(E), E, exp_t(E))
    write_text(out, "37-page.html", html(S), S, exp_t(S), extra=["Источник", "https", "example", "org", "instrukcii", "menedzher", "Инструкция"])
    e38 = expected(A, not_clauses=[A["org"], A["dept"], A["title_form"]], signatures=False)
    write_text(out, "38-lists.html", html_lists(A), A, e38)
    write_text(out, "39-plain-accountant.txt", "\n".join(text_lines(A)), A, exp_t(A))
    write_text(out, "40-page-en.html", html(E), E, exp_t(E), extra=["Источник", "https", "example", "org", "instrukcii", "menedzher", "Инструкция"])
    names += ["30-plain.txt", "31-plain-cp1251.txt", "32-plain-en.txt", "33-one-paragraph.txt", "34-one-paragraph-2.txt",
              "35-word.md", "36-word-en.md", "37-page.html", "38-lists.html", "39-plain-accountant.txt", "40-page-en.html"]

    with open(os.path.join(out, "convert.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    return names


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make.py OUT_DIR")
    made = main(sys.argv[1])
    print(f"{len(made)} documents")
