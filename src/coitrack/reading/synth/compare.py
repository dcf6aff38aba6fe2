"""Score a reader's output against ground truth, field by field, in field groups.

For values (names, numbers, dates, amounts): a value in the truth that is read equal is a hit; a
value read but different counts against precision and recall; a value left null counts against
recall only. For check marks only marked boxes are positives (a mark read where there is none
counts against precision). Policies are paired by their row on the form.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from coitrack.reading.normalize import clean_text

CRITICAL = (
    "insured_name",
    "holder_name",
    "coverage",
    "policy_number",
    "effective_date",
    "expiration_date",
    "limits",
    "additional_insured",
    "subrogation_waived",
    "insurer_name",
    "insurer_naic",
)


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        found = self.true_positive + self.false_negative
        return self.true_positive / found if found else 1.0

    @property
    def precision(self) -> float:
        read = self.true_positive + self.false_positive
        return self.true_positive / read if read else 1.0


Scores = dict[str, Tally]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        quote = "\u2019"  # a typographic apostrophe is the same name
        return clean_text(a).replace(quote, "'") == clean_text(b).replace(quote, "'")
    return a == b


def _value(scores: Scores, group: str, truth: Any, read: Any, where: str) -> None:
    tally = scores[group]
    if truth in (None, "", []) and read in (None, "", []):
        return
    if truth in (None, "", []):
        tally.false_positive += 1
        tally.misses.append(f"{where}: read {read!r}, nothing printed")
    elif read in (None, "", []):
        tally.false_negative += 1
        tally.misses.append(f"{where}: {truth!r} not read")
    elif _same(truth, read):
        tally.true_positive += 1
    else:
        tally.false_positive += 1
        tally.false_negative += 1
        tally.misses.append(f"{where}: {truth!r} read as {read!r}")


def _mark(scores: Scores, group: str, truth: bool, read: bool, where: str) -> None:
    tally = scores[group]
    if truth and read:
        tally.true_positive += 1
    elif truth:
        tally.false_negative += 1
        tally.misses.append(f"{where}: mark not read")
    elif read:
        tally.false_positive += 1
        tally.misses.append(f"{where}: mark read where there is none")


def _row(policy: dict[str, Any]) -> str:
    coverage = policy["coverage"]
    return "umbrella" if coverage in ("umbrella_liability", "excess_liability", None) else coverage


def compare(truth: dict[str, Any], read: dict[str, Any], scores: Scores | None = None) -> Scores:
    scores = scores if scores is not None else defaultdict(Tally)
    _value(scores, "insured_name", truth["insured"]["name"], read["insured"]["name"], "insured")
    _value(
        scores,
        "holder_name",
        truth["certificate_holder"]["name"],
        read["certificate_holder"]["name"],
        "holder",
    )
    for party, group in (
        ("insured", "addresses"),
        ("certificate_holder", "addresses"),
        ("producer", "addresses"),
    ):
        _value(scores, group, truth[party]["address"], read[party]["address"], f"{party}.address")
    for key in ("name", "contact_name", "phone", "fax", "email"):
        _value(scores, "producer", truth["producer"][key], read["producer"][key], f"producer.{key}")
    for key in ("certificate_date", "certificate_number", "revision_number", "edition"):
        _value(scores, "header", truth[key], read[key], key)
    _value(
        scores,
        "description",
        truth["description_of_operations"],
        read["description_of_operations"],
        "description",
    )
    read_insurers = {i["letter"]: i for i in read["insurers"]}
    for insurer in truth["insurers"]:
        other = read_insurers.pop(insurer["letter"], {"name": "", "naic": None})
        _value(
            scores, "insurer_name", insurer["name"], other["name"], f"insurer {insurer['letter']}"
        )
        _value(scores, "insurer_naic", insurer["naic"], other["naic"], f"NAIC {insurer['letter']}")
    for letter, other in read_insurers.items():
        _value(scores, "insurer_name", None, other["name"], f"insurer {letter}")
    read_policies = {_row(p): p for p in read["policies"]}
    for policy in truth["policies"]:
        row = _row(policy)
        other = read_policies.pop(row, None)
        if other is None:
            scores["coverage"].false_negative += 1
            scores["coverage"].misses.append(f"{row}: policy not read")
            continue
        _policy(scores, policy, other, row)
    for row in read_policies:
        scores["coverage"].false_positive += 1
        scores["coverage"].misses.append(f"{row}: policy read where there is none")
    return scores


def _policy(scores: Scores, truth: dict[str, Any], read: dict[str, Any], row: str) -> None:
    _value(scores, "coverage", truth["coverage"], read["coverage"], f"{row}.coverage")
    for key in ("policy_number", "effective_date", "expiration_date"):
        _value(scores, key, truth[key], read[key], f"{row}.{key}")
    _value(
        scores, "insurer_letter", truth["insurer_letter"], read["insurer_letter"], f"{row}.letter"
    )
    for key in ("additional_insured", "subrogation_waived"):
        _mark(scores, key, truth[key], read[key], f"{row}.{key}")
    for key in sorted(set(truth["limits"]) | set(read["limits"])):
        _value(
            scores,
            "limits",
            truth["limits"].get(key),
            read["limits"].get(key),
            f"{row}.limits.{key}",
        )
    for key in (
        "claims_made",
        "aggregate_applies_per",
        "retention",
        "statutory",
        "excluded_officers",
        "description",
    ):
        _value(scores, "details", truth[key], read[key], f"{row}.{key}")
    for symbol in set(truth["auto_symbols"]) | set(read["auto_symbols"]):
        _mark(
            scores,
            "details",
            symbol in truth["auto_symbols"],
            symbol in read["auto_symbols"],
            f"{row}.{symbol}",
        )
