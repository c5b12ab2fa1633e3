"""Shared fixtures. Every test gets its own empty result cache, so a report cached by one test (perhaps under a
monkeypatch) is never served to another; tests/test_cache.py tests the cache itself."""
from __future__ import annotations

import pytest

from auditor import cache


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.mktemp("ssec-audit-cache")
    real = cache.default_folder
    monkeypatch.setattr(cache, "default_folder", lambda s: real(s) if s.cache_dir else folder / cache.FOLDER)
    yield
