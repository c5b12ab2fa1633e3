"""Embedded media: videos have captions (A210), audio has a transcript (A211), and frames (simulations,
players, maps) have a title (A212). Players embedded through a frame cannot be checked from the page source."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.accessibility.accname import accessible_name, aria_role, attr, is_hidden
from auditor.accessibility.elements import at_tag, elements
from auditor.loaders.html import id_index, labelledby_text
from auditor.rule import Example, MarkupRule, Problem


class VideoCaptions(MarkupRule):
    """Deaf and hard-of-hearing students need captions to follow a video's speech and sounds.

    Fires on ``<video>`` with no ``<track kind="captions">``. A ``kind="subtitles"`` track (or a track with no
    kind, which means subtitles) is reported as info: subtitles usually translate only the dialogue, while
    captions include sound effects and who is speaking; if yours do, mark them ``kind="captions"``.
    Videos embedded through an ``<iframe>`` (YouTube, Vimeo) cannot be checked from the page source.

    axe-core: same verdicts as ``video-caption`` (which also requires ``kind="captions"``).
    """

    id = "A210"
    name = "video-captions"
    category = "accessibility"
    severity = "error"
    summary = "Video has no captions"
    references = ("WCAG 2.2 SC 1.2.2 Captions (Prerecorded) (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example('{{<video src="volcano.mp4" controls>}}</video>'),
        Example('{{<video src="v.mp4">}}<track kind="subtitles" src="v.vtt" srclang="en"></video>',
                note="info"),
        Example('<video src="v.mp4" controls><track kind="captions" src="v.vtt" srclang="en"></video>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for video in elements(doc, "video"):
            if video.sourceline is None or is_hidden(video):
                continue
            kinds = [(t.get("kind") or "subtitles").strip().lower() for t in video.find_all("track")]
            if "captions" in kinds:
                continue
            if "subtitles" in kinds:
                yield at_tag(doc, video, "This video has a subtitles track but no captions track; subtitles "
                                         "often leave out sounds and speaker names that deaf students need.",
                             suggestion='If the track includes sounds and speakers, mark it kind="captions"; '
                                        "otherwise add a captions track.", severity="info")
                continue
            yield at_tag(doc, video, "This video has no captions, so deaf and hard-of-hearing students cannot "
                                     "follow what is said.",
                         suggestion='Add captions: <track kind="captions" src="captions.vtt" srclang="en">.')


class AudioTranscript(MarkupRule):
    """Students who cannot hear an audio clip need a text transcript of it.

    Fires on ``<audio>`` when no transcript is linked or shown nearby: none of the audio element's
    ``aria-describedby`` target, its parent (a ``<figure>`` or paragraph), or the two elements after it mention
    a transcript (a link or text containing "transcript"). A ``<track>`` inside ``<audio>`` also counts.

    axe-core: ``audio-caption`` was deprecated because a browser cannot find transcripts; reading the page
    source, we look for one near the audio.
    """

    id = "A211"
    name = "audio-transcript"
    category = "accessibility"
    severity = "warning"
    summary = "Audio has no transcript"
    references = ("WCAG 2.2 SC 1.2.1 Audio-only and Video-only (Prerecorded) (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example('<p>Listen to the frog.</p>{{<audio src="frog.mp3" controls>}}</audio><p>Next, draw it.</p>'),
        Example('<figure><audio src="frog.mp3" controls></audio><figcaption>Frog call. <a href="frog.txt">Read '
                'the transcript</a></figcaption></figure>'),
        Example('<audio src="frog.mp3" controls></audio><details><summary>Transcript</summary><p>Ribbit.</p>'
                '</details>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for audio in elements(doc, "audio"):
            if audio.sourceline is None or is_hidden(audio) or audio.find("track") is not None:
                continue
            texts = [labelledby_text(doc, audio.get("aria-describedby", ""), id_index(doc))]
            parent = audio.parent
            if parent is not None and parent.name not in ("body", "html", "[document]"):
                texts.append(parent.get_text(" "))
            sibling = audio
            for _ in range(2):
                sibling = sibling.find_next_sibling() if sibling is not None else None
                if sibling is not None:
                    texts.append(sibling.get_text(" "))
            if any("transcript" in t.lower() for t in texts):
                continue
            yield at_tag(doc, audio, "This audio has no transcript nearby, so students who cannot hear it miss "
                                     "what it says.",
                         suggestion="Put a transcript right after the audio (or in a <details> element), or link "
                                    "to one with a link that says \"Transcript\".")


class FrameTitle(MarkupRule):
    """A screen reader announces an embedded frame (a simulation, a video player, a map) by its name;
    without one students hear only "frame" and cannot tell whether to enter it.

    Fires on ``<iframe>`` and ``<frame>`` with no ``title``, ``aria-label`` or ``aria-labelledby`` (text), unless
    marked ``role="presentation"``/``"none"`` (and not focusable, and with no global ARIA attribute: browsers
    ignore the role otherwise) or ``aria-hidden="true"``. The suggested title is built from the
    frame's own context (its figure caption, else the heading of its section, and what its address says it
    is: a video player, a simulation, a map); with no context, no example title is offered.

    axe-core: same verdicts as ``frame-title``.
    """

    id = "A212"
    name = "frame-title"
    category = "accessibility"
    severity = "error"
    summary = "Frame has no title"
    references = ("WCAG 2.2 SC 4.1.2 Name, Role, Value (Level A)", "WCAG 2.2 SC 2.4.1 Bypass Blocks (Level A)")
    formats = frozenset({"html"})
    examples = (
        Example('{{<iframe src="https://phet.colorado.edu/sims/html/gravity.html">}}</iframe>'),
        Example('{{<iframe src="sim.html" title="">}}</iframe>'),
        Example('<h2>How volcanoes erupt</h2>{{<iframe src="https://www.youtube.com/embed/x">}}</iframe>',
                note='suggests title="How volcanoes erupt: video"'),
        Example('<iframe src="sim.html" title="Gravity and orbits simulation"></iframe>'),
        Example('{{<iframe src="sim.html" role="presentation" tabindex="0">}}</iframe>',
                note="a focusable frame cannot be presentational"),
        Example('<iframe src="ad.html" aria-hidden="true" tabindex="-1"></iframe>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for frame in elements(doc, "iframe", "frame"):
            if frame.sourceline is None or is_hidden(frame) or aria_role(frame) in ("presentation", "none"):
                continue
            name, _ = accessible_name(doc, frame, from_content=False)
            if not name:
                yield at_tag(doc, frame, f"This <{frame.name}> has no title, so a screen reader announces only "
                                         "\"frame\" and students cannot tell what it holds.",
                             suggestion=frame_title_suggestion(frame))


#: what a frame holds, from where it comes: players, simulations and maps
_HOSTS = (
    (re.compile(r"(youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|wistia|brightcove|kaltura|ted\.com/talks|"
                r"pbslearningmedia|dailymotion)", re.IGNORECASE), "video"),
    (re.compile(r"(phet\.colorado\.edu|geogebra|desmos|concord\.org|gizmos|/sims?/|simulation)", re.IGNORECASE),
     "simulation"),
    (re.compile(r"(google\.[a-z.]+/maps|openstreetmap|arcgis)", re.IGNORECASE), "map"),
    (re.compile(r"(docs\.google\.com/forms|forms\.office|quizlet|kahoot)", re.IGNORECASE), "quiz or form"),
)


def frame_title_suggestion(frame) -> str:
    """A title built from the frame's own context: its figure caption or the heading of its section, and
    what its address says it is (a video player, a simulation, a map). No example when there is nothing to
    build one from: a made-up title would be wrong more often than right."""
    src = attr(frame, "src")
    kind = next((what for pattern, what in _HOSTS if pattern.search(src)), "")
    topic = ""
    figure = frame.find_parent("figure")
    caption = figure.find("figcaption") if figure is not None else None
    if caption is not None:
        topic = caption.get_text(" ", strip=True)
    if not topic:
        heading = frame.find_previous(re.compile(r"^h[1-6]$"))
        topic = heading.get_text(" ", strip=True) if heading is not None else ""
    topic = " ".join(topic.split())
    topic = re.sub(r"^(fig(ure|\.)?|video|simulation)\s*[0-9.]*[:.]?\s*", "", topic, flags=re.IGNORECASE)
    if len(topic) > 60:
        topic = topic[:60].rsplit(" ", 1)[0] + "\u2026"
    if topic and kind and kind not in topic.lower():
        example = f"{topic}: {kind}"
    else:
        example = topic or ""
    base = "Add a title that says what the frame holds"
    if example:
        return f'{base}, for example title="{example}".'
    return base + (f" (this looks like a {kind}: say which one)." if kind else ", such as the name of the video "
                                                                              "or simulation.")



RULES = (VideoCaptions, AudioTranscript, FrameTitle)
