"""Embedded media: videos have captions (A210), audio has a transcript (A211), and frames (simulations,
players, maps) have a title (A212). Players embedded through a frame cannot be checked from the page source."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.accessibility.accname import accessible_name, aria_role, is_hidden
from auditor.accessibility.elements import at_tag, elements
from auditor.loaders.html import id_index, labelledby_text
from auditor.rule import Example, Problem, Rule


class VideoCaptions(Rule):
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


class AudioTranscript(Rule):
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


class FrameTitle(Rule):
    """A screen reader announces an embedded frame (a simulation, a video player, a map) by its name;
    without one students hear only "frame" and cannot tell whether to enter it.

    Fires on ``<iframe>`` and ``<frame>`` with no ``title``, ``aria-label`` or ``aria-labelledby`` (text), unless
    marked ``role="presentation"``/``"none"`` or ``aria-hidden="true"``.

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
        Example('<iframe src="sim.html" title="Gravity and orbits simulation"></iframe>'),
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
                             suggestion='Add a title that says what it is: title="Gravity and orbits simulation".')



RULES = (VideoCaptions, AudioTranscript, FrameTitle)
