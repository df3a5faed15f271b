"""SkillGap: match tech job seekers to open jobs, explain their gaps, and rehearse the interview."""

__version__ = "0.1.0"
