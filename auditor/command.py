"""The ``ssec-audit`` console command: ``auditor.cli.main`` in a process of its own, started and ended quickly.

What only a whole process may do lives here rather than in ``cli``, which tests and editors import: keeping
compiled regular expressions between runs (``auditor.regex_cache``, installed before any rule module compiles
its patterns, hence the late import of ``cli``) and ending without tearing the interpreter down.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

from auditor import regex_cache


def run() -> NoReturn:
    """``main``, then end the process as soon as its output is flushed.

    Tearing the interpreter down (freeing the spaCy pipeline and every module, object by object) took 0.15-0.2 s,
    a seventh of a one-page run, and does nothing a finished audit needs; mypy ends the same way. The normal exit
    is kept when it has work to do: a worker process or another thread still running, coverage measuring (it
    saves its data at exit), or an exit status that is not a number.
    """
    regex_cache.install()
    from auditor.cli import main

    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
    regex_cache.save()
    if not isinstance(code, int) or not _nothing_left_to_do():
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)  # (a closed or broken stream: Python's own exit reports it as it always has)
    os._exit(code)


def _nothing_left_to_do() -> bool:
    import threading

    mp = sys.modules.get("multiprocessing")
    children = mp.active_children() if mp is not None else []
    return not children and threading.active_count() == 1 and "coverage" not in sys.modules
