"""The README documents every setting a user can set."""

from __future__ import annotations

from pathlib import Path

from skillgap.config import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_in_the_configuration_table() -> None:
    text = README.read_text()
    missing = [name for name in Settings.model_fields if f"`SKILLGAP_{name.upper()}`" not in text]
    assert not missing, f"document these in README.md's configuration table: {missing}"
