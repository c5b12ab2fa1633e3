"""Shared fixtures. Every test gets its own empty result cache, so a report cached by one test (perhaps under a
monkeypatch) is never served to another; tests/test_cache.py tests the cache itself. The commands tests start
keep their compiled patterns in a folder of the session's, not in the user's cache folder
(tests/test_regex_cache.py tests that store)."""
from __future__ import annotations

import pytest

from auditor import cache, regex_cache


@pytest.fixture(autouse=True, scope="session")
def _own_regex_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(regex_cache.ENVIRONMENT, str(tmp_path_factory.mktemp("regex-cache")))
        yield


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.mktemp("ssec-audit-cache")
    real = cache.default_folder
    monkeypatch.setattr(cache, "default_folder", lambda s: real(s) if s.cache_dir else folder / cache.FOLDER)
    yield
