"""README, licence and front-matter files found in a folder are not lessons: they are not audited."""
from auditor.sources import discover


def test_folder_discovery_skips_files_that_are_not_lessons(tmp_path):
    for name in ("README.md", "LICENSE.txt", "front-matter.txt", "license.md", "week-01.txt", "readme-notes.md",
                 "lesson.html", "readmeasure.md"):
        (tmp_path / name).write_text("<p>Text.</p>", encoding="utf-8")
    files, problems = discover([str(tmp_path)])
    assert [f.name for f in files] == ["lesson.html", "readmeasure.md", "week-01.txt"] and not problems


def test_a_file_named_explicitly_is_audited(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Notes", encoding="utf-8")
    assert discover([str(readme)])[0] == [readme]
