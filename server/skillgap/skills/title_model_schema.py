"""The learned title weights, as data: the schema of `data/title_model.json`, which
`python -m skillgap.skills.title_model_build` fits on the tune half of the labelled resumes and `title_model` loads.

The file holds one weight per feature, in order (they must be `title_model.FEATURES`, or the weights are stale),
the regularisation chosen by cross-validation, the figures of that cross-validation and the resumes it was fitted on;
`version` is a hash of the rest.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

__all__ = ["BUILT", "FORMAT", "TitleModelFile", "built"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
BUILT: Final = DATA_DIR / "title_model.json"
FORMAT: Final = 1
DATA_PACKAGE: Final = "skillgap.skills"
BUILT_NAME: Final = "data/title_model.json"


class CrossValidation(BaseModel):
    """Leave-one-block-out figures on the tune half: each block of consecutive ids is read by weights fitted on the
    others."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    blocks: tuple[StrictStr, ...]
    regularisation: dict[str, float]  # each tried L2 weight → the share of titles chosen exactly (alone)
    exact_alone: Annotated[int, Field(ge=0)]  # titles chosen exactly, before the rules cut them (`title_model.settle`)
    exact: Annotated[int, Field(ge=0)]  # titles read exactly as the reader gives them
    labelled: Annotated[int, Field(ge=0)]


class TitleModelFile(BaseModel):
    """`data/title_model.json`, as built."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    split: Literal["tune"]
    resumes: tuple[StrictStr, ...]  # the ids the weights were fitted on
    regularisation: Annotated[float, Field(ge=0)]
    cross_validation: CrossValidation
    weights: dict[StrictStr, float]  # feature → weight, in `title_model.FEATURES` order
    version: Annotated[StrictStr, Field(min_length=1)]

    def weight_vector(self) -> tuple[float, ...]:
        """The weights in `title_model.FEATURES` order; ValueError when the file was built for other features."""
        from skillgap.skills.title_model import FEATURES

        if tuple(self.weights) != FEATURES:
            raise ValueError("data/title_model.json is stale: run python -m skillgap.skills.title_model_build")
        return tuple(self.weights.values())


@functools.cache
def built() -> TitleModelFile:
    """The built weights that ship with the package (`data/title_model.json`), read once."""
    raw = resources.files(DATA_PACKAGE).joinpath(*BUILT_NAME.split("/")).read_bytes()
    return TitleModelFile.model_validate_json(raw)
