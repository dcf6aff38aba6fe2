"""Generate a realistic, deterministic demo: the same seed and day always give the same data.

All dates are relative to ``today`` so the demo always shows a mix of compliant, expiring, expired,
incomplete, awaiting-review and superseded certificates, whenever it is loaded. No Django here.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator, Sequence

from coitrack.demo import names
from coitrack.demo.certificates import Program, add_prior_terms, build_program, phone
from coitrack.demo.data import (
    AssignmentData,
    CertificateData,
    ContactData,
    DemoData,
    ProjectData,
    Scenario,
    UserData,
    VendorData,
)
from coitrack.demo.policies import add_years

DEFAULT_SEED = 2016_03  # the ACORD 25 edition most certificates print
DEFAULT_VENDORS = 200

# How common each situation is, in percent of vendors.
SCENARIO_WEIGHTS = {
    Scenario.COMPLIANT: 28,
    Scenario.RENEWED: 14,
    Scenario.EXPIRING: 12,
    Scenario.EXPIRED: 10,
    Scenario.MISSING_LINE: 9,
    Scenario.AWAITING_REVIEW: 10,
    Scenario.FLAGGED: 6,
    Scenario.NO_CERTIFICATE: 11,
}


def generate(*, today: dt.date, vendors: int = DEFAULT_VENDORS, seed: int = DEFAULT_SEED,
             ) -> DemoData:
    """The demo organization "Harbor Point Properties": users, projects and ``vendors`` vendors."""
    projects = demo_projects(today)
    owners = [username for username, *_rest, role in names.USERS if role != "viewer"]
    return DemoData(
        organization_name=names.ORGANIZATION_NAME,
        time_zone=names.ORGANIZATION_TIME_ZONE,
        users=[UserData(*row) for row in names.USERS],
        vendor_types=sorted(names.VENDOR_TYPES),
        tags=list(names.TAGS),
        projects=projects,
        vendors=list(iter_vendors(count=vendors, seed=seed, today=today, owners=owners,
                                  projects=projects)),
    )


def demo_projects(today: dt.date) -> list[ProjectData]:
    """The six projects and locations: some finished, some running, one not started yet."""
    result = []
    for name, address, starts_in, runs_for in names.PROJECTS:
        start = today + dt.timedelta(days=starts_in)
        end = start + dt.timedelta(days=runs_for) if runs_for is not None else None
        result.append(ProjectData(name=name, address=address, start_date=start, end_date=end))
    return result


def scenario_plan(count: int, rng: random.Random) -> list[Scenario]:
    """``count`` scenarios in :data:`SCENARIO_WEIGHTS` proportions, shuffled.

    Every scenario appears at least once when ``count`` allows, so even a small demo shows each
    situation.
    """
    total = sum(SCENARIO_WEIGHTS.values())
    shares = {s: count * w / total for s, w in SCENARIO_WEIGHTS.items()}
    counts = {s: int(share) for s, share in shares.items()}
    if count >= len(SCENARIO_WEIGHTS):
        counts = {s: max(1, n) for s, n in counts.items()}
    by_remainder = sorted(shares, key=lambda s: shares[s] - int(shares[s]), reverse=True)
    while sum(counts.values()) < count:
        for scenario in by_remainder:
            if sum(counts.values()) < count:
                counts[scenario] += 1
    while sum(counts.values()) > count:  # the minimum of one each overshot: trim the largest
        counts[max(counts, key=counts.get)] -= 1
    plan = [s for s, n in counts.items() for _ in range(n)]
    rng.shuffle(plan)
    return plan


def iter_vendors(
    *,
    count: int,
    seed: int,
    today: dt.date,
    owners: Sequence[str],
    projects: Sequence[ProjectData],
    target_certificates: int | None = None,
) -> Iterator[VendorData]:
    """Yield ``count`` vendors, each in one :class:`Scenario`, one at a time (memory stays flat).

    With ``target_certificates``, vendors that have certificates get extra earlier yearly terms
    (superseded) until the running total tracks the target, as a long-standing vendor base does.
    """
    rng = random.Random(seed)
    taken: set[str] = set()
    issued = 0
    for index, scenario in enumerate(scenario_plan(count, rng)):
        vendor, program = _vendor(rng, scenario, today=today, owners=owners, projects=projects,
                                  taken=taken)
        if target_certificates is not None and program is not None:
            wanted = round(target_certificates * (index + 1) / count)
            add_prior_terms(rng, program, vendor.certificates,
                            count=wanted - issued - len(vendor.certificates), today=today)
        issued += len(vendor.certificates)
        yield vendor


def _vendor(
    rng: random.Random,
    scenario: Scenario,
    *,
    today: dt.date,
    owners: Sequence[str],
    projects: Sequence[ProjectData],
    taken: set[str],
) -> tuple[VendorData, Program | None]:
    vendor_type = rng.choice(sorted(names.VENDOR_TYPES))
    trade = _unique_trade_name(rng, vendor_type, taken)
    suffix = _weighted(rng, names.LEGAL_SUFFIXES)
    if rng.random() < 0.2:  # trades under a DBA: the legal entity is a holding name
        holding = f"{rng.choice(names.SURNAMES)} {rng.choice(('Enterprises', 'Holdings', 'Group'))}"
        legal_name, dba = _join_suffix(holding, suffix), trade
    else:
        legal_name, dba = _join_suffix(trade, suffix), ""
    city, state, zip3, area = rng.choice(names.CITIES)
    vendor = VendorData(
        legal_name=legal_name,
        dba=dba,
        vendor_type=vendor_type,
        scenario=scenario,
        address_line1=f"{rng.randint(100, 9899)} {rng.choice(names.STREET_NAMES)}",
        address_line2=rng.choice(("Suite 200", "Unit B", "Floor 2")) if rng.random() < 0.15 else "",
        city=city,
        state=state,
        postal_code=f"{zip3}{rng.randint(1, 99):02d}",
        tax_id=f"{rng.randint(10, 99)}-{rng.randint(1_000_000, 9_999_999)}"
        if rng.random() < 0.9 else "",
        owner=rng.choice([*owners, None]) if owners else None,
        notes=rng.choice(names.NOTES) if rng.random() < 0.3 else "",
        tags=rng.sample(names.TAGS, rng.choice((0, 0, 1, 1, 2))),
    )
    if scenario in {Scenario.EXPIRED, Scenario.NO_CERTIFICATE} and rng.random() < 0.3:
        vendor.status = "inactive"
    vendor.projects = _assignments(rng, projects)
    domain = re.sub(r"[^a-z0-9]", "", trade.lower()) + ".example"
    contact = (rng.choice(names.FIRST_NAMES), rng.choice(names.SURNAMES))
    vendor.contacts.append(ContactData(
        role="vendor", name=" ".join(contact), email=f"{contact[0]}@{domain}".lower(),
        phone=phone(rng, area), is_primary=True,
    ))
    if rng.random() < 0.25:
        vendor.contacts.append(ContactData(role="other", name="Accounts Payable",
                                           email=f"ap@{domain}", phone=phone(rng, area)))
    if scenario is Scenario.NO_CERTIFICATE:
        return vendor, None
    program = build_program(
        rng, vendor_type=vendor_type, insured_name=legal_name,
        insured_address=", ".join(p for p in (vendor.address_line1, vendor.address_line2, city,
                                              f"{state} {vendor.postal_code}") if p),
        projects=[a.project for a in vendor.projects],
    )
    if rng.random() < 0.85:
        agent = program.agent
        vendor.contacts.append(ContactData(role="agent", name=agent.name, email=agent.email,
                                           phone=agent.phone))
    vendor.certificates = _history(rng, scenario, program, today=today, dba=dba)
    return vendor, program


def _history(
    rng: random.Random, scenario: Scenario, program: Program, *, today: dt.date, dba: str,
) -> list[CertificateData]:
    """The vendor's certificates, oldest first, arranged to put it in ``scenario``."""
    term = rng.randint(3, 9)
    days = rng.randint

    def accepted(start: dt.date, **kwargs) -> CertificateData:
        return program.certificate(rng, start=start, term=term, status="accepted", today=today,
                                   **kwargs)

    def in_force_start() -> dt.date:  # a term that still runs more than 30 days
        return today - dt.timedelta(days=days(10, 300))

    def ending(first: int, last: int) -> dt.date:  # the start of a term ending in that window
        return add_years(today + dt.timedelta(days=days(first, last)), -1)

    certificates: list[CertificateData] = []
    if scenario is Scenario.COMPLIANT:
        certificates = [accepted(in_force_start())]
    elif scenario is Scenario.RENEWED:
        certificates = [accepted(in_force_start())]
        add_prior_terms(rng, program, certificates, count=rng.choice((1, 1, 1, 2)), today=today)
    elif scenario is Scenario.EXPIRING:
        if rng.random() < 0.4 and "workers_compensation" in program.lines:
            certificates = [accepted(in_force_start(),
                                     line_starts={"workers_compensation": ending(1, 30)})]
        else:
            certificates = [accepted(ending(1, 30))]
        if rng.random() < 0.4:
            add_prior_terms(rng, program, certificates, count=1, today=today)
    elif scenario is Scenario.EXPIRED:
        certificates = [accepted(ending(-150, -1))]
        if rng.random() < 0.3:
            add_prior_terms(rng, program, certificates, count=1, today=today)
    elif scenario is Scenario.MISSING_LINE:
        missing = "workers_compensation" if rng.random() < 0.7 else "general_liability"
        program.lines.remove(missing)
        certificates = [accepted(in_force_start())]
    elif scenario is Scenario.AWAITING_REVIEW:
        if rng.random() < 0.75:
            certificates = [accepted(ending(-25, 20))]
        status = rng.choice(("received", "needs_review"))
        certificates.append(CertificateData(
            status=status,
            source=rng.choice(("upload", "email", "portal")),
            received_date=today - dt.timedelta(days=days(0, 5)),
            status_reason="" if status == "received" else
            "The file could not be read automatically: enter the certificate data by hand.",
        ))
    elif scenario is Scenario.FLAGGED:
        previous = accepted(ending(-10, 25))
        term += 1
        renewal = program.certificate(rng, start=previous.policies[0].expiration_date, term=term,
                                      status="needs_review", today=today)
        renewal.status_reason = _flag(rng, renewal, dba=dba)
        certificates = [previous, renewal]
    return certificates


def _flag(rng: random.Random, renewal: CertificateData, *, dba: str) -> str:
    """Change the renewal the way real ones go wrong; return the reason a reviewer would read."""
    liability = next((p for p in renewal.policies if p.coverage == "general_liability"), None)
    if liability is not None and rng.random() < 0.5:
        before = liability.limits["general_aggregate"]
        after = liability.limits["general_aggregate"] = before // 2
        return f"General aggregate reduced at renewal: ${before:,} -> ${after:,}."
    legal_name = renewal.insured_name
    renewal.insured_name = dba or legal_name.rsplit(" ", 1)[0].rstrip(",")
    return (f'Named insured "{renewal.insured_name}" differs from the vendor\'s legal name '
            f'"{legal_name}".')


def _unique_trade_name(rng: random.Random, vendor_type: str, taken: set[str]) -> str:
    """A trade name no other vendor has: ``Ridgeway Roofing``, ``Quinn & Sons Plumbing`` ..."""
    trade = rng.choice(names.VENDOR_TYPES[vendor_type])
    stem = rng.choice(names.NAME_STEMS)
    candidates = [f"{stem} {trade}"]
    surname = rng.choice(names.SURNAMES)
    candidates.append(rng.choice((f"{surname} {trade}", f"{surname} & Sons {trade}",
                                  f"{surname} Brothers {trade}")))
    candidates.append(f"{stem} {trade} of {rng.choice(names.CITIES)[0]}")
    for name in candidates:
        if name not in taken:
            taken.add(name)
            return name
    number = 2
    while f"{candidates[0]} {number}" in taken:
        number += 1
    taken.add(f"{candidates[0]} {number}")
    return f"{candidates[0]} {number}"


def _join_suffix(name: str, suffix: str) -> str:
    return f"{name}{suffix}" if suffix.startswith(",") else f"{name} {suffix}"


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _assignments(rng: random.Random, projects: Sequence[ProjectData]) -> list[AssignmentData]:
    if not projects or rng.random() < 0.45:
        return []
    chosen = rng.sample(list(projects), 2 if rng.random() < 0.25 else 1)
    result = []
    for project in chosen:
        assignment = AssignmentData(project=project.name)
        if project.start_date and project.end_date and rng.random() < 0.3:
            # Work on part of the project only: the second half of its period.
            half = (project.end_date - project.start_date) // 2
            assignment.start_date = project.start_date + half
            assignment.end_date = project.end_date
        result.append(assignment)
    return result

