"""The layers in pyproject.toml ([tool.importlinter]) hold: every module imports only from layers below it, so
results flow one way (sources -> document -> rules -> findings -> scores -> reporters) and no import cycle
can come back through a function-local import."""
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_layers_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


#: The one function-local import that is about timing, not cycles: the command installs the compiled-pattern
#: store before the rule modules (imported with ``cli``) compile their patterns.
LATE = {"auditor/command.py": "from auditor.cli import main"}


def test_no_function_local_imports_of_our_own_modules():
    """A function-local ``from auditor...`` import used to hide a cycle; the layers make them unnecessary."""
    offenders = []
    for path in sorted((ROOT / "auditor").rglob("*.py")):
        late = LATE.get(path.relative_to(ROOT).as_posix())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.lstrip()
            if line != stripped and stripped.startswith(("from auditor", "import auditor")) and stripped != late:
                if not _under_type_checking(path, number):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert offenders == [], "\n".join(offenders)


def _under_type_checking(path: Path, number: int) -> bool:
    lines = path.read_text(encoding="utf-8").splitlines()[:number]
    for line in reversed(lines[:-1]):
        if not line.startswith((" ", "\t")) and line.strip():
            return line.startswith("if TYPE_CHECKING")
    return False
