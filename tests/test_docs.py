"""The README documents every setting and the two commands."""

from pathlib import Path

from askcorpus.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_setting() -> None:
    missing = [n for n in Settings.model_fields if f"`ASKCORPUS_{n.upper()}`" not in README]
    assert missing == []


def test_readme_has_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
