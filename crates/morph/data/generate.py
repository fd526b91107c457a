#!/usr/bin/env python3
"""Generates forms.tsv (the table jobdoc-morph embeds) from words.txt with pymorphy3.

Run offline once after editing words.txt, then review the diff of forms.tsv:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pymorphy3 pymorphy3-dicts-ru
    /tmp/venv/bin/python crates/morph/data/generate.py

The committed table was made with pymorphy3 2.0.6 and pymorphy3-dicts-ru 2.4.417150.4580142.

Each row of forms.tsv: nominative, class, gender, genitive, dative (all lower case, «ё» kept);
a C row has "-" for the two cases and a sixth column, its other forms, comma-separated.
Classes: N noun, A adjective or participle (also a noun declined like one: «рабочий»),
C a noun that follows the head of a title (only its oblique forms are used),
P invariable first part of a hyphenated title, I indeclinable noun, T word kept as it is before
the head phrase. Gender: m, f, n, or - (P, T).

pymorphy3 is right for almost every title word; where it is not (or where a title needs a
different reading than its first parse), OVERRIDES below fixes the row, each with its reason.
The script stops when a word is unknown to the dictionary (a guessed parse) unless it is in
OVERRIDES or GUESSES_REVIEWED, so nothing unreviewed reaches the table.
"""

import os
import sys

import pymorphy3

HERE = os.path.dirname(os.path.abspath(__file__))

# nominative -> (class, gender, genitive, dative); reviewed by hand.
OVERRIDES = {
    # The dictionary has «бариста» only as feminine; it declines the same for a man.
    "бариста": ("N", "f", "баристы", "баристе"),
    # Newer words the dictionary lacks (pymorphy only guesses them): written out by hand.
    "сушист": ("N", "m", "сушиста", "сушисту"),
    "кальянщик": ("N", "m", "кальянщика", "кальянщику"),
    "клинер": ("N", "m", "клинера", "клинеру"),
    "тимлид": ("N", "m", "тимлида", "тимлиду"),
    "эникейщик": ("N", "m", "эникейщика", "эникейщику"),
    "ресепшионист": ("N", "m", "ресепшиониста", "ресепшионисту"),
    "таргетолог": ("N", "m", "таргетолога", "таргетологу"),
    "рерайтер": ("N", "m", "рерайтера", "рерайтеру"),
    "нутрициолог": ("N", "m", "нутрициолога", "нутрициологу"),
    "трихолог": ("N", "m", "трихолога", "трихологу"),
    "байер": ("N", "m", "байера", "байеру"),
    "стикеровщик": ("N", "m", "стикеровщика", "стикеровщику"),
    "медрегистратор": ("N", "m", "медрегистратора", "медрегистратору"),
    "сисадмин": ("N", "m", "сисадмина", "сисадмину"),
    "спичрайтер": ("N", "m", "спичрайтера", "спичрайтеру"),
    "блогер": ("N", "m", "блогера", "блогеру"),
    "коуч": ("N", "m", "коуча", "коучу"),
    "андеррайтер": ("N", "m", "андеррайтера", "андеррайтеру"),
    "мерчендайзер": ("N", "m", "мерчендайзера", "мерчендайзеру"),
    "супервайзер": ("N", "m", "супервайзера", "супервайзеру"),
    "диджей": ("N", "m", "диджея", "диджею"),
    "внедренец": ("N", "m", "внедренца", "внедренцу"),
    # «стрелок» has a fleeting vowel in the title sense («стрелка ВОХР»).
    "стрелок": ("N", "m", "стрелка", "стрелку"),
    # «боец»: «е» becomes «й».
    "боец": ("N", "m", "бойца", "бойцу"),
    # «судья», «старшина» are masculine or feminine; the forms do not depend on it.
    "судья": ("N", "f", "судьи", "судье"),
    "старшина": ("N", "m", "старшины", "старшине"),
    # «подмастерье» is a masculine noun in -е that declines.
    "подмастерье": ("N", "m", "подмастерья", "подмастерью"),
    # pymorphy reads «калькулятор» as the device; the forms are the same as the position's.
    "калькулятор": ("N", "m", "калькулятора", "калькулятору"),
    # pymorphy reads these as the genitive plural of «электроника», «теплоэнергетика».
    "электроник": ("N", "m", "электроника", "электронику"),
    "теплоэнергетик": ("N", "m", "теплоэнергетика", "теплоэнергетику"),
    # «член» (of a board): pymorphy's first parse is fine, stated for clarity.
    "член": ("N", "m", "члена", "члену"),
    # «хозяйка» parses fine; «сестра-хозяйка» is built by the hyphen rule.
    # Adjective-declension nouns listed as nouns: keep the noun reading.
    "портной": ("N", "m", "портного", "портному"),
    "служащий": ("N", "m", "служащего", "служащему"),
    # «ученый» as an adjective («ученый секретарь»); pymorphy's first parse is the noun.
    "ученый": ("A", "m", "ученого", "ученому"),
    "ученая": ("A", "f", "ученой", "ученой"),
    # «рабочий» as a title is the noun «рабочего», not the verb-like «рабочий» of «рабочий день»
    # (same forms either way), and pymorphy's feminine «рабочая» is wanted too.
    "рабочий": ("A", "m", "рабочего", "рабочему"),
    "рабочая": ("A", "f", "рабочей", "рабочей"),
    # pymorphy reads «лесничий» as the possessive adjective («лесничьего»); the position is
    # declined like «рабочий».
    "лесничий": ("A", "m", "лесничего", "лесничему"),
}

# Prefixes that are also titles of their own («су-шеф», «шеф» alone); pymorphy also knows
# «арт» and «обер» as nouns, which no title uses alone.
PREFIX_NOUNS = {"шеф", "генерал", "премьер"}

# Rows the generator makes that are not words of any title (a masculine made from a
# feminine-only noun declined like an adjective, a possessive form).
DROP = {"горничный", "лесничья"}

# Words pymorphy3 only guesses (not in its dictionary) whose guess was checked and is right.
GUESSES_REVIEWED = {
    "ветфельдшер", "главврач", "медбрат", "рентгенолаборант", "музейщик", "вебмастер",
    "кодер", "дефектоскопист", "асфальтобетонщик", "ретушер", "монтажер", "окрасчик",
    "автоэлектрик", "шиномонтажник", "автомойщик", "отборщик", "аккомпаниатор", "сурдолог",
    "неонатолог", "эндоскопист", "рентгенотехник", "оптометрист", "интервьюер", "холодильщик",
    "дезинфектор", "авиадиспетчер", "стивидор", "охотовед", "педикюрша", "кальянщик",
    "гигиенист", "патологоанатом", "нормоконтролер", "теплоэнергетик", "жиловщик",
    "обвальщик", "утюжильщик", "маникюрша", "стерженщик", "ресепшионист", "документовед",
    "операционист", "тьютор", "тестировщик", "копирайтер", "кинолог", "ортодонт",
    "гастроэнтеролог", "цитолог", "пульмонолог", "нефролог", "посудомойщица", "категорийный",
}



def read_words():
    sections = {}
    current = None
    with open(os.path.join(HERE, "words.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1]
                sections.setdefault(current, [])
                continue
            sections[current].extend(line.split())
    return sections


def known(parse):
    return all(type(m[0]).__name__ in ("DictionaryAnalyzer", "HyphenSeparatedParticleAnalyzer")
               for m in parse.methods_stack)


def noun_rows(word, morph, problems):
    parses = [p for p in morph.parse(word)
              if ("NOUN" in p.tag or "ADJF" in p.tag or "PRTF" in p.tag)
              and "nomn" in p.tag and "sing" in p.tag and "Name" not in p.tag
              and "Surn" not in p.tag and "Patr" not in p.tag]
    if not parses:
        problems.append(f"{word}: no nominative singular reading")
        return []
    # Prefer an animate noun reading (a person), then any noun.
    parses.sort(key=lambda p: (("NOUN" not in p.tag), ("anim" not in p.tag)))
    p = parses[0]
    if not known(p) and word not in GUESSES_REVIEWED:
        problems.append(f"{word}: only a guess ({p.tag}); review it and list it")
    gen = p.inflect({"gent", "sing"})
    dat = p.inflect({"datv", "sing"})
    if gen is None or dat is None:
        problems.append(f"{word}: cannot inflect ({p.tag})")
        return []
    gender = "f" if "femn" in p.tag else "n" if "neut" in p.tag else "m"
    return [(word, "N", gender, gen.word, dat.word)]


def adjective_rows(word, morph, problems):
    parses = [p for p in morph.parse(word)
              if ("ADJF" in p.tag or "PRTF" in p.tag) and "nomn" in p.tag and "sing" in p.tag]
    if not parses:
        # A noun declined like an adjective («вожатый», «разнорабочий»): its own gender only.
        nouns = [p for p in morph.parse(word)
                 if "NOUN" in p.tag and "nomn" in p.tag and "sing" in p.tag
                 and p.inflect({"gent"}) is not None
                 and p.inflect({"gent"}).word.endswith(("ого", "его", "ой", "ей"))]
        if not nouns:
            problems.append(f"{word}: no adjective reading")
            return []
        p = nouns[0]
        gender = "f" if "femn" in p.tag else "m"
        return [(word, "A", gender, p.inflect({"gent"}).word, p.inflect({"datv"}).word)]
    p = parses[0]
    if not known(p) and word not in GUESSES_REVIEWED:
        problems.append(f"{word}: only a guess ({p.tag}); review it and list it")
    rows = []
    for gender, tag in (("m", "masc"), ("f", "femn")):
        nom = p.inflect({tag, "sing", "nomn"})
        gen = p.inflect({tag, "sing", "gent"})
        dat = p.inflect({tag, "sing", "datv"})
        if nom is None or gen is None or dat is None:
            problems.append(f"{word}: cannot inflect the {tag} ({p.tag})")
            continue
        rows.append((nom.word, "A", gender, gen.word, dat.word))
    return rows


def complement_rows(word, morph, problems):
    parses = [p for p in morph.parse(word) if "NOUN" in p.tag]
    if not parses:
        problems.append(f"{word}: no noun reading")
        return []
    p = parses[0]
    forms = []
    for f in p.lexeme:
        w = f.word
        if w != p.normal_form and w not in forms:
            forms.append(w)
    gender = "f" if "femn" in p.tag else "n" if "neut" in p.tag else "m"
    return [(p.normal_form, "C", gender, "-", "-", ",".join(forms))]


def main():
    morph = pymorphy3.MorphAnalyzer()
    sections = read_words()
    rows = {}
    problems = []

    def add(row):
        key = row[0].replace("ё", "е")
        if key in rows and rows[key] != row:
            # The first class wins (nouns are read before adjectives).
            return
        rows[key] = row

    for word in sections.get("nouns", []):
        if word in OVERRIDES:
            continue
        for row in noun_rows(word, morph, problems):
            add(row)
    for word in sections.get("adjectives", []):
        if word in OVERRIDES:
            continue
        for row in adjective_rows(word, morph, problems):
            add(row)
    for word in sections.get("complements", []):
        for row in complement_rows(word, morph, problems):
            if row[0].replace("ё", "е") not in rows:
                add(row)
    for word in sections.get("prefixes", []):
        # A prefix that is a person noun of its own («шеф», «генерал») carries its forms for
        # where it is the last part («су-шеф» → «су-шефа»); the others repeat the word.
        gen, dat = word, word
        for p in morph.parse(word) if word in PREFIX_NOUNS else []:
            if "NOUN" in p.tag and "anim" in p.tag and "nomn" in p.tag and "sing" in p.tag:
                gen, dat = p.inflect({"gent"}).word, p.inflect({"datv"}).word
                break
        add((word, "P", "-", gen, dat))
    for word in sections.get("indeclinable", []):
        add((word, "I", "m", word, word))
    for word in sections.get("transparent", []):
        add((word, "T", "-", word, word))
    for word, (cls, gender, gen, dat) in OVERRIDES.items():
        rows[word.replace("ё", "е")] = (word, cls, gender, gen, dat)
    for word in DROP:
        rows.pop(word, None)

    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    out = os.path.join(HERE, "forms.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by generate.py from words.txt (pymorphy3, reviewed). Do not edit by hand.\n")
        f.write("# nominative\tclass\tgender\tgenitive\tdative\n")
        for key in sorted(rows):
            f.write("\t".join(rows[key]) + "\n")
    print(f"{out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
