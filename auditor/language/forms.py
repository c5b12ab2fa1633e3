"""English word forms, so that a pack entry written once ("fireman") also matches "firemen", "fireman's" and
"firemen's", and so that its suggestion can take the same form ("firefighter" -> "firefighters").

Entries are written as lemmas; we generate the inflected forms instead of lemmatising the text, because the
prefilter must run on raw block text before (and without) any NLP. The rules are the regular English ones plus
a small table of irregular words that occur in pack entries.
"""
from __future__ import annotations

import re

IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
    "mouse": "mice", "tooth": "teeth", "goose": "geese", "ox": "oxen", "wife": "wives", "life": "lives",
    "knife": "knives", "leaf": "leaves", "half": "halves", "self": "selves", "human": "humans",
    "german": "germans", "shaman": "shamans", "caiman": "caimans", "talisman": "talismans",
    "fish": "fish", "sheep": "sheep", "deer": "deer", "species": "species", "series": "series",
    "people": "peoples", "elderly": "elderly", "deaf": "deaf", "blind": "blind",
}
#: verb: (past, past participle)
IRREGULAR_VERBS = {
    "fall": ("fell", "fallen"), "make": ("made", "made"), "find": ("found", "found"),
    "strike": ("struck", "stricken"), "be": ("was", "been"), "have": ("had", "had"), "go": ("went", "gone"),
    "run": ("ran", "run"), "come": ("came", "come"), "take": ("took", "taken"), "give": ("gave", "given"),
    "lead": ("led", "led"), "bring": ("brought", "brought"), "teach": ("taught", "taught"),
    "think": ("thought", "thought"), "get": ("got", "gotten"), "hold": ("held", "held"),
    "keep": ("kept", "kept"), "leave": ("left", "left"), "lose": ("lost", "lost"), "see": ("saw", "seen"),
    "set": ("set", "set"), "sit": ("sat", "sat"), "stand": ("stood", "stood"), "turn": ("turned", "turned"),
}

def plural(word: str) -> str:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return _same_case(word, IRREGULAR_PLURALS[lower])
    for singular, many in IRREGULAR_PLURALS.items():
        if lower.endswith(singular) and singular in ("man", "woman", "person", "child") and len(lower) > len(singular):
            # fireman -> firemen, chairperson -> chairpersons (compounds of person keep -s)
            if singular == "person":
                break
            return word[: len(word) - len(singular)] + _same_case(word[-len(singular):], many)
    if re.search(r"[^aeiou]y$", lower):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + "es"
    return word + "s"


def _same_case(model: str, word: str) -> str:
    return word.upper() if model.isupper() and len(model) > 1 else word


#: Longer verbs stressed on the last syllable also double it: commit -> committed.
DOUBLING = frozenset({"commit", "admit", "permit", "omit", "submit", "refer", "prefer", "occur", "control", "compel",
                      "propel", "repel", "expel", "regret", "forget", "begin"})


def _doubles(word: str) -> bool:
    """Short consonant-vowel-consonant verbs double their last letter: man -> manned, stop -> stopping."""
    w = word.lower()
    return w in DOUBLING or (len(w) <= 4 and bool(re.search(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$", w)))


def verb_forms(word: str) -> dict[str, str]:
    lower = word.lower()
    third = plural(word) if lower not in IRREGULAR_PLURALS else word + "s"
    if lower in IRREGULAR_VERBS:
        past, participle = IRREGULAR_VERBS[lower]
    elif lower.endswith("e"):
        past = participle = word + "d"
    elif re.search(r"[^aeiou]y$", lower):
        past = participle = word[:-1] + "ied"
    elif _doubles(word):
        past = participle = word + word[-1] + "ed"
    else:
        past = participle = word + "ed"
    if lower.endswith("ie"):
        ing = word[:-2] + "ying"
    elif lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")):
        ing = word[:-1] + "ing"
    elif _doubles(word):
        ing = word + word[-1] + "ing"
    else:
        ing = word + "ing"
    return {"base": word, "third": third, "past": past, "participle": participle, "ing": ing}


def noun_forms(word: str) -> dict[str, str]:
    many = plural(word)
    forms = {"base": word, "plural": many, "possessive": word + "'s"}
    forms["plural-possessive"] = many + "'" if many.endswith("s") else many + "'s"
    return forms


def phrase_forms(phrase: str, inflect: str) -> dict[str, str]:
    """Every form of ``phrase`` -> its label. ``inflect``: plural (last word, as a noun), verb (first word), none."""
    words = phrase.split(" ")
    if inflect == "none":
        return {phrase: "base"}
    if inflect == "verb":
        return {" ".join([form, *words[1:]]): label for label, form in verb_forms(words[0]).items()}
    return {" ".join([*words[:-1], form]): label for label, form in noun_forms(words[-1]).items()}


def inflect_like(suggestion: str, label: str, inflect: str) -> str:
    """Put ``suggestion`` in the form ``label`` the matched text had ("firefighter", plural -> "firefighters")."""
    if label == "base" or inflect == "none":
        return suggestion
    words = suggestion.split(" ")
    if inflect == "verb":
        words[0] = verb_forms(words[0]).get(label, words[0])
    else:
        words[-1] = noun_forms(words[-1]).get(label, words[-1])
    return " ".join(words)


def keep_case(original: str, replacement: str) -> str:
    """Give the replacement the case pattern of the original: Mankind -> Humankind, MANKIND -> HUMANKIND,
    Founding Fathers -> Founders; lowercase stays lowercase."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
