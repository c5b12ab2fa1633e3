"""Watch mode: audit, then audit again whenever a watched file changes, in one process that stays loaded.

Starting the tool (Python, spaCy and its model, the rules' data) costs about a second; auditing a changed page in
a process that has done all that takes about a tenth of one (``benchmarks/run.py --resident``). A writer who keeps
``ssec-audit --watch unit.html`` open beside the editor sees each save's report at that speed.

Files are polled (size and modification time, twice a second), which works the same on every system and on
network folders. Unchanged files come from the result cache, so a round audits only what changed. A change to
the configuration file or to a pack it names restarts the process: data loaded once per process is then read
again, so no report is ever made with an old pack.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SECONDS = 0.5

#: (path, modification time in ns, size) of each watched file; None and None for a file that is gone.
Snapshot = tuple[tuple[str, int | None, int | None], ...]


def snapshot(paths: Iterable[Path | str]) -> Snapshot:
    state: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            st = os.stat(path)
            state.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            state.append((str(path), None, None))
    return tuple(sorted(state))


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed or modified between two snapshots."""
    old, new = {p: (m, s) for p, m, s in before}, {p: (m, s) for p, m, s in after}
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


def watch(run: Callable[[], object], lessons: Callable[[], list[Path]], settings_files: Callable[[], list[Path]],
          note: Callable[[str], None], *, clear: Callable[[], None] = lambda: None,
          sleep: Callable[[float], None] = time.sleep, restart: Callable[[], None] | None = None) -> int:
    """Run ``run`` now and after every change to ``lessons()``; restart the process when ``settings_files()``
    change. Returns 0 when the user stops it (Ctrl-C)."""
    restart = restart or _restart
    try:
        settings = snapshot(settings_files())
        seen = snapshot(lessons())
        run()
        note(f"watching {_count(seen)} for changes (Ctrl-C stops)")
        while True:
            sleep(POLL_SECONDS)
            if snapshot(settings_files()) != settings:
                note("the configuration changed: starting again")
                restart()
                return 0  # (only reached when ``restart`` is replaced, in tests)
            now = snapshot(lessons())
            if now == seen:
                continue
            names = changed(seen, now)
            seen = now  # a file saved again during the run below is seen at the next poll
            clear()
            note(f"{time.strftime('%H:%M:%S')}: {_names(names)} changed; auditing again")
            run()
            note(f"watching {_count(now)} for changes (Ctrl-C stops)")
    except KeyboardInterrupt:
        note("stopped watching")
        return 0


def _count(state: Snapshot) -> str:
    files = sum(1 for _, mtime, _ in state if mtime is not None)
    return f"{files} file{'s' if files != 1 else ''}"


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _restart() -> None:  # pragma: no cover - replaces the process
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, list(sys.orig_argv))
