"""The vendor compliance report as a PDF (reportlab, pure Python): A4/Letter-neutral margins,
the checklist with every line's explanation, deficiencies, waivers and certificates on file."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coitrack.exports.report import VendorReport

STATE_COLORS = {"pass": colors.HexColor("#1b7a3a"), "fail": colors.HexColor("#b3261e"),
                "warn": colors.HexColor("#9a6700"), "waived": colors.HexColor("#57606a")}


def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("title", parent=sheet["Title"], fontSize=16, alignment=0),
        "h2": ParagraphStyle("h2", parent=sheet["Heading2"], fontSize=12, spaceBefore=10),
        "h3": ParagraphStyle("h3", parent=sheet["Heading3"], fontSize=10, spaceBefore=6),
        "body": body,
        "muted": ParagraphStyle("muted", parent=body, textColor=colors.HexColor("#57606a")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text or ""), style)


def _table(rows: list[list], widths: list[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7de")),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f4f6")))
    table.setStyle(TableStyle(commands))
    return table


def render_pdf(report: VendorReport) -> bytes:
    """The report as PDF bytes."""
    s = _styles()
    out = io.BytesIO()
    vendor = report.vendor
    document = SimpleDocTemplate(
        out, pagesize=LETTER, leftMargin=0.7 * inch, rightMargin=0.7 * inch,
        topMargin=0.7 * inch, bottomMargin=0.7 * inch,
        title=f"Compliance report: {vendor.legal_name}", author=report.organization_name,
        subject="Certificate of insurance compliance")
    width = LETTER[0] - 1.4 * inch
    story: list = [
        _p(f"Compliance report: {vendor.legal_name}", s["title"]),
        _p(f"{report.organization_name} · as of {report.today.isoformat()} · "
           f"status: {report.status_label}", s["muted"]),
        _p("Vendor", s["h2"]),
        _table([[_p(k, s["cell"]), _p(v, s["cell"])] for k, v in report.details],
               [1.4 * inch, width - 1.4 * inch], header=False),
    ]
    if report.contacts:
        story += [_p("Contacts", s["h3"])] + [_p(c, s["body"]) for c in report.contacts]

    story.append(_p("Compliance checklist", s["h2"]))
    if report.evaluation is None:
        story.append(_p("This vendor has not been evaluated.", s["body"]))
    elif not report.templates:
        story.append(_p("No requirement template applies to this vendor.", s["body"]))
    if report.pending:
        story.append(_p(f"{report.pending} certificate(s) awaiting review are not counted "
                        "until accepted.", s["muted"]))
    for template in report.templates:
        story.append(_p(f"{template.name}: {template.status_label} (via {template.source})",
                        s["h3"]))
        rows = [[_p("Requirement", s["cell"]), _p("Result", s["cell"]),
                 _p("Explanation", s["cell"])]]
        styles: list[tuple] = []
        groups = [(r.label, r.policy, r.evidence, r.lines) for r in template.requirements]
        if template.general:
            groups.append(("The certificate as a whole", "", [], template.general))
        for label, policy, evidence, lines in groups:
            head = label + (f"\n{policy}" if policy else "")
            extra = "; ".join(f"{e.label}: {e.state_label}"
                              + (f" ({', '.join(e.forms)})" if e.forms else "")
                              for e in evidence)
            for index, line in enumerate(lines):
                text = line.message + (" (waived)" if line.state == "waived" else "")
                if index == 0 and extra:
                    text = f"{text}\nEvidence: {extra}"
                rows.append([_p(head if index == 0 else "", s["cell"]),
                             _p(line.state_label, s["cell"]),
                             Paragraph(escape(text).replace("\n", "<br/>"), s["cell"])])
                styles.append(("TEXTCOLOR", (1, len(rows) - 1), (1, len(rows) - 1),
                               STATE_COLORS.get(line.state, colors.black)))
        table = _table(rows, [1.8 * inch, 0.7 * inch, width - 2.5 * inch])
        table.setStyle(TableStyle(styles))
        story.append(table)

    story.append(_p("Open deficiencies", s["h2"]))
    if report.deficiencies:
        rows = [[_p("Deficiency", s["cell"]), _p("Explanation", s["cell"]),
                 _p("Template", s["cell"])]]
        rows += [[_p(d.label, s["cell"]), _p(d.message, s["cell"]), _p(d.template, s["cell"])]
                 for d in report.deficiencies]
        story.append(_table(rows, [1.7 * inch, width - 3.0 * inch, 1.3 * inch]))
    else:
        story.append(_p("None.", s["body"]))

    story.append(_p("Waivers", s["h2"]))
    if report.waivers:
        rows = [[_p(h, s["cell"]) for h in ("Deficiency", "Applies to", "Reason", "State")]]
        rows += [[_p(w.code, s["cell"]), _p(w.scope or "all", s["cell"]),
                  _p(w.reason, s["cell"]), _p(f"{w.state}, {w.end}", s["cell"])]
                 for w in report.waivers]
        story.append(_table(rows, [1.5 * inch, 1.3 * inch, width - 4.3 * inch, 1.5 * inch]))
    else:
        story.append(_p("None.", s["body"]))

    story.append(_p("Certificates on file", s["h2"]))
    if report.certificates:
        rows = [[_p(h, s["cell"]) for h in ("#", "Received", "Status", "Policies")]]
        rows += [[_p(str(c.pk), s["cell"]), _p(c.received.isoformat(), s["cell"]),
                  _p(c.status, s["cell"]),
                  Paragraph("<br/>".join(escape(p) for p in c.policies) or "—", s["cell"])]
                 for c in report.certificates]
        story.append(_table(rows, [0.5 * inch, 0.9 * inch, 1.0 * inch, width - 2.4 * inch]))
    else:
        story.append(_p("No certificate on file.", s["body"]))
    story.append(Spacer(1, 12))
    story.append(KeepTogether([_p("Generated by coitrack. Each line of the checklist is the "
                                  "rule's own explanation of what was required and found.",
                                  s["muted"])]))
    document.build(story)
    return out.getvalue()
