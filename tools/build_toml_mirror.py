"""Rebuild rules/parsed-toml.json, every shipped TOML data file already parsed (read with json, which is C,
instead of tomllib, which is pure Python: most of the cost of loading the data at start-up).

Usage: python tools/build_toml_mirror.py

Run it after editing any TOML file under rules/: tests/test_data_files.py fails until it is rebuilt. A stale
entry is never used (auditor.data checks the digest of the file it was parsed from), only slower.
"""
from __future__ import annotations

from auditor.data import MIRROR, data_path, mirror_json


def main() -> None:
    out = data_path(MIRROR)
    out.write_text(mirror_json(), encoding="utf-8", newline="\n")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
