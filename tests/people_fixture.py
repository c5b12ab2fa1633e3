"""A small, fact-checked knowledge base for the representation tests, given through configuration
(``settings.people``), and a fixture that hides the shipped data so the tests do not depend on it."""
import pytest

from auditor.representation import kb as kb_module

PEOPLE = (
    dict(id="wangari-maathai", name="Wangari Maathai", aliases=["Wangari Muta Maathai"], gender="woman",
         pronouns="she", region="Africa", country="Kenya", born=1940, died=2011,
         fields=["biology", "environmental science"], roles=["biologist"], wikipedia="Wangari_Maathai"),
    dict(id="chien-shiung-wu", name="Chien-Shiung Wu", gender="woman", region="Asia", country="China", born=1912,
         died=1997, fields=["physics"], roles=["physicist"], wikipedia="Chien-Shiung_Wu"),
    dict(id="srinivasa-ramanujan", name="Srinivasa Ramanujan", gender="man", region="Asia", country="India",
         born=1887, died=1920, fields=["mathematics"], roles=["mathematician"], wikipedia="Srinivasa_Ramanujan"),
    dict(id="tu-youyou", name="Tu Youyou", gender="woman", region="Asia", country="China", born=1930,
         fields=["chemistry", "medicine"], roles=["chemist"], wikipedia="Tu_Youyou"),
    dict(id="mae-jemison", name="Mae Jemison", aliases=["Mae C. Jemison"], gender="woman", region="Northern America",
         country="United States", born=1956, fields=["engineering", "medicine"], roles=["astronaut"],
         wikipedia="Mae_Jemison"),
    dict(id="ynes-mexia", name="Ynes Mexia", aliases=["Ynés Mexía"], gender="woman", region="Northern America",
         country="United States", born=1870, died=1938, fields=["botany", "biology"], roles=["botanist"],
         wikipedia="Ynes_Mexia"),
    dict(id="ayana-elizabeth-johnson", name="Ayana Elizabeth Johnson", gender="woman", region="Northern America",
         country="United States", born=1980, fields=["biology", "marine biology"], roles=["marine biologist"],
         wikipedia="Ayana_Elizabeth_Johnson"),
    dict(id="charles-darwin", name="Charles Darwin", gender="man", region="Europe", country="United Kingdom",
         born=1809, died=1882, fields=["biology"], roles=["naturalist"], wikipedia="Charles_Darwin"),
    dict(id="gregor-mendel", name="Gregor Mendel", aliases=["Johann Gregor Mendel"], gender="man", region="Europe",
         country="Czech Republic", born=1822, died=1884, fields=["biology", "genetics"], roles=["biologist"],
         wikipedia="Gregor_Mendel"),
    dict(id="marie-curie", name="Marie Curie", gender="woman", region="Europe", country="Poland", born=1867,
         died=1934, fields=["physics", "chemistry"], roles=["physicist"], wikipedia="Marie_Curie"),
    dict(id="albert-einstein", name="Albert Einstein", gender="man", region="Europe", country="Germany",
         born=1879, died=1955, fields=["physics"], roles=["physicist"], wikipedia="Albert_Einstein"),
    dict(id="edwin-hubble", name="Edwin Hubble", gender="man", region="Northern America", country="United States",
         born=1889, died=1953, fields=["astronomy"], roles=["astronomer"], wikipedia="Edwin_Hubble"),
    dict(id="katherine-johnson", name="Katherine Johnson", gender="woman", region="Northern America",
         country="United States", born=1918, died=2020, fields=["mathematics"], roles=["mathematician"],
         wikipedia="Katherine_Johnson"),
    dict(id="ernest-rutherford", name="Ernest Rutherford", gender="man", region="Oceania", country="New Zealand",
         born=1871, died=1937, fields=["physics", "chemistry"], roles=["physicist"],
         wikipedia="Ernest_Rutherford"),
    dict(id="elizabeth-blackburn", name="Elizabeth Blackburn", gender="woman", region="Oceania",
         country="Australia", born=1948, fields=["biology"], roles=["biologist"],
         wikipedia="Elizabeth_Blackburn"),
    dict(id="mario-molina", name="Mario Molina", gender="man", region="Latin America and the Caribbean",
         country="Mexico", born=1943, died=2020, fields=["chemistry"], roles=["chemist"],
         wikipedia="Mario_Molina"),
)


@pytest.fixture(autouse=True)
def isolated_kb(monkeypatch):
    """Only the entries a test configures: the shipped knowledge base is hidden (and caches cleared)."""
    monkeypatch.setattr(kb_module, "shipped", lambda folder=None: ())
    kb_module._knowledge_base.cache_clear()
    yield
    kb_module._knowledge_base.cache_clear()
