"""The language a document (and each passage) is written in: declared first, else detected.

Declared: the HTML ``lang`` attribute, a ``lang``/``language`` key in Markdown front matter, the Word document's
language property (the default style's language is only a weak hint: Word templates set it to the writer's
locale whatever they type, so the text can overrule it). Detected: the share of each language's most common
function words among the text's words, a light, offline and deterministic method that is reliable on a
paragraph or more of running prose; too little text, or two languages too close, gives no answer (and the
document is treated as English, as before).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from auditor.document import Block, Document

NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German", "it": "Italian"}
# The most frequent function words of each language (articles, prepositions, pronouns, conjunctions, common
# verbs), chosen so that the sets overlap little; frequency-list knowledge, not a trained model.
_STOP = {
    "en": "the of and to in is that it for was on are as with his they be at this have from or by not but "
          "what all were when we there can an which their has would if do will each about how them these so "
          "some her into than its our out who been you",
    "es": "el la los las de del y que en un una es por con para se no su al lo como más pero sus le ya o "
          "este esta entre cuando muy sin sobre también hasta hay donde quien desde todo nos durante todos uno "
          "les ni contra otros ese eso ante ellos esto mí antes algunos qué unos yo otro otras otra él tanto "
          "esa estos mucho cual poco ella estar estas algunas algo nosotros son está tiene pueden puede",
    "fr": "le la les de des du et est un une en que qui dans pour pas sur au aux ce cette ces il elle ils "
          "sont avec ne se plus par son sa ses nous vous leur mais ou comme être fait tout aussi",
    "pt": "o a os as de do da dos das e que em um uma é para com não por se na no mais como mas ao ele "
          "ela seu sua são foi pelo pela também quando muito nos já está isso entre",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als nach "
          "wie aber vor bei sind oder wird noch über durch sie er wir ihr",
    "it": "il lo la gli le di del della dei delle e che un una è per non con si sono da al alla nel nella "
          "come ma più anche questo questa essere ha",
}
STOP_WORDS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 25  # below this, function-word shares are noise
MIN_SHARE = 0.15  # running prose in a language has 30-50% of its words in its list
MARGIN = 1.5  # the winner's share over the runner-up's


def primary(tag: str | None) -> str | None:
    """``"es-MX"`` -> ``"es"``; None for nothing."""
    tag = (tag or "").strip().lower().replace("_", "-")
    return tag.split("-", 1)[0] or None if tag else None


def detect(text: str) -> str | None:
    """The language of ``text`` by function-word shares, or None when there is too little text or no clear
    winner."""
    found = _WORD.findall(text)
    if len(found) < MIN_WORDS:
        return None
    counts: Counter[str] = Counter()
    for word, count in Counter(found).items():  # each distinct word lowered once, not every occurrence
        counts[word.lower()] += count
    shares = sorted(((sum(counts[w] for w in stop if w in counts) / len(found), lang)
                     for lang, stop in STOP_WORDS.items()), reverse=True)
    (best, lang), (second, _) = shares[0], shares[1]
    if best < MIN_SHARE or best < MARGIN * second:
        return None
    return lang


def name(lang: str | None) -> str:
    return NAMES.get(lang or "", f"language {lang!r}")


def settle(doc: Document) -> None:
    """Set ``doc.language`` and ``doc.language_source`` from what the document declares, else from its text."""
    declared = primary(doc.meta.get("lang") or doc.meta.get("language"))
    weak = doc.meta.get("lang-source") == "styles"
    if declared and not weak:
        doc.language, doc.language_source = declared, "declared"
        return
    text = " ".join(b.text for b in doc.blocks if b.kind != "alt" and not b.lang)
    found = detect(text)
    if found:
        doc.language, doc.language_source = found, "detected"
    elif declared:
        doc.language, doc.language_source = declared, "declared"


def configure(doc: Document, configured: str | None) -> None:
    """Apply the configuration's ``language`` for this file: it beats detection, not the document's own
    declaration (as the document's grade band beats the configured one)."""
    lang = primary(configured)
    if lang and doc.language_source != "declared":
        doc.language, doc.language_source = lang, "configuration"


def _own(block: Block, lang: str) -> bool:
    return (primary(block.lang) or lang) == lang


def in_language(doc: Document, lang: str) -> Document:
    """The document as the checks of ``lang`` read it: without blocks marked as another language, and with
    inline runs in another language (``<span lang="en">`` in a Spanish paragraph) blanked out (same length, so
    every offset still maps to the source). ``doc`` itself when nothing is marked."""
    if all(_own(b, lang) and not _foreign_runs(b, lang) for b in doc.blocks):
        return doc
    blocks = []
    for block in doc.blocks:
        if not _own(block, lang):
            continue
        runs = _foreign_runs(block, lang)
        if runs:
            text = list(block.text)
            for start, end, _ in runs:
                text[start:end] = _blank(block.text[start:end])
            block = replace(block, text="".join(text))
        blocks.append(block)
    return replace(doc, blocks=blocks)


def foreign_count(doc: Document, lang: str) -> int:
    """How many blocks and inline runs are marked as a language other than ``lang``."""
    return sum(1 if not _own(b, lang) else len(_foreign_runs(b, lang)) for b in doc.blocks)


def _foreign_runs(block: Block, lang: str) -> list[tuple[int, int, str]]:
    return [run for run in block.foreign if (primary(run[2]) or lang) != lang]


def _blank(text: str) -> str:
    """Spaces for everything but line breaks (the line numbers of the block's other text stay right)."""
    return "".join(ch if ch == "\n" else " " for ch in text)
