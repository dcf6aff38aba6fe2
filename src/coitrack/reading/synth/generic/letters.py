"""Layouts written as text: an insurer's letter, label/value columns, a memorandum."""

from __future__ import annotations

import random

from coitrack.reading.synth.generic.content import (
    Content,
)
from coitrack.reading.synth.generic.page import (
    Page,
    holder_and_remarks,
    insurer_line,
    labelled,
    party_lines,
    policy_dates,
    policy_flags,
)


def draw_letter(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    insurer = content.policies[0].insurer
    page.line(
        insurer[0] if content.single_insurer else "Certificates Department",
        bold=True,
        size=page.size + 4,
    )
    page.line("Commercial Lines Service Center", size=page.size - 1)
    page.y += 10
    page.line(content.title, bold=True, size=page.size + 5, x=page.margin + 120)
    page.y += 8
    tab = (
        page.margin
        + max(
            page.width(f"{labels[k]}:", bold=True)
            for k in (
                "insured",
                "holder",
                "date",
                "producer",
                "insurer",
                "policy_number",
                "period",
                "effective",
                "expiration",
                "phone",
                "email",
            )
        )
        + 14
    )
    wordings = [w for p in content.policies for w, _, _ in p.limits]
    wordings += [content.labels["addl"], content.labels["subr"]]
    limit_tab = page.margin + max(page.width(f"{w}:", bold=True) for w in wordings) + 14
    labelled(page, labels["date"], content.date_text(content.date), value_x=tab)
    page.y += 4
    party_lines(page, labels["insured"], content.insured, tab)
    page.y += 4
    if content.producer:
        party_lines(page, labels["producer"], content.producer, tab)
        if content.phone:
            labelled(page, labels["phone"], content.phone, value_x=tab)
        if content.email:
            labelled(page, labels["email"], content.email, value_x=tab)
        page.y += 4
    if content.single_insurer:
        insurer_line(page, content, insurer, tab)
    page.y += 4
    page.wrapped(
        "This letter is issued as a matter of information only and confers no rights "
        "upon the holder. It does not amend, extend or alter the coverage afforded by "
        "the policies described below."
    )
    page.y += 6
    for policy in content.policies:
        page.line(policy.heading, bold=True)
        if not content.single_insurer:
            insurer_line(page, content, policy.insurer, tab)
        labelled(page, labels["policy_number"], policy.number, value_x=tab)
        policy_dates(page, content, policy, tab, rng)
        policy_flags(page, content, policy, limit_tab, rng)
        for wording, _, amount in policy.limits:
            labelled(page, wording, content.amount_text(amount), value_x=limit_tab)
        if policy.statutory:
            page.line("Workers' Compensation: Statutory Limits", x=page.margin)
        page.y += 5
    holder_and_remarks(page, content, tab)
    return page.pdf()




def draw_keyvalue(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    page.line(content.title, bold=True, size=page.size + 5)
    page.y += 6
    tab = page.margin + max(150, max(page.width(w, bold=True) for w in labels.values()) + 16)
    labelled(page, labels["date"], content.date_text(content.date), value_x=tab, colon=False)
    page.y += 4
    # The two parties side by side, each label above its block.
    top, right = page.y, page.margin + 280
    page.text(page.margin, top, labels["insured"], bold=True)
    page.text(right, top, labels["holder"], bold=True)
    page.y += page.size * 1.5
    left_lines = [content.insured[0], *content.insured[1]]
    right_lines = [content.holder[0], *content.holder[1]]
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            page.text(page.margin, page.y, left_lines[index])
        if index < len(right_lines):
            page.text(right, page.y, right_lines[index])
        page.y += page.size * 1.35
    page.y += 8
    if content.producer:
        party_lines(page, labels["producer"], content.producer, tab, colon=False)
        if content.phone:
            labelled(page, labels["phone"], content.phone, value_x=tab, colon=False)
        if content.email:
            labelled(page, labels["email"], content.email, value_x=tab, colon=False)
        page.y += 6
    if content.single_insurer:
        name, naic = content.policies[0].insurer
        labelled(page, labels["insurer"], name, value_x=tab, colon=False)
        if naic:
            labelled(page, labels["naic"], naic, value_x=tab, colon=False)
    page.y += 6
    for policy in content.policies:
        page.rule()
        labelled(
            page,
            rng.choice(["Coverage", "Type of Insurance", "Line of Coverage"]),
            policy.heading,
            value_x=tab,
        )
        if not content.single_insurer:
            labelled(page, labels["insurer"], policy.insurer[0], value_x=tab, colon=False)
            if policy.insurer[1]:
                labelled(page, labels["naic"], policy.insurer[1], value_x=tab, colon=False)
        labelled(page, labels["policy_number"], policy.number, value_x=tab, colon=False)
        labelled(
            page, labels["effective"], content.date_text(policy.effective), value_x=tab, colon=False
        )
        labelled(
            page,
            labels["expiration"],
            content.date_text(policy.expiration),
            value_x=tab,
            colon=False,
        )
        if policy.addl is not None:
            labelled(
                page, labels["addl"], content.flag(policy.addl, rng), value_x=tab, colon=False
            )
        if policy.subr is not None:
            labelled(
                page, labels["subr"], content.flag(policy.subr, rng), value_x=tab, colon=False
            )
        if policy.statutory:
            labelled(page, "Limits", "Statutory", value_x=tab, colon=False)
        limit_tab = tab + max((page.width(w) for w, _, _ in policy.limits), default=0) + 16
        for wording, _, amount in policy.limits:
            labelled(
                page, wording, content.amount_text(amount), value_x=limit_tab, x=tab, colon=False
            )
        page.y += 4
    if content.description:
        page.rule()
        page.line(labels["description"], bold=True)
        page.wrapped(content.description)
    return page.pdf()


def draw_memo(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    page.line(content.title, bold=True, size=page.size + 4)
    gap = "      "
    page.line(f"{labels['date']}: {content.date_text(content.date)}")
    page.y += 6
    for key, party in (("insured", content.insured), ("holder", content.holder)):
        x = page.margin + page.width(f"{labels[key]}: ", bold=True) + 2
        labelled(page, labels[key], party[0])
        for line in party[1]:
            page.line(line, x=x)
        page.y += 4
    if content.producer:
        x = page.margin + page.width(f"{labels['producer']}: ", bold=True) + 2
        labelled(page, labels["producer"], content.producer[0])
        for line in content.producer[1]:
            page.line(line, x=x)
        extras = [
            f"{labels['phone']}: {content.phone}" if content.phone else "",
            f"{labels['email']}: {content.email}" if content.email else "",
        ]
        if any(extras):
            page.line(gap.join(e for e in extras if e))
        page.y += 4
    if content.single_insurer:
        name, naic = content.policies[0].insurer
        page.line(
            f"{labels['insurer']}: {name}" + (f"{gap}{labels['naic']}: {naic}" if naic else "")
        )
    page.y += 6
    for policy in content.policies:
        page.line(f"{policy.heading}:", bold=True)
        if not content.single_insurer:
            name, naic = policy.insurer
            page.line(
                f"{labels['insurer']}: {name}" + (f" (NAIC {naic})" if naic else ""),
                x=page.margin + 12,
            )
        period = f"{content.date_text(policy.effective)} to {content.date_text(policy.expiration)}"
        page.line(
            f"{labels['policy_number']}: {policy.number}{gap}{labels['period']}: {period}",
            x=page.margin + 12,
        )
        flags = []
        if policy.addl is not None:
            flags.append(f"{labels['addl']}: {content.flag(policy.addl, rng)}")
        if policy.subr is not None:
            flags.append(f"{labels['subr']}: {content.flag(policy.subr, rng)}")
        if flags:
            page.line(gap.join(flags), x=page.margin + 12)
        if policy.statutory:
            page.line("Statutory", x=page.margin + 12)
        pieces = [f"{w} {content.amount_text(a)}" for w, _, a in policy.limits]
        for start in range(0, len(pieces), 2):
            page.line(gap.join(pieces[start : start + 2]), x=page.margin + 12)
        page.y += 4
    if content.description:
        page.y += 4
        page.line(f"{labels['description']}:", bold=True)
        page.wrapped(content.description)
    return page.pdf()


