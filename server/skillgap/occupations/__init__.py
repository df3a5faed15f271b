"""Job and resume titles to occupations: O*NET occupations (with ESCO labels), job zones, role families and
related occupations, built into `data/occupations.json` by `python -m skillgap.occupations.build`."""

from skillgap.occupations.index import OccupationIndex
from skillgap.occupations.models import Occupation, RelatedOccupation

__all__ = ["Occupation", "OccupationIndex", "RelatedOccupation"]
