"""Rebuild rules/language/packs.json, the built-in language packs prebuilt from their TOML files.

Usage: python tools/build_language_packs.py

Run it after editing a pack, rules/language/wordsets.toml or the code that builds entries
(auditor/language/termpack.py, forms.py): tests/test_language_packs.py fails until it is rebuilt. A stale file is
never used (auditor.language.termpack checks the digests of the files it was built from), only slower.
"""
from __future__ import annotations

from auditor.data import data_path
from auditor.language.termpack import PREBUILT, prebuilt_json


def main() -> None:
    out = data_path(*PREBUILT)
    out.write_text(prebuilt_json(), encoding="utf-8", newline="\n")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
