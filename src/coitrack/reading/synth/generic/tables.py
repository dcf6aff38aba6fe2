"""Layouts drawn as tables: a coverage table, a policy schedule, ruled boxes."""

from __future__ import annotations

import random
import textwrap

from coitrack.reading.synth.form import PAGE_HEIGHT, PAGE_WIDTH
from coitrack.reading.synth.generic.content import (
    Content,
)
from coitrack.reading.synth.generic.page import (
    SHORT,
    Page,
    labelled,
)


def draw_table(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    if content.date_style in ("month", "mon"):  # the date columns are narrow
        content.date_style = "%m/%d/%Y"
    if page.regular == "Courier":  # too wide for six columns
        page.regular, page.bold = "Helvetica", "Helvetica-Bold"
    page.size = min(page.size, 8.5)
    page.line(content.title, bold=True, size=page.size + 6, x=page.margin + 150)
    labelled(page, labels["date"], content.date_text(content.date), x=page.margin + 380)
    page.y += 6
    # Producer and insured side by side, labels above their blocks.
    right = page.margin + 270
    top = page.y
    page.text(page.margin, top, labels["insured"].upper(), bold=True)
    if content.producer:
        page.text(right, top, labels["producer"].upper(), bold=True)
    page.y = top + page.size * 1.5
    left_lines = [content.insured[0], *content.insured[1]]
    right_lines = [content.producer[0], *content.producer[1]] if content.producer else []
    if content.phone:
        right_lines.append(f"{labels['phone']}: {content.phone}")
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            page.text(page.margin, page.y, left_lines[index])
        if index < len(right_lines):
            page.text(right, page.y, right_lines[index])
        page.y += page.size * 1.35
    if content.email:
        page.text(right, page.y, f"{labels['email']}: {content.email}")
        page.y += page.size * 1.35
    page.y += 10
    page.rule()
    columns = [
        ("Coverage", 0),
        ("Insurer", 125),
        ("Policy Number", 240),
        ("Effective", 310),
        ("Expiration", 365),
        ("Limits", 420),
    ]
    names = {
        "Coverage": rng.choice(["Coverage", "Type of Insurance", "Coverage Type"]),
        "Policy Number": rng.choice(["Policy Number", "Policy No.", "Policy #"]),
        "Effective": rng.choice(["Effective", "Eff. Date"]),
        "Expiration": rng.choice(["Expiration", "Exp. Date", "Expires"]),
        "Insurer": rng.choice(["Insurer", "Company", "Carrier"]),
        "Limits": rng.choice(["Limits", "Limits of Liability"]),
    }
    size = page.size - 0.5
    for title, x in columns:
        page.text(page.margin + x, page.y, names[title], bold=True, size=size)
    page.y += size * 1.6
    for policy in content.policies:
        top = page.y
        heading = policy.heading
        words = heading.split()
        head_lines = (
            [heading]
            if page.width(heading, size=size) < 105
            else [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]
        )
        cells = {
            0: head_lines,
            125: textwrap.wrap(policy.insurer[0], 27)
            + ([f"NAIC {policy.insurer[1]}"] if policy.insurer[1] else []),
            240: [policy.number],
            310: [content.date_text(policy.effective)],
            365: [content.date_text(policy.expiration)],
        }
        limit_lines = [
            f"{SHORT.get(key, w)} {content.amount_text(a)}" for w, key, a in policy.limits
        ]
        if policy.statutory:
            limit_lines.insert(0, "Statutory")
        if policy.addl is not None:
            cells[0] = cells[0] + [f"Addl Insured: {'Y' if policy.addl else 'N'}"]
        if policy.subr is not None:
            cells[0] = cells[0] + [f"Waiver: {'Y' if policy.subr else 'N'}"]
        cells[420] = limit_lines
        height = max(len(v) for v in cells.values())
        for x, texts in cells.items():
            for index, text in enumerate(texts):
                font = size - (1.5 if x in (125, 420) else 0.5)
                page.text(page.margin + x, top + index * size * 1.3, text, size=font)
        page.y = top + height * size * 1.3 + 6
    page.rule()
    page.y += 6
    page.line(labels["holder"].upper(), bold=True)
    page.line(content.holder[0])
    for line in content.holder[1]:
        page.line(line)
    if content.description:
        page.y += 8
        page.line(labels["description"].upper(), bold=True)
        page.wrapped(content.description, width=500)
    return page.pdf()




def draw_schedule(content: Content, rng: random.Random) -> bytes:
    """A schedule: headings with the policy number at the right, dashes instead of colons,
    amounts right-aligned at the page edge, the insurer "written by"."""
    page, labels = Page(rng), content.labels
    right_edge = PAGE_WIDTH - page.margin
    page.text(
        page.margin,
        page.y,
        content.policies[0].insurer[0]
        if content.single_insurer
        else "Commercial Insurance Services",
        bold=True,
        size=page.size + 2,
    )
    page.y += page.size * 2.2
    title = content.title.upper()
    page.text(
        right_edge - page.width(title, bold=True, size=page.size + 3),
        page.y,
        title,
        bold=True,
        size=page.size + 3,
    )
    page.y += page.size * 2.5
    issued = f"{labels['date']} {chr(8211)} {content.date_text(content.date)}"
    page.text(right_edge - page.width(issued), page.y, issued)
    page.y += page.size * 2
    top, right = page.y, page.margin + 290
    page.text(page.margin, top, "INSURED NAME AND ADDRESS", bold=True)
    page.text(right, top, labels["holder"].upper(), bold=True)
    page.y += page.size * 1.5
    left_lines = [content.insured[0], *content.insured[1]]
    right_lines = [content.holder[0], *content.holder[1]]
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            page.text(page.margin, page.y, left_lines[index])
        if index < len(right_lines):
            page.text(right, page.y, right_lines[index])
        page.y += page.size * 1.35
    page.y += 10
    dash = f" {chr(8211)} "
    for policy in content.policies:
        page.rule()
        page.text(page.margin, page.y, policy.heading, bold=True)
        number = f"{labels['policy_number']} {policy.number}"
        page.text(right_edge - page.width(number), page.y, number)
        page.y += page.size * 1.5
        name, naic = policy.insurer
        written = f"Written by{dash}{name}" + (f" (NAIC {naic})" if naic else "")
        page.line(written, x=page.margin + 10)
        page.line(
            f"{labels['period']}{dash}{content.date_text(policy.effective)}{dash}"
            f"{content.date_text(policy.expiration)}",
            x=page.margin + 10,
        )
        if policy.statutory:
            page.line("Statutory", x=page.margin + 10)
        for wording, _, amount in policy.limits:
            shown = content.amount_text(amount)
            page.text(page.margin + 10, page.y, wording)
            page.text(right_edge - page.width(shown), page.y, shown)
            page.y += page.size * 1.4
        for key, value in (("addl", policy.addl), ("subr", policy.subr)):
            if value is not None:
                page.line(f"{labels[key]}{dash}{content.flag(value, rng)}", x=page.margin + 10)
        page.y += 4
    if content.description:
        page.rule()
        page.line(labels["description"].upper(), bold=True)
        page.wrapped(content.description)
    if content.producer:
        page.y += 8
        page.line("YOUR AGENT", bold=True)
        page.line(content.producer[0])
        for line in content.producer[1]:
            page.line(line)
        if content.phone:
            page.line(f"{labels['phone']} {content.phone}")
        if content.email:
            page.line(f"{labels['email']}{dash}{content.email}")
    return page.pdf()


def draw_boxed(content: Content, rng: random.Random) -> bytes:
    """Ruled boxes, each with a small caption at its top left and the value below it (an
    insurer's own form): parties side by side, then one row of boxes per coverage."""
    page, labels = Page(rng), content.labels
    if content.date_style in ("month", "mon"):  # the boxes are narrow
        content.date_style = "%m/%d/%Y"
    small, size = 6.5, page.size
    canvas = page.canvas
    canvas.setLineWidth(0.6)
    left, right_edge = page.margin, PAGE_WIDTH - page.margin

    def box(x0: float, x1: float, top: float, caption: str, texts: list[str]) -> float:
        height = small + 6 + len(texts) * size * 1.3 + 4
        canvas.rect(x0, PAGE_HEIGHT - top - height, x1 - x0, height)
        page.text(x0 + 3, top + 2, caption.upper(), size=small)
        for index, text in enumerate(texts):
            page.text(x0 + 5, top + small + 5 + index * size * 1.3, text)
        return height

    title = content.title.upper()
    page.text(
        (PAGE_WIDTH - page.width(title, bold=True, size=size + 4)) / 2,
        page.y,
        title,
        bold=True,
        size=size + 4,
    )
    page.y += size * 3
    middle = left + (right_edge - left) / 2
    page.y += box(middle, right_edge, page.y, labels["date"], [content.date_text(content.date)])
    height = max(
        box(left, middle, page.y, labels["insured"], [content.insured[0], *content.insured[1]]),
        box(middle, right_edge, page.y, labels["holder"], [content.holder[0], *content.holder[1]]),
    )
    page.y += height
    if content.producer or content.single_insurer:
        heights = [0.0]
        if content.producer:
            contact = [f"{labels['phone']}: {content.phone}"] if content.phone else []
            contact += [f"{labels['email']}: {content.email}"] if content.email else []
            heights.append(
                box(
                    left,
                    middle,
                    page.y,
                    labels["producer"],
                    [content.producer[0], *content.producer[1], *contact],
                )
            )
        if content.single_insurer:
            name, naic = content.policies[0].insurer
            heights.append(
                box(
                    middle,
                    right_edge,
                    page.y,
                    labels["insurer"],
                    [name] + ([f"NAIC {naic}"] if naic else []),
                )
            )
        page.y += max(heights)
    page.y += 8
    xs = [left, left + 150, left + 250, left + 340, right_edge]
    for policy in content.policies:
        first = (
            [policy.heading]
            if page.width(policy.heading) < 140
            else textwrap.wrap(policy.heading, 22)
        )
        if not content.single_insurer:
            name, naic = policy.insurer
            first += textwrap.wrap(f"{labels['insurer']}: {name}", 30)
            if naic:
                first.append(f"NAIC {naic}")
        flags = []
        if policy.addl is not None:
            flags.append(f"{labels['addl']}: {'Yes' if policy.addl else 'No'}")
        if policy.subr is not None:
            flags.append(f"{labels['subr']}: {'Yes' if policy.subr else 'No'}")
        limits = (["Statutory"] if policy.statutory else []) + [
            f"{SHORT.get(key, w)} {content.amount_text(a)}" for w, key, a in policy.limits
        ]
        heights = [
            box(xs[0], xs[1], page.y, "Coverage", first),
            box(xs[1], xs[2], page.y, labels["policy_number"], [policy.number]),
            box(
                xs[2],
                xs[3],
                page.y,
                "Policy Period",
                [content.date_text(policy.effective), content.date_text(policy.expiration)],
            ),
            box(xs[3], xs[4], page.y, "Limits", limits + flags),
        ]
        page.y += max(heights)
    if content.description:
        page.y += 8
        chars = int((right_edge - left) / (size * 0.5))
        box(
            left,
            right_edge,
            page.y,
            labels["description"],
            textwrap.wrap(content.description, chars, break_on_hyphens=False),
        )
    return page.pdf()


