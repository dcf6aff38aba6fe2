"""Display helpers for certificate pages: dollar amounts, check marks, limits in form order."""

from __future__ import annotations

from django import template

from coitrack import schema

register = template.Library()


@register.filter
def money(value) -> str:
    """``1000000`` -> ``$1,000,000``; nothing -> an em dash."""
    if value is None or value == "":
        return "—"
    try:
        return f"${int(value):,}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def tristate(value, labels: str = "Yes,No") -> str:
    """A check mark that may be unknown: True/False/None -> Yes/No/—."""
    yes, no = labels.split(",")
    return {True: yes, False: no}.get(value, "—")


@register.filter
def limits_in_order(policy) -> list[tuple[str, int]]:
    """``(label, amount)`` of a policy's limits, in the order the form prints them."""
    amounts = {limit.key: limit.amount for limit in policy.limits.all()}
    order = [*schema.LIMIT_KEYS.get(policy.coverage, {}), *sorted(amounts)]
    return [(schema.limit_label(policy.coverage, key), amounts[key])
            for key in dict.fromkeys(order) if key in amounts]


@register.filter
def auto_symbol_labels(symbols) -> str:
    return ", ".join(schema.AUTO_SYMBOLS.get(s, s) for s in symbols or [])


@register.filter
def aggregate_label(value: str) -> str:
    return schema.AGGREGATE_APPLIES_PER.get(value, "—") if value else "—"


@register.filter
def any_previews_pending(documents) -> bool:
    return any(d.previews_pending for d in documents)


@register.filter
def covers(field_name: str) -> str:
    """The coverages (space-separated) a coverage-specific policy input belongs to."""
    from coitrack.certificates.forms.policy import FIELD_COVERAGES

    return FIELD_COVERAGES.get(field_name, "")
