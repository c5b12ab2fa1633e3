"""Instructions that rely on colour, shape, position or sound alone (WCAG 1.3.3 and 1.4.1): a text check no
browser-based tool does. Regular expressions over prose, tuned for precision: they fire on instructions about
the page or screen ("click the green button"), not on science that talks about colour ("the leaf turns
yellow", "red blood cells") or position inside a picture ("the star on the right of the diagram")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.rule import ENGLISH, Example, MarkupRule, Problem, problem_at

COLOUR = (r"(?:red|green|blue|yellow|orange|purple|pink|brown|black|white|gr[ae]y|violet|gold(?:en)?|silver|"
          r"teal|turquoise|magenta|cyan|maroon|navy|light[- ]\w+|dark[- ]\w+|bright[- ]\w+)")
#: things on a page or screen that an instruction can point at
UI = (r"(?:buttons?|links?|icons?|tabs?|check ?box(?:es)?|menus?|tool ?bar|bar|panels?|banners?|"
      r"headings?|text|words?|terms?|fields?|options?|symbols?|labels?|boxes|box|keys?|answers?|"
      r"questions?|items?|sentences?|highlights?|stickers?|dots?|squares?|circles?)")
SHAPE_ADJ = (r"(?:round|square|circular|triangular|rectangular|oval|diamond[- ]shaped|star[- ]shaped|"
             r"heart[- ]shaped|arrow[- ]shaped)")
SHAPE_NOUN = r"(?:circle|square|triangle|star|diamond|arrow|heart|hexagon|oval)"
CONTROL = r"(?:button|icon|link|key|symbol|tab)s?"
VERB = (r"(?:click|tap|press|select|choose|hit|push|touch|use|pick|drag|find|look\s+(?:at|for)|read|answer|"
        r"complete|follow|circle|underline|check|type\s+in|fill\s+in|go\s+to|see|open)")
UI_VERB = r"(?:click|tap|press|hit|touch|select|choose|drag)"
#: left and right only: "top" and "bottom" of a page follow reading order (start and end), which WCAG's
#: Understanding 1.3.3 accepts, like "above" and "below"; corners ("top right") still count
POS = (r"(?:(?:top|bottom|upper|lower)[- ](?:left|right)(?:[- ]hand)?(?:\s+corner)?|(?:left|right)(?:[- ]hand)?"
       r"(?:\s+side)?|far\s+(?:left|right))")
#: things an instruction can place "on the right"; physical objects ("the box", "the cart") are left out,
#: because in science "the box on the left" is usually an object in a problem, not a part of the page
POS_NOUN = (r"(?:buttons?|links?|icons?|menus?|tabs?|side ?bar|panels?|columns?|shapes?|pictures?|images?|photos?|"
            r"diagrams?|figures?|drawings?|illustrations?|list|toolbar|window|(?:answer|text|check|input|search)"
            r"\s?box(?:es)?)")
#: pictures that a sentence can point at by where they sit on the page ("the drawing on the right"); objects in a
#: problem ("the cart on the left"), parts of the body ("the left atrium") and sides of an equation never match
FIGURE = (r"(?:diagrams?|drawings?|pictures?|images?|photos?|photographs?|figures?|illustrations?|graphs?|charts?|"
          r"maps?|sketch(?:es)?|micrographs?)")
SIDE = r"(?:left|right|far\s+left|far\s+right)"
#: not "on the left of the lens" / "on the right side of the mirror": a place relative to something else (in optics,
#: where an image forms), unless that something is the page or the screen
NOT_OF = r"(?!(?:[- ]hand)?(?:\s+side)?\s+of\s+(?!the\s+(?:page|screen)\b))"
#: "to the right" after a noun is usually a direction of motion ("push the box to the right"); only controls,
#: which do not move, are placed that way
POS_UI_NOUN = r"(?:buttons?|links?|icons?|menus?|tabs?|side ?bar|panels?|columns?|toolbar|window)"
PICTURE = (r"(?:diagram|figure|graph|image|photo(?:graph)?|picture|illustration|drawing|map|model|chart|table|"
           r"fig\.?|micrograph|sky)")

_INSTRUCTION = re.compile(
    r"^(?:[\"“(]?\s*)(?:(?:please|now|then|first|next|finally|again|also|to\s+[^,]{1,60}),?\s+)*"
    r"(?:click|tap|press|select|choose|use|look|see|find|read|fill|write|answer|drag|move|put|place|type|"
    r"enter|check|circle|underline|colou?r|mark|go|refer|follow|open|hit|push|touch|scroll|listen|wait|"
    r"compare|point|match|draw|cut|glue|copy|label|study|review)\b"
    r"|\byou\s+(?:can\s+|should\s+|will\s+|must\s+|may\s+|need\s+to\s+)?(?:click|tap|press|select|choose|see|"
    r"find|use|hear|drag|type|enter|fill|look|read|answer)\b",
    re.IGNORECASE)
_INSIDE_PICTURE = re.compile(rf"^\s*(?:(?:of|in|on|inside|within)\s+(?:the|this|that|each)\s+(?:\w+\s+)?{PICTURE}s?"
                             rf"\b|in\s+(?:fig(?:ure|\.)?|table|diagram)\s*\d)", re.IGNORECASE)

#: Every pattern below starts with a letter: this lookahead, which every character the first letter of any
#: alternative can match (case-insensitive: a-z, A-Z, and the Kelvin sign, long s and dotted and dotless i) passes,
#: lets the regex engine skip most other positions without trying each alternative there (A215 took a third less
#: time on the Physics pages; matches are the same). \w rather than [a-z]: case-insensitive, [a-z] takes in
#: characters beyond Latin-1 and compiles into a table of all of Unicode, a tenth of a millisecond per pattern.
AT_LETTER = r"(?=\w)"


def _words(pattern: str) -> re.Pattern:
    return re.compile(f"{AT_LETTER}(?:{pattern})", re.IGNORECASE)


PATTERNS: tuple[tuple[str, re.Pattern, bool], ...] = (
    # (what it relies on, pattern, needs an instruction sentence)
    ("colour", _words(rf"\b{VERB}\s+(?:on\s+)?(?:the|a|an|any|all|each|every|both)?\s*{COLOUR}"
                      rf"(?:[- ]colou?red)?\s+{UI}\b"), False),
    ("colour", _words(rf"\b(?:words?|terms?|text|answers?|items?|questions?|fields?|links?|options?|sentences?|"
                      rf"vocabulary(?:\s+words)?|instructions?|steps?|entries|choices)\s+(?:that\s+are\s+|which\s+"
                      rf"are\s+|are\s+|is\s+)?(?:shown|marked|highlighted|printed|written|displayed|coloured|"
                      rf"colored|underlined|in)\s+(?:in\s+)?{COLOUR}\b"), False),
    ("colour", _words(rf"\bthe\s+{COLOUR}\s+(?:buttons?|links?|icons?|tabs?|check ?box(?:es)?)\b"), False),
    ("shape", _words(rf"\bthe\s+{SHAPE_ADJ}\s+{CONTROL}\b"), False),
    ("shape", _words(rf"\b{UI_VERB}\s+(?:on\s+)?the\s+{SHAPE_NOUN}(?:\s+{CONTROL}|\s+shape)?"
                     rf"(?=\s*(?:[.,;:!?)]|$|\s+(?:to|and|in\s+the\s+(?:corner|toolbar|menu|top|bottom))\b))"), False),
    ("position", _words(rf"\bthe\s+(?:\w+\s+)?(?:{POS_NOUN}\s+(?:on|at|in)|{POS_UI_NOUN}\s+to)\s+the\s+{POS}"
                        rf"(?:\s+(?:of|on)\s+the\s+(?:page|screen|window|worksheet))?\b"), True),
    # a picture named only by where it sits, in any sentence: "The diagram on the left represents an element"
    ("picture", _words(rf"\bthe\s+(?:[a-z]+\s+)?{FIGURE}\s+(?:(?:shown|pictured|drawn)\s+)?(?:on|at|to)\s+the\s+"
                       rf"{SIDE}{NOT_OF}(?:[- ]hand)?(?:\s+side)?(?:\s+of\s+the\s+(?:page|screen))?\b"
                       rf"|\b(?:the|see)\s+{SIDE}(?:[- ]hand)?\s+(?:{FIGURE}|panel)\b"
                       rf"|\b(?:shown|pictured)\s+(?:on|at|to)\s+the\s+{SIDE}{NOT_OF}\b"
                       rf"|\b(?:on|at|to)\s+the\s+{SIDE}\s+(?:is|are)\s+(?:a|an|the|two|three)\s+(?:[a-z]+\s+)?"
                       rf"{FIGURE}\b"
                       rf"|\b{FIGURE}\s+at\s+(?:left|right)\b"
                       rf"|\bthe\s+(?:[a-z]+\s+)?{FIGURE}\s+in\s+the\s+(?:middle|centre|center)\b(?!\s+of\b)"), False),
    ("sound", _words(r"\b(?:when|once|after|as\s+soon\s+as)\s+you\s+hear\s+(?:the|a|an)\s+(?:\w+\s+)?"
                     r"(?:beep|chime|ding|buzzer|alert|alarm\s+sound|click(?:ing)?\s+sound)s?\b"
                     r"|\b(?:listen|wait)\s+for\s+(?:the|a|an)\s+(?:beep|chime|ding|buzzer|alert)\b"
                     r"|\b(?:after|at)\s+the\s+(?:beep|chime|ding|buzzer)\b"), False),
)

#: "press the red button on the microscope": a control on lab equipment, not on the page
_ON_OBJECT = re.compile(r"^\s+(?:on|of)\s+(?:the|your|a|an|each)\s+(?!(?:page|screen|website|web\s+page|site|window|"
                        r"toolbar|menu|app|simulation|sim|game|keyboard|slide|worksheet|left|right|top|bottom|form|"
                        r"video|player|quiz)\b)[a-z]", re.IGNORECASE)
#: a numbered figure or table named in the same paragraph ("In Figure 3, the drawing on the left...")
_NAMED_FIGURE = re.compile(r"\b(?:fig(?:ure|\.)?|table|diagram)\s*\d", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
#: cheap prefilter: a block with none of these words cannot match any pattern
_CUES = re.compile(rf"(?<!\w){AT_LETTER}(?:{COLOUR}|{SHAPE_ADJ}|{SHAPE_NOUN}|left|right|top|bottom|middle|"
                   r"cent(?:re|er)|hear|beep|chime|ding|buzzer)", re.IGNORECASE)
_ADVICE = {
    "colour": ("colour", "Also name it in words or with a label or symbol: \"the Submit button\", \"the words in "
                         "bold (shown in red)\"."),
    "shape": ("shape", "Name it by its label or purpose as well: \"the Play button (round arrow icon)\"."),
    "position": ("position on the page", "Refer to it by its name or label too (\"Figure 2\", \"the Glossary "
                                          "link\"); the layout changes on phones and screen readers read in order."),
    "picture": ("position on the page", "Name the picture instead (\"Figure 2\", \"the drawing of the comet\"): "
                                        "screen readers read pictures one after another, and on phones they stack."),
    "sound": ("a sound", "Give a visible cue as well: \"when the timer reaches zero (you will also hear a "
                         "beep)\"."),
}
PROSE = frozenset({"paragraph", "list_item", "label", "table_cell", "definition", "heading"})


class SensoryInstructions(MarkupRule):
    """Instructions that only make sense if you can see colour, shape or position, or hear a sound, leave
    out students who are blind, colour-blind, deaf, or using a phone where the layout has moved.

    Fires on instructions that point at the page or screen by:

    - colour: "click the green button", "choose a red box", "the words shown in red are new", "required
      fields are marked in red";
    - shape: "the round icon", "click the star";
    - position (only in an instruction sentence: one that starts with a verb such as click, look, find,
      colour, or says "you can see/click..."): "Colour the shape on the right", "Use the menu in the
      top-right corner", "Look at the diagram on the right";
    - position of a picture, in any sentence (a statement too): "The diagram on the left represents an
      element", "The drawing on the right...", "the left image", "On the left is a drawing of...", "the cell
      shown on the right", "the drawing in the middle" (on a phone the pictures stack, and a screen reader
      reads them one after another);
    - sound: "when you hear the beep", "wait for the chime".

    Does not fire on science content: "the leaf turns yellow", "red blood cells", "the red arrow shows the
    force" (not an instruction about the page), "select the green leaves", "the star on the right of the
    diagram" (a position inside a picture, which the picture's alt text must describe), "when you hear
    thunder", or on "above"/"below", which follow reading order and are fine (WCAG Understanding 1.3.3). Left and
    right in science stay quiet: "the left hand rule", "the right atrium", "the left side of the equation", "the
    image on the right of the lens" (a place relative to something else), "the cart on the left" (an object in a
    problem, not a picture), and a picture's panels when the paragraph names the figure ("In Figure 3, the
    drawing on the left...", "Figure 2 shows a magnet... (see left-hand image)"): those are places inside one
    picture, which its alt text describes.
    Quotations, captions and alt text are not checked. Naming the thing as well as its colour passes
    ("click the green Submit button"): the colour is then extra, not the only cue.

    axe-core: no equivalent (axe checks rendered contrast, not wording). WCAG failure technique F14 (shape or
    location) and F26/F81 (colour).
    """

    languages = ENGLISH

    id = "A215"
    name = "sensory-instructions"
    category = "accessibility"
    severity = "warning"
    summary = "Instruction relies on colour, shape, position or sound"
    references = ("WCAG 2.2 SC 1.3.3 Sensory Characteristics (Level A)", "WCAG 2.2 SC 1.4.1 Use of Color (Level A)")
    examples = (
        Example("<p>{{Click the green button}} to start the simulation.</p>"),
        Example("<p>Colour {{the shape on the right}}.</p>"),
        Example("<p>Tap {{the round icon}} to hear the word.</p>"),
        Example("<p>{{When you hear the beep}}, stop the timer.</p>"),
        Example("<p>New {{vocabulary words are shown in blue}}.</p>"),
        Example("{{Click the **green button}}** to start.", format="markdown"),
        Example("<p>In autumn the leaf turns yellow and falls.</p>"),
        Example("<p>The red blood cells carry oxygen to the body.</p>"),
        Example("<p>Look at the star on the right of the diagram.</p>"),
        Example("<p>Select the green leaves and count them.</p>"),
        Example("<p>When you hear thunder, count the seconds until the lightning.</p>"),
        Example("<p>The box on the left has more mass than the box on the right.</p>"),
        Example("<p>Push the box to the right and then release it.</p>"),
        Example("<p>Use {{the menu at the left}} to find the movies.</p>"),
        Example("<p>Click the Submit button below.</p>"),
        Example("<p>Click the green Submit button.</p>"),
        Example("<p>{{The diagram on the left}} represents an element.</p>"),
        Example("<p>Use the left hand rule; blood enters the right atrium.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for block in doc.blocks:
            if block.kind not in PROSE or block.quoted:
                continue
            text = block.text
            if not _CUES.search(text):
                continue
            for sentence in _SENTENCE.finditer(text):
                s_text = sentence.group(0)
                instruction = _INSTRUCTION.search(s_text.lstrip()) is not None
                reported: list[tuple[int, int]] = []
                for kind, pattern, needs_instruction in PATTERNS:
                    if needs_instruction and not instruction:
                        continue
                    for match in pattern.finditer(s_text):
                        rest = s_text[match.end():]
                        if kind in ("position", "colour", "shape") and _INSIDE_PICTURE.match(rest):
                            continue
                        if kind == "picture" and _NAMED_FIGURE.search(text):
                            continue  # panels of a numbered figure: its alt text and caption describe them
                        if kind in ("colour", "shape") and _ON_OBJECT.match(rest):
                            continue
                        start, end = sentence.start() + match.start(), sentence.start() + match.end()
                        if any(s < end and start < e for s, e in reported):
                            continue
                        reported.append((start, end))
                        what, advice = _ADVICE[kind]
                        if kind == "picture":
                            message = (f"This sentence names a picture only by where it sits on the page "
                                       f"(\u201c{text[start:end]}\u201d); students who cannot see the layout, or "
                                       "read on a phone where pictures stack, cannot tell which picture it means.")
                        else:
                            message = (f"This instruction relies on {what} alone (\u201c{text[start:end]}\u201d); "
                                       "students who cannot see or hear it cannot follow it.")
                        yield problem_at(block, start, end, message, suggestion=advice,
                                         data={"relies_on": "position" if kind == "picture" else kind})
