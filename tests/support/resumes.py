"""What the resume reader reads from a short resume text, in the terms the layout tests compare."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 7)


def jobs_read(text: str) -> list[tuple[str, str, int, bool]]:
    """(title, company, start year, current) of each job read from `text`, newest first."""
    return [
        (entry.title, entry.company, entry.start_month // 12, entry.present)
        for entry in parse_experience(text, today=AS_OF).entries
    ]
