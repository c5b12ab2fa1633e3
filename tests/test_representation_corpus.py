"""The quality bar on real textbook pages read by hand (tests/data/people/annotations.toml: OpenStax Physics and
Biology 2e, CC BY 4.0; The Fairy-Land of Science, 1879, public domain): no wrong attribute about a real person,
and people recall and precision and featured-scientist recall of at least 90%.

Three sets of pages, each measured before the changes it led to (``python tests/people_corpus.py`` lists every
miss, extra and wrong attribute):

* "tuned" (10 pages, 61 people): read while building the analyzer.
* "held-out" (5 pages, 18 people): annotated before the first round of changes and evaluated at its end:
  people recall 83.3%, precision 93.8%, featured-scientist recall 66.7%. Its misses were then fixed in
  general form (issue 13), so it is no longer unseen.
* "second" (10 whole pages, 63 people, December 2026): annotated before the analyzer was run on them, then
  measured once: recall 87.3%, precision 98.2%, featured-scientist recall 70.9%, 1 wrong attribute (a
  nationality read as a birth region). Its misses were then fixed in general form too.

* "third" (8 whole pages, 33 people): annotated after the second round of changes and measured once: recall
  90.9%, precision 96.8%, featured-scientist recall 64.5%, 0 wrong attributes (Newton, missed when the page
  was first annotated, was added after that measurement). Its featured-status misses were then fixed in
  general form too (Nobel Prize shared "with", "the American physicist, X", a subject past a phrase between
  commas, "has shown that").

The next unseen pages should be annotated the same way, measured before any change, and added as a new split.
"""
import pytest
from people_corpus import evaluate


@pytest.fixture(scope="module")
def scores():
    return {split: evaluate(split) for split in ("tuned", "held-out", "second", "third")}


def test_no_wrong_attribute_about_a_real_person(scores):
    assert all(score.wrong == [] for score in scores.values()), {k: s.wrong for k, s in scores.items()}


@pytest.mark.parametrize("split,pages,people", [("tuned", 10, 60), ("held-out", 5, 18), ("second", 10, 60),
                                                ("third", 8, 30)])
def test_quality_bar(scores, split, pages, people):
    score = scores[split]
    assert score.pages >= pages and score.people >= people
    assert score.recall >= 0.9, score.summary(split)
    assert score.precision >= 0.9, score.summary(split)
    assert score.featured_recall >= 0.9, score.summary(split)
