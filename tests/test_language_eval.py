"""The language analyzer scored on hand-annotated real pages and sentences (tests/data/language-eval/):
editor-marked problems caught, and nothing reported at warning or above that an editor would not mark."""
import pytest
from language_eval import DATA, score

FILES = sorted(p.name for p in DATA.glob("*.txt"))
#: Held-out failures, kept visible rather than tuned away: a story's farmer whose "his" comes before a "when"
#: clause ("To his surprise, when the eggs hatch...") still reads as generic "he".
KNOWN = {"heldout-openstax.txt": "narrative 'his' before a 'when' clause reported as generic he"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN[n], strict=True))
                                  if n in KNOWN else n for n in FILES])
def test_no_false_positives_at_warning(name):
    result = score(DATA / name)
    assert not result.false_positives, result.false_positives


def test_recall_at_least_nine_in_ten():
    results = [score(DATA / name) for name in FILES]
    marks = sum(r.marks for r in results)
    caught = sum(r.caught for r in results)
    assert caught / marks >= 0.9, [m for r in results for m in r.missed]


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith("dev-")])
def test_dev_sets_fully_caught(name):
    result = score(DATA / name)
    assert not result.missed, result.missed
