"""The engine: runs the selected rules over documents and turns their problems into findings, scores and a
run summary.

It knows no particular rule or dimension: both come from :mod:`auditor.registry`, selection from
:mod:`auditor.selection`, scores from the dimensions and :mod:`auditor.scoring`.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from auditor import regex_cache, suppression
from auditor.baseline import fingerprint_findings
from auditor.cache import Cache
from auditor.config import Settings
from auditor.context import Context, RunContext
from auditor.document import Document
from auditor.errors import EmptyInput, InputError, WorkerError
from auditor.excerpts import with_context
from auditor.loaders import languages, load
from auditor.loaders.epub import members
from auditor.loaders.languages import name as language_name
from auditor.loaders.languages import primary
from auditor.nlp import finish_loading
from auditor.nlp_es import pipeline_for
from auditor.registry import DIMENSIONS, RULES
from auditor.results import CATEGORIES, RUN_PATH, FileError, FileReport, Finding, Result
from auditor.rule import Problem, Rule
from auditor.scoring import clamp, overall, scoring_table
from auditor.selection import select_rules, without_ignored
from auditor.sources import SourceText, display_path, format_for, from_bytes, read_bytes, read_source

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


#: At most this many findings of one rule in one file; a note says how many more there were. No real page comes
#: near it (the OpenStax corpus peaks at 25), and a crafted one could otherwise make a million (300,000 <h1>).
MAX_FINDINGS_PER_RULE = 1000
#: The trained pipeline reads at most this much of one file's text (about 170,000 words, a whole textbook; the
#: OpenStax corpus peaks at 60,000 characters a page). It costs about 40 s of CPU and 300 MB per million
#: characters, so a 10 MB file under the input cap would take minutes and gigabytes; past the budget, blocks get
#: sentences only and the rules use their word-list fallbacks, and a note says so.
MAX_ANNOTATED_CHARS = 1_000_000


def finding(rule: type[Rule], problem: Problem, path: str, settings: Settings) -> Finding:
    """A rule's problem as reported: the rule's identity, and the configured severity (which beats a severity
    the rule chose for this problem, which beats the rule's default)."""
    return Finding(
        rule=rule.id, name=rule.name, category=rule.category,
        severity=settings.severity.get(rule.id) or problem.severity or rule.severity,
        path=path, span=problem.span, text=problem.text, message=problem.message,
        suggestion=problem.suggestion, references=tuple(rule.references), fix=problem.fix,
        data=tuple(sorted(problem.data.items())),
    )


def _speaks(languages: frozenset[str] | None, lang: str | None) -> bool:
    """Whether a rule or dimension with data for ``languages`` can read text in ``lang`` (None: unknown,
    read as English, as ssec-audit always has)."""
    return languages is None or (lang or "en") in languages


#: Languages some checks have data for (beyond structure); a document in another one gets the old note.
CHECKED_LANGUAGES = frozenset({"en", "es"})


def _language_scope(doc: Document, rules: list[type[Rule]]) -> tuple[Document, list[str]]:
    """The document the language-specific checks read (without passages marked as another language: a
    ``<blockquote lang="es">`` in an English page, a ``<span lang="en">`` in a Spanish one) and the notes
    saying what was skipped."""
    lang = doc.language or "en"
    how = {"declared": "declared", "configuration": "set in the configuration"}.get(doc.language_source or "",
                                                                                  "detected from its words")
    if lang not in CHECKED_LANGUAGES:
        return doc, [f"this document is in {language_name(doc.language)} ({how}); English checks were skipped "
                     "(readability, inclusive language, representation, and the English patterns of A104, A105, "
                     "A108, A109, A208, A215); accessibility checks ran"]
    notes = []
    if lang != "en":
        skipped = sorted(r.id for r in rules if not _speaks(r.languages, lang))
        parse = "; with no Spanish parser, R103 leaves out passive voice and nested clauses" \
            if lang == "es" and any(r.id == "R103" for r in rules) else ""
        if skipped or parse:
            notes.append(f"this document is in {language_name(lang)} ({how}); checks with English data only were "
                         f"skipped ({_id_ranges(skipped) or 'none'}){parse}")
    scoped = languages.in_language(doc, lang)
    if scoped is not doc:
        langs = sorted({language_name(primary(b.lang)) for b in doc.blocks if primary(b.lang) not in (None, lang)}
                       | {language_name(primary(run[2])) for b in doc.blocks for run in b.foreign
                          if primary(run[2]) != lang})
        notes.append(f"{languages.foreign_count(doc, lang)} passage(s) marked as {' and '.join(langs)} (lang) were "
                     f"left out of the {language_name(lang)} checks")
    return scoped, notes


def _id_ranges(ids: list[str]) -> str:
    """"E101, E102, E103, L102" -> "E101-E103, L102"."""
    out: list[list[str]] = []
    for rid in ids:
        if out and rid[0] == out[-1][-1][0] and rid[1:].isdigit() and out[-1][-1][1:].isdigit() \
                and int(rid[1:]) == int(out[-1][-1][1:]) + 1:
            out[-1].append(rid)
        else:
            out.append([rid])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in out)


def audit_document(doc: Document, settings: Settings, rules: list[type[Rule]] | None = None) -> FileReport:
    rules = select_rules(settings, doc.path) if rules is None else without_ignored(rules, settings, doc.path)
    languages.configure(doc, settings.language_for(doc.path))
    scoped_doc, skipped = _language_scope(doc, rules)
    rules = [r for r in rules if _speaks(r.languages, doc.language)]
    instances = [rule() for rule in rules if doc.format in rule.formats]
    active = {rule.category for rule in instances}  # an EPUB's package document: accessibility only
    dimensions = {c: d() for c, d in DIMENSIONS.items() if c in active and _speaks(d.languages, doc.language)}
    nlp = pipeline_for(doc.language, settings.model)
    askers: list[Any] = [*instances, *dimensions.values()]
    needs, later = [], []
    budget, cut, cut_chars = MAX_ANNOTATED_CHARS, 0, 0
    for block in doc.blocks:
        wanted: set[str] = set()
        deferred: set[str] = set()  # capabilities annotated when first asked for (Dimension.later)
        for asker in askers:
            later_caps: frozenset[str] = getattr(asker, "later", frozenset())
            if asker.needs and not asker.needs | later_caps <= wanted and asker.wants(block):
                wanted |= asker.needs
                deferred |= later_caps
        if wanted and (cut or budget < len(block.text)):
            wanted, deferred, cut, cut_chars = set(), set(), cut + 1, cut_chars + len(block.text)
        elif wanted:
            budget -= len(block.text)
        needs.append(frozenset(wanted))
        later.append(frozenset(deferred - wanted))
    if cut:
        doc.warnings.append(f"this file has more text than the language model reads in one file "
                            f"({MAX_ANNOTATED_CHARS:,} characters): {cut:,} passages ({cut_chars:,} characters) "
                            "were checked with word lists only")
    if doc.blocks and any(asker.reads_text for asker in askers):  # (accessibility alone reads no tokens)
        nlp.annotate(doc.blocks, needs, later)
    for block in scoped_doc.blocks if scoped_doc is not doc else ():
        block.nlp = doc.blocks[block.index].nlp  # a copy with inline runs blanked: same offsets, same tokens
    table = scoring_table(settings)
    ctx = Context(doc, settings, dimensions, nlp, table)
    scoped_ctx = Context(scoped_doc, settings, dimensions, nlp, table) if scoped_doc is not doc else ctx

    def scope(asker: Any) -> Context:
        return scoped_ctx if asker.languages is not None else ctx

    findings: list[Finding] = []
    capped: list[str] = []
    for checker in instances:
        found = checker.check(scope(checker).doc, scope(checker))
        findings.extend(finding(type(checker), problem, doc.path, settings)
                        for problem in islice(found, MAX_FINDINGS_PER_RULE))
        more = sum(1 for _ in found)
        if more:
            capped.append(f"{checker.id} found {more} more problems than the {MAX_FINDINGS_PER_RULE} reported here")
    sups, problems = suppression.parse(doc)
    findings = suppression.apply(findings, sups)
    for rule, problem in suppression.unused(doc, sups, rules, list(RULES.values())):
        findings.append(finding(rule, problem, doc.path, settings))
    findings.sort(key=lambda f: f.sort_key)
    findings = with_context(fingerprint_findings(findings, doc.source, doc.lines.offset), doc)
    if doc.location_kind != "line":
        findings = [replace(f, location_kind=doc.location_kind, heading=doc.headings.get(f.span.line) or None)
                    for f in findings]
    scores: dict[str, float | None] = {}
    blocks: dict[str, Any] = {}
    for category in CATEGORIES:
        dim = dimensions.get(category)
        if dim is None:
            scores[category] = None
            continue
        result = scope(dim).analysis(category)
        own = [f for f in findings if f.category == category]
        scores[category] = clamp(dim.score(scope(dim).doc, result, own, table))
        if dim.key:
            blocks[dim.key] = dim.to_json(result, own)
        if dim.metrics_key:
            blocks[dim.metrics_key] = dim.metrics(result)
    scores = {"inclusion": overall(scores, table), **scores}
    return FileReport(doc.path, doc.format, scores, blocks, findings, list(doc.warnings) + problems + capped,
                      location_kind=doc.location_kind, skipped=skipped)


# running over many inputs ------------------------------------------------------------------------------------

Input = tuple[str, Any]  # ("path", Path) or ("stdin", (bytes, display name, format))


def _audit_one(item: Input, settings: Settings) -> Result:
    """One input's report, or its error: nothing that goes wrong in one file stops the run."""
    kind, value = item
    name = display_path(value) if kind == "path" else value[1]
    try:
        if kind == "path":
            src: SourceText = read_source(value)
        else:
            data, display, fmt = value
            src = from_bytes(data, display, fmt)
        return audit_document(load(src), settings)
    except EmptyInput as exc:  # nothing to audit: a note on the file, not an error that fails the run
        fmt = format_for(value.name) if kind == "path" else value[2]
        return FileReport(name, fmt or "text", {"inclusion": None, **dict.fromkeys(CATEGORIES)}, {}, [],
                          [f"{exc}: nothing to audit"])
    except InputError as exc:
        return FileError(name, str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug or a hostile input: this file's error, not the run's
        if settings.debug:
            raise
        return FileError(name, f"internal error: {type(exc).__name__}: {exc} (run with --debug for details; "
                               "please report it)")


#: A short page the parent audits (and forgets) before it forks its workers: it makes the spaCy pipeline load
#: its model and the selected rules load their data, which every worker would otherwise do again for itself
#: (about a second of CPU each). The workers share those pages with the parent until they write to them.
_PRIMER: Input = ("stdin", (
    b'<!doctype html><html lang="en"><head><title>Light</title></head><body><main><h1>Light and heat</h1>'
    b"<p>Marie Curie and Isaac Newton measured how light moves. Each student shares the results with the class, "
    b"and the chairman of the science club writes them down.</p></main></body></html>",
    "primer.html", "html"))


def _worker(args: tuple[Input, Settings]) -> Result:
    return _audit_one(*args)


def _start_worker() -> None:
    """Worker start-up. On Linux, ask the kernel to end this worker when the parent process ends, however it
    ends (a cancelled CI job sends SIGTERM, and may follow with SIGKILL)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent's handler still stops us
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # A worker forked after the parent installed its SIGTERM handler would inherit it: SIGTERM would raise
    # SystemExit inside the file being audited, which the pool reports as that file's result, and the worker
    # would live on, so the parent waited for it forever when the pool broke. A worker just stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # The patterns a worker compiles (rules' patterns are compiled when a page first needs them) are kept for the
    # next run too, when the command keeps them (auditor/regex_cache.py): saved as the worker ends normally.
    from multiprocessing.util import Finalize

    Finalize(None, regex_cache.save, exitpriority=0)


_PR_SET_PDEATHSIG = 1


def audit(inputs: list[Input], settings: Settings, progress: Callable[[int, int, str], None] | None = None,
          cache: Cache | None = None) -> list[Result]:
    """Audit every input, in parallel across files when there are several; results keep input order. With a
    ``cache``, a file whose report is cached is not audited again, and fresh reports are added to it."""
    select_rules(settings)  # fail fast on a bad selector
    inputs = _unpack(inputs)
    if cache is None:
        return _audit_all(inputs, settings, progress)
    results: list[Result | None] = [None] * len(inputs)
    todo: list[tuple[int, Input, str | None]] = []
    for i, item in enumerate(inputs):
        if item[0] == "path":
            try:
                data, fmt = read_bytes(item[1])
            except InputError:
                todo.append((i, item, None))  # audited as before, which reports the error
                continue
            item = ("stdin", (data, display_path(item[1]), fmt))  # the very bytes the key is made of
        data, display, fmt = item[1]
        key = cache.key(data, display, fmt)
        report = cache.get(key)
        if report is None:
            todo.append((i, item, key))
            continue
        results[i] = report
        if progress:
            progress(i + 1 - len(todo), len(inputs), _label(inputs[i]))
    cached = len(inputs) - len(todo)

    def fresh_progress(done: int, total: int, label: str) -> None:
        if progress:
            progress(cached + done, len(inputs), label)

    fresh = _audit_all([item for _, item, _ in todo], settings, fresh_progress if progress else None)
    for (i, _, entry), result in zip(todo, fresh, strict=True):
        results[i] = result
        if entry is not None and isinstance(result, FileReport):
            cache.put(entry, result)
    if cache.writes:
        cache.prune()
    return [r for r in results if r is not None]


def _unpack(inputs: list[Input]) -> list[Input]:
    """An EPUB is audited as several reports: its package document, then each content document of its spine
    (``book.epub!/OEBPS/ch1.xhtml``), each cached and audited in parallel like a file. An EPUB that cannot be
    opened stays one input, whose audit reports why."""
    out: list[Input] = []
    for item in inputs:
        kind, value = item
        if (format_for(value.name) if kind == "path" else value[2]) != "epub" or (
                kind == "path" and value.suffix.lower() != ".epub"):
            out.append(item)
            continue
        try:
            data, display = (read_bytes(value)[0], display_path(value)) if kind == "path" else value[:2]
            out.extend(("stdin", member) for member in members(data, display))
        except InputError:
            out.append(item)
    return out


def _audit_all(inputs: list[Input], settings: Settings,
               progress: Callable[[int, int, str], None] | None = None) -> list[Result]:
    jobs = settings.jobs or min(os.cpu_count() or 1, 4)
    jobs = max(1, min(jobs, len(inputs)))
    results: list[Result] = []
    if jobs == 1 or len(inputs) < 3:
        for i, item in enumerate(inputs):
            results.append(_audit_one(item, settings))
            if progress:
                progress(i + 1, len(inputs), _label(item))
        return results
    import multiprocessing  # (a single file, or a warm cache, never starts a pool: no need to import these)
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    if context.get_start_method() == "fork":
        _audit_one(_PRIMER, settings)  # forked workers inherit the loaded model and data
        finish_loading()
        gc.freeze()  # ... and the collector in a worker leaves them alone, so their pages stay shared
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker)
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    # Largest files first, so that no long file starts last while the other workers sit idle; the results
    # still come back in input order.
    order = sorted(range(len(inputs)), key=lambda i: -_size(inputs[i]))
    slots: list[Result | None] = [None] * len(inputs)
    try:
        # submit(), not map(): map's iterator cancels what is pending when it is abandoned, and Python 3.11's pool,
        # finding its workers gone, then fails (InvalidStateError) marking a cancelled future broken
        futures = [pool.submit(_worker, (inputs[i], settings)) for i in order]
        for done, (i, future) in enumerate(zip(order, futures, strict=True)):
            slots[i] = future.result()
            if progress:
                progress(done + 1, len(inputs), _label(inputs[i]))
    except BrokenExecutor as exc:
        _stop_workers(pool)
        raise WorkerError("a worker process stopped without finishing its file (killed, or out of memory?); "
                          "no report was written. Try again with --jobs 1") from exc
    except BaseException:
        _stop_workers(pool)
        raise
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
        gc.unfreeze()
    pool.shutdown()
    return [r for r in slots if r is not None]


def _size(item: Input) -> int:
    """The input's size in bytes (0 when it cannot be told without reading it)."""
    if item[0] == "stdin":
        return len(item[1][0])
    try:
        return os.lstat(item[1]).st_size
    except OSError:
        return 0


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now (an interrupt or SIGTERM), instead of letting them finish the files they hold."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    # The thread that feeds files to the workers may be blocked writing to a pipe no worker will read again;
    # Python would wait for it forever at exit (seen after a SIGTERM). What it holds is abandoned.
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
    pool.shutdown(wait=False)  # not cancel_futures: the pool marks every pending future broken itself (above)


def _label(item: Input) -> str:
    return str(item[1]) if item[0] == "path" else item[1][1]


def summarize(results: Iterable[Result], settings: Settings) -> dict[str, Any]:
    """The run: how many files and findings, mean scores, each dimension's run-wide block and, with two or
    more files, the rules' findings about the whole run."""
    reports = [r for r in results if isinstance(r, FileReport)]
    counts = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for f in report.findings:
            counts[f.severity] += 1
    scores: dict[str, float | None] = {}
    for category in CATEGORIES:
        values = [s for r in reports if (s := r.scores.get(category)) is not None]
        scores[category] = round(sum(values) / len(values), 1) if values else None
    table = scoring_table(settings)
    summary: dict[str, Any] = {
        "files": len(reports),
        "findings": counts,
        "scores": {"inclusion": overall(scores, table), **scores},
    }
    selected = select_rules(settings) if len(reports) >= 2 else []
    ctx = RunContext(settings, table, [(r.path, r.blocks) for r in reports])
    run: list[dict[str, Any]] = []
    for category, dim_cls in DIMENSIONS.items():
        if not dim_cls.key:
            continue
        dim = dim_cls()
        with_block = [r for r in reports if dim_cls.key in r.blocks]
        per_file = [r.blocks[dim_cls.key] for r in with_block]
        metrics = [r.blocks.get(dim.metrics_key) for r in with_block] if dim.metrics_key else None
        aggregate = dim.summarize(per_file, table, metrics)
        if aggregate is None:
            continue
        summary[dim_cls.key] = aggregate
        if len(with_block) >= 2:
            run.extend(_run_findings([r for r in selected if r.category == category], aggregate, ctx))
    if run:
        summary["run_findings"] = run
    return summary


def _run_findings(rules: list[type[Rule]], aggregate: Any, ctx: RunContext) -> Iterator[dict[str, Any]]:
    """Findings about the whole run, shaped like a file finding without a position."""
    for rule in rules:
        for problem in rule().check_run(aggregate, ctx):
            yield {"rule": rule.id, "name": rule.name, "category": rule.category,
                   "severity": ctx.settings.severity.get(rule.id, rule.severity), "path": RUN_PATH,
                   "message": problem.message, "suggestion": problem.suggestion,
                   "references": list(rule.references), "data": problem.data}
