"""What a Spanish text says about the people it names: a role word with its article and a nationality beside the
name ("la científica keniana Wangari Maathai", "Maathai, una bióloga keniana,", "Ochoa fue un bioquímico
español"), "nació en México", and "ella"/"él" referring to the one person named just before.

Data: ``rules/representation/es/lexicon.toml``. Names are found as in English (the knowledge base, capitalised
words); only this evidence is Spanish. Gender comes from the role word's form or its article, never from a first
name; the masculine is also Spanish's generic, so it counts only for a named person, like "he" in English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.data import load_toml
from auditor.document import Block, Document
from auditor.representation.attributes import Facts, PronounUse, _line, _sentence_bounds
from auditor.representation.grouping import Group
from auditor.representation.lexicon import _alternation, lexicon
from auditor.representation.mention import NAME, Mention

#: Continental adjectives that name a UN region directly ("una ingeniera africana").
CONTINENTAL = {"africano": "Africa", "europeo": "Europe", "asiático": "Asia",
               "latinoamericano": "Latin America and the Caribbean", "sudamericano": "Latin America and the Caribbean",
               "centroamericano": "Latin America and the Caribbean", "caribeño": "Latin America and the Caribbean"}
#: After a name: ", una bióloga", " fue un bioquímico", " es astronauta" (groups: the article after a comma,
#: the article after a verb)
_APPOSITIVE = (r"(?:\s*,\s+(el|la|un|una)\s+|\s+(?:es|era|fue|ha sido|trabaja como|trabajó como)\s+"
               r"(?:(el|la|un|una)\s+)?)")
_FEMININE_ARTICLES = frozenset({"la", "una"})
_MASCULINE_ARTICLES = frozenset({"el", "un"})


@dataclass(frozen=True)
class SpanishLexicon:
    roles: dict[str, tuple[str, str | None]]  # word -> (kind "science"|"example", gender of the form or None)
    demonyms: dict[str, tuple[str, str]]  # any form -> (country, region)
    countries: dict[str, tuple[str, str]]  # Spanish name -> (country, region)
    pronouns: dict[str, str]  # "ella" -> "woman"
    role_re: str
    demonym_re: str
    country_re: str


def forms(demonym: str) -> list[str]:
    """The four forms of a masculine singular demonym: keniano -> keniana, kenianos, kenianas."""
    if demonym.endswith("o"):
        stem = demonym[:-1]
        return [demonym, stem + "a", stem + "os", stem + "as"]
    accented = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
    if demonym[-2:-1] in accented and demonym[-1] in "sn":  # francés -> francesa, alemán -> alemana
        stem = demonym[:-2] + accented[demonym[-2]] + demonym[-1]
        return [demonym, stem + "a", stem + "es", stem + "as"]
    if demonym[-1] in "lr" or demonym.endswith("z"):  # español -> española
        return [demonym, demonym + "a", demonym + "es", demonym + "as"]
    if demonym[-1] in "íú":  # marroquí, marroquíes, marroquís
        return [demonym, demonym + "es", demonym + "s"]
    return [demonym, demonym + "s"]  # estadounidense(s), belga(s), vietnamita(s)


@lru_cache(maxsize=1)
def spanish_lexicon() -> SpanishLexicon:
    data = load_toml("representation", "es", "lexicon.toml")
    regions = lexicon().countries
    roles: dict[str, tuple[str, str | None]] = {}
    for kind in ("science", "example"):
        for masculine, feminine in data["roles"][kind]:
            same = masculine == feminine
            roles[masculine] = (kind, None if same else "man")
            roles[feminine] = (kind, None if same else "woman")
    demonyms: dict[str, tuple[str, str]] = {}
    countries: dict[str, tuple[str, str]] = {}
    for row in data["country"]:
        place = (row["english"], regions[row["english"]])
        for name in row["names"]:
            countries[name] = place
        for form in [*forms(row["demonym"]), *row.get("forms", ())]:
            demonyms[form] = place
    for adjective, region in CONTINENTAL.items():
        for form in forms(adjective):
            demonyms.setdefault(form, ("", region))
    pronouns = {w: gender for gender, words in data["pronouns"].items() for w in words}
    return SpanishLexicon(roles, demonyms, countries, pronouns, _alternation(list(roles)),
                          _alternation(list(demonyms)), _alternation(list(countries)))


def mention_facts(m: Mention, facts: Facts) -> None:
    """Role, gender, region and birthplace said in Spanish right next to this mention."""
    lex = spanish_lexicon()
    text = m.block.text
    s_start, s_end = _sentence_bounds(m.block, m.start)
    before, after = text[s_start:m.start], text[m.end:s_end]
    where = f"line {_line(m.block, m.start)}"
    # "la científica keniana Wangari Maathai", "el biólogo Charles Darwin"
    pre = re.search(rf"(?i:\b(el|la|un|una)\s+)?\b(?i:({lex.role_re}))(?:\s+(?i:({lex.demonym_re})))?\s+$", before)
    if pre:
        _role(pre.group(1), pre.group(2), pre.group(3), f"'{pre.group().strip()} {m.text}' ({where})", facts, lex)
    # "Wangari Maathai, una bióloga keniana,", "Ochoa fue un bioquímico español"
    post = re.match(rf"^{_APPOSITIVE}(?i:({lex.role_re}))\b(?:\s+(?i:({lex.demonym_re}))\b)?", after)
    if post:
        article = post.group(1) or post.group(2)
        _role(article, post.group(3), post.group(4), f"'{m.text}{after[:post.end()]}' ({where})", facts, lex)
    # "nació en Nairobi, Kenia", "creció en México"
    town = r"(?:[A-ZÁÉÍÓÚ][\w-]*(?:\s+[A-ZÁÉÍÓÚ][\w-]*)*,\s+)?"  # "Nairobi, "
    place = re.match(rf"^[^.;]{{0,80}}?\b(?:naci[óo]|creci[óo])\s+en\s+{town}({lex.country_re})\b", after)
    if place:
        country, region = lex.countries[place.group(1)]
        facts.region.append((region, country, f"'{m.text}{after[:place.end()]}' ({where})"))
    # "(nacida en 1940)", "(n. 1975)"
    year = re.match(r"^\s*\((?:nacid[oa]\s+en|n\.)\s+(?:\d{1,2}\s+de\s+\w+\s+de\s+)?(\d{4})\b", after)
    if year and 1000 <= int(year.group(1)) <= 2025:
        facts.born.append((int(year.group(1)), f"'{m.text}{after[:year.end()]}' ({where})"))


def _role(article: str | None, word: str, demonym: str | None, evidence: str, facts: Facts,
          lex: SpanishLexicon) -> None:
    kind, form_gender = lex.roles[word.lower()]
    facts.roles.append((kind, word.lower(), evidence))
    article = (article or "").lower()
    article_gender = "woman" if article in _FEMININE_ARTICLES else "man" if article in _MASCULINE_ARTICLES else None
    if not (form_gender and article_gender and form_gender != article_gender):  # ("el científica": no evidence)
        gender = form_gender or article_gender
        if gender:
            facts.gender.append((gender, evidence))
    if demonym:
        country, region = lex.demonyms[demonym.lower()]
        facts.region.append((region, country, evidence))


def resolve_pronouns(doc: Document, groups: list[Group], facts: dict[int, Facts]) -> list[PronounUse]:
    """Every "ella"/"él" in the text, resolved to the one person named earlier in its sentence or the two
    before, in the same block (Spanish usually leaves the subject pronoun out, so a written one is emphatic and
    close to its person). Two people named there: not resolved."""
    lex = spanish_lexicon()
    pattern = re.compile(r"(?<![\w])(" + _alternation(list(lex.pronouns)) + r")(?![\w])", re.IGNORECASE)
    by_block: dict[int, list[tuple[Mention, Group]]] = {}
    for g in groups:
        for m in g.mentions:
            by_block.setdefault(m.block.index, []).append((m, g))
    uses: list[PronounUse] = []
    for block in doc.blocks:
        if block.kind == "title":
            continue
        sents = [(s.start_char, s.end_char) for s in block.nlp.sents] if block.nlp is not None else []
        sents = sents or [(0, len(block.text))]
        for pm in pattern.finditer(block.text):
            i = next((k for k, (a, b) in enumerate(sents) if a <= pm.start() < b), 0)
            window = sents[max(0, i - 2)][0]
            near = {id(g): g for m, g in by_block.get(block.index, []) if window <= m.start < pm.start()}
            gender = lex.pronouns[pm.group(1).lower()]
            form = "she" if gender == "woman" else "he"
            person = next(iter(near.values())) if len(near) == 1 else None
            uses.append(PronounUse(form, block, pm.start(), person, True))
            if person is not None:
                f = facts.setdefault(id(person), Facts())
                f.pronouns[form] += 1
                f.gender.append((gender, f"'{pm.group(1)}' (line {_line(block, pm.start())})"))
    return uses


def candidates(block: Block) -> list[Mention]:
    """Names a Spanish role word introduces: "la ingeniera mexicana Ana Ramírez", "Ana Ramírez, una ingeniera",
    "Ochoa fue un bioquímico" (the English patterns find the rest: the knowledge base, titles)."""
    lex = spanish_lexicon()
    text = block.text
    found = [Mention(block, m.start(1), m.end(1), {"role"}) for m in re.finditer(
        rf"(?i:\b(?:{lex.role_re}))(?:\s+(?i:(?:{lex.demonym_re})))?\s+({NAME})", text)]
    for m in re.finditer(rf"(?<![\w'’.-])({NAME}){_APPOSITIVE}(?i:(?:{lex.role_re}))\b", text):
        if " " in m.group(1) or m.group(2) is None:  # a lone word needs a verb: "Sin embargo, una ..."
            found.append(Mention(block, m.start(1), m.end(1), {"role"}))
    return found
