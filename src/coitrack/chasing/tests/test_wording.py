"""What to fix, in the agent's terms: coverage, limit, holder, box and endorsement."""

from __future__ import annotations

import datetime as dt

from coitrack.chasing import wording

HOLDER = {"name": "Harbor Point Properties LLC", "address": "1 Harbor Way, Boston MA 02110"}


def deficiency(code, **fields):
    return {"code": code, "coverage": "general_liability", "limit": None, "required": None,
            "actual": None, "waived": False, "message": "engine words", **fields}


def test_a_low_limit_names_the_coverage_the_limit_and_both_amounts():
    line = wording.agent_line(deficiency("LIMIT_BELOW_MINIMUM", limit="each_occurrence",
                                         required=1_000_000, actual=500_000), HOLDER)
    assert line == ("Commercial general liability - Each occurrence: show at least $1,000,000 "
                    "(the certificate shows $500,000).")


def test_a_missing_additional_insured_names_the_holder_the_box_and_the_endorsement():
    line = wording.agent_line(deficiency("ADDITIONAL_INSURED_MISSING"), HOLDER)
    assert "name Harbor Point Properties LLC, 1 Harbor Way, Boston MA 02110 as additional" in line
    assert "mark ADDL INSD" in line and "CG 20 10" in line


def test_a_waiver_on_workers_comp_asks_for_the_wc_endorsement():
    line = wording.agent_line(deficiency("WAIVER_OF_SUBROGATION_MISSING",
                                         coverage="workers_compensation"), HOLDER)
    assert "mark SUBR WVD" in line and "WC 00 03 13" in line


def test_a_holder_mismatch_gives_the_exact_name_and_address():
    line = wording.agent_line(deficiency("CERTIFICATE_HOLDER_MISMATCH", coverage=None), HOLDER)
    assert line == ('Certificate holder: must read exactly "Harbor Point Properties LLC, '
                    '1 Harbor Way, Boston MA 02110".')


def test_an_unknown_code_falls_back_to_the_engine_sentence():
    assert wording.agent_line(deficiency("SOMETHING_NEW"), None) == "engine words"


def test_renewal_lines_say_expires_or_expired_by_the_day():
    today = dt.date(2027, 3, 11)
    assert "expires on 04/10/2027" in wording.renewal_line(
        "general_liability", "GL-1", dt.date(2027, 4, 10), today)
    assert "expired on 03/01/2027" in wording.renewal_line(
        "general_liability", "GL-1", dt.date(2027, 3, 1), today)
