"""The tool never touches the network: every model, word list and dictionary is installed locally."""
import socket
from pathlib import Path

import pytest

from auditor.config import Settings
from auditor.engine import audit

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import nltk

    monkeypatch.setattr(nltk, "download", refuse)


def test_textstat_formulas_work_offline(no_network):
    from auditor.readability.syllables import install

    install()
    import textstat

    text = "The cat sat on the mat. It was a very good cat. Photosynthesis requires chlorophyll."
    # 3 sentences, 15 words, 24 syllables (CMU)
    assert textstat.syllable_count(text) == 24
    assert textstat.flesch_kincaid_grade(text) == pytest.approx(0.39 * 15 / 3 + 11.8 * 24 / 15 - 15.59)


def test_full_audit_offline(no_network):
    results = audit([("path", p) for p in sorted(SAMPLES.iterdir())], Settings(jobs=1))
    assert all(hasattr(r, "findings") for r in results)
