"""Grouping: which mentions refer to one person (knowledge-base entry, full name, a later surname or title +
surname, a surname seen before its full name), and which groups are trustworthy enough to keep.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.representation.kb import PARTICLES, Entry, KnowledgeBase
from auditor.representation.lexicon import Lexicon, longest_first
from auditor.representation.mention import Mention

#: Block kinds where a name alone is weak evidence of a featured person: headings, labels, alt text, tables.
WEAK_KINDS = frozenset({"heading", "label", "alt", "table_cell", "term", "other"})


@dataclass
class Group:
    """One person: the mentions that refer to them."""

    mentions: list[Mention] = field(default_factory=list)
    entry: Entry | None = None

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def name(self) -> str:
        if self.entry is not None:
            return self.entry.name
        full = [m for m in self.mentions if len(m.words) > 1]
        if full:
            best = max(full, key=_name_rank)
            return best.full or best.text
        titled = next((m for m in self.mentions if m.title), None)
        return f"{titled.title} {titled.text}" if titled else self.first.text

    @property
    def words(self) -> set[str]:
        return name_words([m.full or m.text for m in self.mentions] + (list(self.entry.names) if self.entry else []))


def name_words(names: list[str]) -> set[str]:
    """The words of these names as compared across spellings (particles aside, and joined to the word after)."""
    words = {spelling(w) for n in names for w in n.split() if w.casefold() not in PARTICLES}
    # "de Broglie" is also written "DeBroglie"
    words |= {spelling(p.group()) for n in names for p in _WITH_PARTICLE.finditer(n)}
    return words


_WITH_PARTICLE = re.compile(r"\b(?:" + "|".join(longest_first(PARTICLES)) + r")\s+\S+")


def spelling(name: str) -> str:
    """A name as compared across variant spellings: case, spaces, full stops and hyphens aside, Mac = Mc
    ("MacLeod" and "McLeod", "E.O. Wilson" and "E. O. Wilson", "DeBroglie" and "de Broglie")."""
    key = re.sub(r"[\s.\-'’]+", "", name.casefold())
    return re.sub(r"^mac(?=[a-z]{3})", "mc", key)


def group_mentions(mentions: list[Mention], kb: KnowledgeBase, lex: Lexicon) -> list[Group]:
    """Mentions of one person together: by knowledge-base entry, full name, then a word of an earlier name."""
    groups: list[Group] = []
    by_entry: dict[str, Group] = {}
    by_full: dict[str, Group] = {}
    last_seen: dict[int, int] = {}
    # each group's ``words``, kept up to date as mentions join, and the groups with each word (computing them
    # afresh for every group at every mention made a paragraph of many names quadratic)
    words_of: dict[int, set[str]] = {}
    groups_with: dict[str, list[Group]] = {}
    # what ``Group.name`` picks from the mentions (the longest full name, else the first titled one), kept up
    # to date likewise
    fullest: dict[int, Mention] = {}
    titled: dict[int, Mention] = {}
    # the groups with a full-name mention ending in each word, for ``_suffix_match`` (all its tests need the
    # same last word), with each group's creation order so the first one created still wins
    ending_in: dict[str, list[Group]] = {}
    ended: set[tuple[str, int]] = set()
    created: dict[int, int] = {}

    def add(group: Group, m: Mention, order: int) -> None:
        group.mentions.append(m)
        last_seen[id(group)] = order
        if len(m.words) > 1 and (id(group) not in fullest or _name_rank(m) > _name_rank(fullest[id(group)])):
            fullest[id(group)] = m
        if m.title:
            titled.setdefault(id(group), m)
        created.setdefault(id(group), len(created))
        end = m.words[-1].casefold()
        if len(m.words) > 1 and (end, id(group)) not in ended:
            ended.add((end, id(group)))
            ending_in.setdefault(end, []).append(group)
        words = words_of.setdefault(id(group), set())
        for w in name_words([m.full or m.text] + (list(group.entry.names) if group.entry else [])) - words:
            words.add(w)
            groups_with.setdefault(w, []).append(group)

    for order, m in enumerate(mentions):
        key = spelling(" ".join(m.words))
        if m.entry is not None:
            group = by_entry.get(m.entry.id) or by_full.get(spelling(m.entry.name))
            if group is None:
                group = Group(entry=m.entry)
                groups.append(group)
            group.entry = group.entry or m.entry
            by_entry[m.entry.id] = group
            by_full.setdefault(key, group)
            add(group, m, order)
            continue
        if len(m.words) > 1:
            near = sorted(ending_in.get(m.words[-1].casefold(), ()), key=lambda g: created[id(g)])
            group = by_full.get(key) or _suffix_match(m, near)
            if group is None:
                group = Group()
                groups.append(group)
                by_full[key] = group
            add(group, m, order)
            continue
        word = spelling(m.text)
        # (the order of ``matches`` is immaterial: the group seen last wins, and no two share ``last_seen``)
        matches = [g for g in groups_with.get(word, ()) if len(words_of[id(g)]) > 1 or spelling(g.first.text) == word]
        if matches:
            surname = [g for g in matches if spelling(_name(g, fullest, titled).split()[-1]) == word]
            pool = surname or matches
            add(max(pool, key=lambda g: last_seen[id(g)]), m, order)
            continue
        group = Group()
        groups.append(group)
        add(group, m, order)
    _merge_late_full_names(groups)
    return [g for g in groups if _keep(g, kb, lex)]


def _name_rank(m: Mention) -> tuple[int, int, int]:
    return len(m.words), -m.block.index, -m.start


def _name(g: Group, fullest: dict[int, Mention], titled: dict[int, Mention]) -> str:
    """``g.name`` from what ``group_mentions`` keeps, without a pass over the group's mentions."""
    if g.entry is not None:
        return g.entry.name
    if id(g) in fullest:
        return fullest[id(g)].full or fullest[id(g)].text
    t = titled.get(id(g))
    return f"{t.title} {t.text}" if t else g.first.text


def _suffix_match(m: Mention, groups: list[Group]) -> Group | None:
    """"Elizabeth Johnson" after "Ayana Elizabeth Johnson": a shorter full name ending the same way."""
    words = [w.casefold() for w in m.words]
    for g in groups:
        for other in g.mentions:
            ow = [w.casefold() for w in other.words]
            if len(ow) > len(words) and ow[-len(words):] == words:
                return g
            if len(ow) != len(words) and len(ow) > 1 and ow[0] == words[0] and ow[-1] == words[-1]:
                return g  # "Alfred Wallace" and "Alfred Russel Wallace"
            if len(ow) == len(words) > 1 and ow[-1] == words[-1] and ow[1:-1] == words[1:-1] and _short_form(
                    ow[0], words[0]):
                return g  # "Fred Sanger" and "Frederick Sanger", "E. O. Wilson" and "Edward O. Wilson"
    return None


def _short_form(a: str, b: str) -> bool:
    """One first name is the other's initial or a short form of it at least two letters shorter ("Fred" and
    "Frederick"; not "Carl" and "Carla")."""
    short, long_ = sorted((a.rstrip("."), b.rstrip(".")), key=len)
    if not short or short == long_:
        return False
    if len(short) == 1:
        return long_.startswith(short) and (a.endswith(".") or b.endswith("."))
    return len(short) >= 3 and len(long_) >= len(short) + 2 and long_.startswith(short)


def _merge_late_full_names(groups: list[Group]) -> None:
    """A surname seen before its full name ("Wu ... Chien-Shiung Wu") joins the full name's group."""
    full_by_surname: dict[str, list[Group]] = {}  # built once: asking every group for each surname was quadratic
    for g in groups:
        if any(len(m.words) > 1 for m in g.mentions):
            full_by_surname.setdefault(g.name.split()[-1].casefold(), []).append(g)
    for single in list(groups):
        if len(single.mentions[0].words) != 1 or single.entry is not None or any(
                len(m.words) > 1 for m in single.mentions):
            continue
        word = single.first.text.casefold()
        later = full_by_surname.get(word, [])
        if len(later) == 1:
            later[0].mentions = sorted(later[0].mentions + single.mentions,
                                       key=lambda m: (m.block.index, m.start))
            groups.remove(single)


def _keep(group: Group, kb: KnowledgeBase, lex: Lexicon) -> bool:
    """Drop groups with no trustworthy evidence: heading-only guesses, uncorroborated single words, things."""
    if group.entry is not None or any("title" in m.sources for m in group.mentions):
        return True
    if any(m.sources & {"role", "apposition"} and m.block.kind not in WEAK_KINDS for m in group.mentions):
        return True
    if all(m.block.kind in WEAK_KINDS for m in group.mentions):
        return False
    prose = [m for m in group.mentions if m.block.kind not in WEAK_KINDS]
    if all(len(m.words) == 1 for m in group.mentions):
        return any("weak" not in m.sources for m in prose)
    return True


def run_people(records: list[dict]) -> list[dict]:
    """One record per person over a whole run (a scientist featured in five files counts once): by knowledge-base
    entry, by name spelled the same way ("E.O. Wilson", "E. O. Wilson"), by first names that agree ("Fred Sanger"
    in one file, "Frederick Sanger" in another), and a bare surname featured as a scientist with the one
    featured scientist of that surname named in full ("Galilei" and "Galileo Galilei"). When merged records
    disagree about an attribute, it becomes unknown: a wrong fact is worse than none."""
    distinct: dict[str, dict] = {}
    for p in records:
        key = p["kb"] or f"name:{spelling(p['name'])}"
        if key not in distinct:
            distinct[key] = dict(p)
        else:
            _absorb(distinct[key], p)
    people = list(distinct.values())
    by_surname: dict[str, list[dict]] = {}
    for p in people:
        by_surname.setdefault(spelling(p["name"].split()[-1]), []).append(p)
    gone: set[int] = set()
    for same in by_surname.values():
        for p in same:
            if id(p) in gone or p["kb"] is not None:
                continue
            words = p["name"].split()
            full = [q for q in same if q is not p and id(q) not in gone and len(q["name"].split()) > 1]
            if len(words) == 1:
                match = full if len(full) == 1 and p["scientist"] and full[0]["scientist"] else []
            else:
                match = [q for q in full if _names_agree(words, q["name"].split())][:1]
            if match:
                _absorb(match[0], p)
                gone.add(id(p))
    return [p for p in people if id(p) not in gone]


def _names_agree(a: list[str], b: list[str]) -> bool:
    """Two full names with the same surname whose first names agree: the same, an initial, or a short form."""
    def agree(x: str, y: str) -> bool:
        return spelling(x) == spelling(y) or _short_form(x, y)
    if not agree(a[0], b[0]):
        return False
    shorter, longer = sorted((a[1:-1], b[1:-1]), key=len)
    rest = iter(longer)
    return all(any(agree(w, k) for k in rest) for w in shorter)


def _absorb(keep: dict, other: dict) -> None:
    if other["scientist"] and not keep["scientist"]:
        keep["scientist"] = True
    if keep["kb"] is None and (other["kb"] is not None or len(other["name"]) > len(keep["name"])):
        keep["name"], keep["kb"] = other["name"], other["kb"]
    for key in ("gender", "region", "born"):
        mine, theirs = keep.get(key), other.get(key)
        if mine in (None, "unknown"):
            keep[key] = theirs
        elif theirs not in (None, "unknown") and theirs != mine:
            keep[key] = None if key == "born" else "unknown"
