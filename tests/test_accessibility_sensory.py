"""A215 sensory-instructions: instructions that rely on colour, shape, position or sound alone fire; science
content about colour, shape, position and sound does not."""
import re

import pytest
from auditkit import assert_case
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.accessibility.sensory import _CUES, AT_LETTER, PATTERNS

FIRES = [
    # colour
    ("{{Click the green button}} to start the simulation.", "colour"),
    ("{{Press the red button}} when you are done.", "colour"),
    ("Select slope-intercept form and {{drag the blue circles}} along the line.", "colour"),
    ("{{Choose a yellow box}} for each correct answer.", "colour"),
    ("New {{vocabulary words are shown in blue}}.", "colour"),
    ("Required {{fields are marked in red}}.", "colour"),
    ("The correct {{answers are highlighted in green}}.", "colour"),
    ("Circle the {{words in red}}.", "colour"),
    ("If you get stuck, {{use the orange icon}}.", "colour"),
    ("{{Tap on the purple tab}} to see your score.", "colour"),
    # shape
    ("Tap {{the round icon}} to hear the word.", "shape"),
    ("{{Click the star}} to save your work.", "shape"),
    ("{{Press the triangle button}} to play the video.", "shape"),
    ("{{The square button}} stops the recording.", "shape"),
    # position
    ("Colour {{the shape on the right}}.", "position"),
    ("Use {{the menu at the left}} to navigate to three short movies.", "position"),
    ("Use {{the navigation menu in the left}} panel of this website.", "position"),
    ("Look at {{the diagram on the right}}.", "position"),
    ("Click {{the button to the right}} of the search box.", "position"),
    ("You can find the glossary in {{the sidebar on the right}}.", "position"),
    ("Then click {{the icon in the top right corner}}.", "position"),
    ("Write your answer in {{the answer box on the right}}.", "position"),
    ("{{Click the red button}} on the screen to stop.", "colour"),
    # a picture named only by its place on the page, in a statement (issue 15: recall was 15% on real pages)
    ("{{The diagram on the left}} represents an element.", "position"),
    ("{{The drawing on the right}} shows a compound of two elements.", "position"),
    ("{{The diagram on the left}} illustrates the path of Voyager 2.", "position"),
    ("{{On the left is a drawing}} of light striking a barrier.", "position"),
    ("{{The left image}} is a drawing of a comet's path.", "position"),
    ("In {{the right picture}}, the proton is leaving the tube.", "position"),
    ("The cell {{shown on the right}} is a plant cell.", "position"),
    ("The {{photo at right}} shows a volcano.", "position"),
    ("The field lines go through the loop ({{see left-hand image}}).", "position"),
    ("{{The image on the right side of the page}} shows a cell.", "position"),
    ("{{The drawing in the middle}} shows a narrower opening.", "position"),
    # sound
    ("{{When you hear the beep}}, stop the timer.", "sound"),
    ("{{Wait for the chime}} before you answer.", "sound"),
    ("Start writing {{after the buzzer}}.", "sound"),
]

PASSES = [
    # colour as science
    "In autumn the leaf turns yellow and falls.",
    "The red blood cells carry oxygen to the body.",
    "Select the green leaves and count them.",
    "Press the red litmus paper onto the wet surface.",
    "Use the blue pen to label the parts of the flower.",
    "Find the blue whale on the map.",
    "The red arrow shows the direction of the force.",
    "Look at the red arrow in Figure 3.",
    "Blue light has a shorter wavelength than red light.",
    "Click beetles are brown and flip into the air.",
    "Copper sulfate solution is blue.",
    # shape as science
    "The round cells divide every hour.",
    "Draw a circle around the nucleus.",
    "Press the clay into a square block.",
    "Honeybees build hexagonal cells.",
    # position as science, direction, or reading order
    "Look at the star on the right of the diagram.",
    "The star on the right of the photo is Polaris.",
    "The box on the left has more mass than the box on the right.",
    "Push the box to the right and then release it.",
    "The car moves to the left at 5 m/s.",
    "See the diagram below.",
    "Answer the questions above.",
    "Look at the image on the left in Figure 4.",
    "Press the red button on the spectrometer to start it.",
    "Click on the link at the bottom of the page.",
    "Use the menu at the top to find the glossary.",
    # left and right in science, and pictures named by number as well
    "Use the left hand rule to find the direction of the force.",
    "Use the right-hand rule for the magnetic field.",
    "Blood from the body enters the right atrium.",
    "The left ventricle pumps blood to the body.",
    "Move the terms to the left side of the equation.",
    "The right side of the equation is the kinetic energy.",
    "The right side of the image shows small galaxies.",
    "In Figure 3, the drawing on the left shows a plant cell.",
    "Figure 2 shows a magnet and a loop. Seven field lines go through the loop (see left-hand image).",
    "The image on the right side of the lens is real.",
    "The image on the left of the mirror is virtual.",
    "The lines to the right of the opening are the same length.",
    "The magnetic field points to the left in the diagram.",
    "A right triangle has one right angle.",
    "The cell in the middle of the tissue divides first.",
    "The image in the center of the lens is sharp.",
    "The diagram in the middle of Figure 2 shows the opening.",
    "The cart on the left has more mass than the cart on the right.",
    "Point B is on the left, farthest from the sun.",
    # sound as science
    "When you hear thunder, count the seconds until you see lightning.",
    "Listen for the frog calls near the pond.",
    "When you hear the tone change, record the frequency.",
    "The bell rings at a frequency of 440 Hz.",
    # named as well as coloured
    "Click the green Submit button.",
    "Click the Submit button below.",
]


@pytest.mark.parametrize("case,kind", FIRES)
def test_fires(case, kind):
    (finding,) = assert_case("A215", f"<p>{case}</p>")
    assert dict(finding.data)["relies_on"] == kind


@pytest.mark.parametrize("text", PASSES)
def test_does_not_fire(text):
    assert_case("A215", f"<p>{text}</p>")


def test_markdown_and_plain_text():
    # the Markdown span runs from the phrase's first to its last character in the source, emphasis and all
    assert_case("A215", "1. {{Click the **green button}}** to begin.\n", "markdown")
    assert_case("A215", "{{Click the green button}} to begin.\n", "text")


def test_quotes_captions_and_alt_text_are_not_checked():
    assert_case("A215", '<blockquote><p>Click the green button, she said.</p></blockquote>'
                '<figure><img src="a.png" alt="Click the green button"><figcaption>Click the green button.'
                '</figcaption></figure>')
    # a caption that names the panels of its own (composite) picture speaks of places inside that picture
    assert_case("A215", '<figure><img src="a.png" alt="Two orbits"><figcaption>The diagram on the left shows the '
                'path of Voyager 2; the one on the right, Voyager 1.</figcaption></figure>')


def test_span_is_the_phrase():
    (finding,) = assert_case("A215", "<p>First read the text.\nThen {{click the green button}}.</p>")
    assert finding.text == "click the green button"


_OLD_AT_LETTER = "(?=[a-z])"  # what every pattern started with before (?=\w)
_PIECES = st.one_of(
    st.sampled_from(["click", "the", "green", "button", "diagram", "on", "left", "right", "hear", "beep", "round",
                     "icon", "Red", "LEFT", "shown", "in", "blue", "words", "star", "corner", "top", "picture"]),
    st.sampled_from([" ", "  ", "-", ".", ",", "1", "_", "é", "\u212a", "\u017f", "\u0130", "\u0131", "K", "s", "\n"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_patterns_match_as_with_the_letter_lookahead(pieces):
    """(?=\\w) admits every position (?=[a-z]) admitted (case-insensitive), and the rest of each pattern needs a
    letter there anyway: the same matches."""
    text = "".join(pieces)
    for pattern in [p for _, p, _ in PATTERNS] + [_CUES]:
        old = re.compile(pattern.pattern.replace(AT_LETTER, _OLD_AT_LETTER), pattern.flags)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_the_letter_lookahead_admits_every_letter_case_insensitive_a_z_matches():
    letters = re.compile(_OLD_AT_LETTER, re.IGNORECASE)
    assert all(re.match(AT_LETTER, chr(c)) for c in range(0x110000) if letters.match(chr(c)))
