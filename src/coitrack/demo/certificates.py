"""A vendor's insurance program and the certificates its agent issues, term after term.

A :class:`Program` is what stays the same at each renewal (agency, carriers, which lines, policy
number stems, limits); :meth:`Program.certificate` prints one term of it as an ACORD 25.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field

from coitrack.demo import names
from coitrack.demo.data import CertificateData, InsurerData, PolicyData
from coitrack.demo.policies import LINES, add_years, policy_number, policy_number_base, write_in

LETTERS = "ABCDEF"


def phone(rng: random.Random, area: str) -> str:
    # 555-0100 to 555-0199 are reserved for fiction, so no demo number rings a real phone.
    return f"({area}) 555-{rng.randint(100, 199):04d}"


@dataclass(slots=True)
class Agent:
    agency: str
    address: str
    name: str
    email: str
    phone: str
    fax: str


def pick_agent(rng: random.Random) -> Agent:
    agency, address, domain, area = rng.choice(names.AGENCIES)
    first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.SURNAMES)
    return Agent(
        agency=agency, address=address, name=f"{first} {last}",
        email=f"{first[0]}{last}@{domain}".lower(), phone=phone(rng, area),
        fax=phone(rng, area) if rng.random() < 0.3 else "",
    )


@dataclass(slots=True)
class Program:
    """What a vendor's agent renews every year."""

    agent: Agent
    insured_name: str
    insured_address: str
    operations: str
    lines: list[str]  # coverages in the order the form prints them
    carriers: dict[str, tuple[str, str]]  # coverage -> (insurer name, NAIC)
    shapes: dict[str, PolicyData]  # coverage -> limits and check boxes
    number_stems: dict[str, str]  # coverage -> policy number without the term suffix
    projects: list[str] = field(default_factory=list)

    def certificate(
        self,
        rng: random.Random,
        *,
        start: dt.date,
        term: int,
        status: str,
        today: dt.date,
        line_starts: dict[str, dt.date] | None = None,
    ) -> CertificateData:
        """One certificate for the policy term beginning ``start`` (the ``term``-th renewal).

        ``line_starts`` gives a line its own term (workers' comp often renews on another date).
        The certificate is dated a little before the term starts, but never after ``today``.
        """
        line_starts = line_starts or {}
        letters: dict[tuple[str, str], str] = {}
        policies = []
        for coverage in self.lines:
            carrier = self.carriers[coverage]
            letter = letters.setdefault(carrier, LETTERS[len(letters)])
            begins = line_starts.get(coverage, start)
            shape = self.shapes[coverage]
            policies.append(dataclasses.replace(
                shape,
                insurer_letter=letter,
                policy_number=policy_number(self.number_stems[coverage], term),
                effective_date=begins,
                expiration_date=add_years(begins, 1),
                limits=dict(shape.limits),
                auto_symbols=list(shape.auto_symbols),
            ))
        issued = min(today, min(p.effective_date for p in policies) - dt.timedelta(
            days=rng.randint(0, 21)))
        received = min(today, issued + dt.timedelta(days=rng.randint(0, 6)))
        description = (f"{self.operations}. {names.HOLDER_NAME} is included as additional insured "
                       "with respect to general liability when required by written contract.")
        if self.projects:
            description += " Re: " + "; ".join(self.projects) + "."
        return CertificateData(
            status=status,
            source=rng.choices(("upload", "email", "portal"), weights=(55, 30, 15))[0],
            received_date=received,
            form="acord25",
            edition=rng.choice(("2016/03", "2016/03", "2016/03", "2014/01")),
            certificate_date=issued,
            certificate_number=str(rng.randint(10**7, 10**8 - 1)) if rng.random() < 0.65 else "",
            producer_name=self.agent.agency,
            producer_address=self.agent.address,
            producer_contact_name=self.agent.name,
            producer_phone=self.agent.phone,
            producer_fax=self.agent.fax,
            producer_email=self.agent.email,
            insured_name=self.insured_name,
            insured_address=self.insured_address,
            description_of_operations=description,
            holder_name=names.HOLDER_NAME,
            holder_address=names.HOLDER_ADDRESS,
            insurers=[InsurerData(letter=letter, name=carrier[0], naic=carrier[1])
                      for carrier, letter in letters.items()],
            policies=policies,
        )


def build_program(
    rng: random.Random,
    *,
    vendor_type: str,
    insured_name: str,
    insured_address: str,
    projects: list[str],
) -> Program:
    """Choose the agency, carriers, lines and limits a vendor of ``vendor_type`` would carry."""
    lines = ["general_liability", "automobile_liability"]
    heavy = vendor_type in {"Roofing", "Electrical", "General Contractor", "Elevator Maintenance",
                            "HVAC", "Plumbing", "Security"}
    if rng.random() < (0.8 if heavy else 0.3):
        lines.append("umbrella_liability")
    lines.append("workers_compensation")
    main = rng.choice(names.INSURERS)
    carriers = {coverage: main for coverage in lines}
    if rng.random() < 0.3:
        carriers["automobile_liability"] = rng.choice(names.INSURERS)
    if rng.random() < 0.6:
        carriers["workers_compensation"] = rng.choice(names.INSURERS)
    shapes = {coverage: LINES[coverage](rng) for coverage in lines}
    extra = names.WRITE_IN_LINES.get(vendor_type)
    if extra and rng.random() < 0.6:
        lines.append("other")
        carriers["other"] = rng.choice(names.INSURERS)
        shapes["other"] = write_in(rng, extra)
    return Program(
        agent=pick_agent(rng),
        insured_name=insured_name,
        insured_address=insured_address,
        operations=names.OPERATIONS[vendor_type],
        lines=lines,
        carriers=carriers,
        shapes=shapes,
        number_stems={coverage: policy_number_base(rng, coverage) for coverage in lines},
        projects=projects,
    )


def supersede(certificates: list[CertificateData], older: int, newer: int) -> None:
    """Mark ``certificates[older]`` as replaced by ``certificates[newer]``, policy by policy.

    A policy is replaced by the newer certificate's policy of the same coverage (for write-in
    rows, the same description), as the certificates app decides "the same coverage".
    """
    old, new = certificates[older], certificates[newer]
    old.status = "superseded"
    old.superseded_by = newer
    keys = {_coverage_key(p): i for i, p in enumerate(new.policies)}
    for policy in old.policies:
        policy.superseded_by = keys.get(_coverage_key(policy))


def _coverage_key(policy: PolicyData) -> tuple[str, str]:
    desc = policy.description.strip().lower() if policy.coverage == "other" else ""
    return (policy.coverage, desc)


def add_prior_terms(
    rng: random.Random, program: Program, certificates: list[CertificateData], *,
    count: int, today: dt.date,
) -> None:
    """Put ``count`` earlier yearly terms in front of the oldest certificate, each superseded.

    Indices in ``superseded_by`` shift by ``count``. Adds fewer when the policy numbers would run
    below term 1, and none when the oldest certificate has no data to renew from.
    """
    if not certificates or not certificates[0].policies:
        return
    oldest = certificates[0].policies[0]
    term = int(oldest.policy_number.rsplit("-", 1)[1])
    count = min(count, term - 1)  # a policy number never repeats across terms
    if count <= 0:
        return
    for certificate in certificates:
        if certificate.superseded_by is not None:
            certificate.superseded_by += count
    earlier = [
        program.certificate(rng, start=add_years(oldest.effective_date, -years),
                            term=term - years, status="superseded", today=today)
        for years in range(count, 0, -1)
    ]
    certificates[:0] = earlier
    for index in range(count):
        supersede(certificates, index, index + 1)
