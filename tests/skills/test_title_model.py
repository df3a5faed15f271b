"""The newest job's title chosen by learned weights (`skillgap.skills.title_model`)."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.skills import title_model_build
from skillgap.skills.experience import parse_experience
from skillgap.skills.title_model import FEATURES, Candidate, choose, settle
from skillgap.skills.title_model_schema import TitleModelFile, built

TODAY = date(2026, 12, 5)


@pytest.mark.timeout(600)  # the check refits the model on 1,025 resumes: about two minutes on a busy 2-core machine
def test_the_committed_weights_are_what_the_build_fits() -> None:
    """`python -m skillgap.skills.title_model_build --check`: the labels, texts, features and readers the weights
    were fitted on have not changed since."""
    assert title_model_build.main(["--check"]) == 0


def test_the_weights_are_read_one_per_feature_fitted_on_the_tune_half_only() -> None:
    model = built()
    assert model.weight_vector() == tuple(model.weights.values())
    assert tuple(model.weights) == FEATURES
    assert model.split == "tune"
    assert model.resumes and all(int(rid[1:]) % 3 != 0 for rid in model.resumes)  # never a held-out resume
    assert model.cross_validation.labelled == len(model.resumes)


def test_weights_built_for_other_features_are_refused() -> None:
    stale = built().model_copy(update={"weights": {"onet_exact": 1.0}})
    with pytest.raises(ValueError, match="stale"):
        TitleModelFile.model_validate(stale.model_dump()).weight_vector()


@pytest.mark.parametrize("title", ["Caseworker", "Sommelier", "Roofer", "Locksmith"])
def test_a_title_outside_the_role_noun_list_is_read_under_its_employer(title: str) -> None:
    """The header rules know a title by a hand-written list of role nouns; the weights also count an O*NET title."""
    text = f"## Employment\nMunicipality of Oslo\n{title}\n2015 - 2023\n"
    assert parse_experience(text, today=TODAY, learned_title=False).recent_titles == ()
    assert parse_experience(text, today=TODAY).recent_titles == (title,)


def test_a_title_below_a_date_line_that_names_the_employer() -> None:
    text = "## Employment\nSpruce Street Clinic | 2015 - 2023\nSommelier\n- Ran the wine list.\n"
    entry = parse_experience(text, today=TODAY).entries[0]
    assert (entry.title, entry.company) == ("Sommelier", "Spruce Street Clinic")


def test_a_job_whose_header_names_no_title_gets_none() -> None:
    text = "EXPERIENCE\n2018-    Salsify, Boston, MA\n2016-2018 Cinch Financial, Boston, MA\n"
    assert parse_experience(text, today=TODAY).recent_titles == ()


def test_the_rules_say_where_a_chosen_title_ends() -> None:
    assert settle("Senior Consultant", "Senior Consultant, Advisory Services") == "Senior Consultant, Advisory Services"
    assert settle("Caseworker", "Municipality of Oslo") == "Caseworker"
    assert settle("", "Engineer") == "Engineer"


def test_the_highest_weighted_candidate_is_chosen() -> None:
    weights = (1.0, -1.0)
    found = [Candidate("Acme Corp", (0.0, 1.0)), Candidate("Welder", (1.0, 0.0)), Candidate("Welder II", (1.0, 0.0))]
    assert choose(found, weights) == "Welder"  # ties: the first
    assert choose([], weights) == ""
