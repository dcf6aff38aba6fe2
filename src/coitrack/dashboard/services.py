"""Changing dashboards: a member's own layout (made from the organization's default on first
use), the default layout admins edit, and the widget operations both share.

Rules: a layout holds at most ``MAX_WIDGETS`` widgets; positions are 0..n-1 after every change;
each change runs in a transaction that locks the layout row, so two tabs moving widgets at once
cannot leave two widgets at one position. A member's own dashboard is a personal preference
and is not written to the audit trail; the default layout is an organization setting, so its
changes are (same transaction).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.dashboard.config import defaults
from coitrack.dashboard.models import MAX_WIDGETS, DashboardLayout, DashboardWidget
from coitrack.dashboard.registry import BUILT_IN_LAYOUT, KINDS
from coitrack.vendors.forms import organization_members, user_label
from coitrack.vendors.models import Project, VendorType


class LayoutError(Exception):
    """A change refused, with the message to show; nothing was changed."""


def references(organization) -> dict[str, dict[str, str]]:
    """Allowed values of the settings that name organization data (``config.REF`` fields)."""
    members = {str(u.pk): user_label(u) for u in organization_members(organization)}
    return {
        "vendor_type": {str(pk): name for pk, name in VendorType.objects.filter(
            organization=organization).values_list("pk", "name")},
        "project": {str(pk): name for pk, name in Project.objects.filter(
            organization=organization).values_list("pk", "name")},
        "owner": {"me": "Me", "none": "Nobody", **members},
    }


def _built_in_specs() -> list[tuple[str, dict]]:
    return [(kind, defaults(KINDS[kind].fields)) for kind in BUILT_IN_LAYOUT]


def _default_specs(organization) -> list[tuple[str, dict]]:
    """The organization's default widgets (the built-in ones until an admin saved some)."""
    layout = DashboardLayout.objects.filter(organization=organization,
                                            membership__isnull=True).first()
    if layout is not None:
        return [(w.kind, dict(w.config)) for w in layout.widgets.all()]
    return _built_in_specs()


def _fill(layout: DashboardLayout, specs: list[tuple[str, dict]]) -> None:
    DashboardWidget.objects.bulk_create([
        DashboardWidget(layout=layout, kind=kind, config=config, position=i)
        for i, (kind, config) in enumerate(specs)
    ])


def layout_for(membership) -> DashboardLayout:
    """The member's own layout; on first use a copy of the organization's default."""
    layout = DashboardLayout.objects.filter(membership=membership).first()
    if layout is not None:
        return layout
    try:
        with transaction.atomic():
            layout = DashboardLayout.objects.create(organization_id=membership.organization_id,
                                                    membership=membership)
            _fill(layout, _default_specs(membership.organization))
            return layout
    except IntegrityError:  # the same member's other request made it first
        return DashboardLayout.objects.get(membership=membership)


def default_layout(organization) -> DashboardLayout:
    """The organization's default layout, made from the built-in one on first use."""
    layout = DashboardLayout.objects.filter(organization=organization,
                                            membership__isnull=True).first()
    if layout is not None:
        return layout
    try:
        with transaction.atomic():
            layout = DashboardLayout.objects.create(organization=organization)
            _fill(layout, _built_in_specs())
            return layout
    except IntegrityError:
        return DashboardLayout.objects.get(organization=organization, membership__isnull=True)


def _locked(layout: DashboardLayout) -> list[DashboardWidget]:
    DashboardLayout.objects.select_for_update(of=("self",)).get(pk=layout.pk)
    return list(layout.widgets.all())


def _renumber(widgets: list[DashboardWidget]) -> None:
    for i, widget in enumerate(widgets):
        widget.position = i
    DashboardWidget.objects.bulk_update(widgets, ["position"])


def _audit(layout: DashboardLayout, actor, note: str) -> None:
    if layout.is_default:
        layout.save(update_fields=["updated_at"])
        record(organization=layout.organization, actor=actor, action=Action.UPDATE, obj=layout,
               note=note)


def add_widget(layout: DashboardLayout, kind: str, *, actor) -> DashboardWidget:
    """Append a widget of ``kind`` with its default settings."""
    if kind not in KINDS:
        raise LayoutError("Choose one of the offered widgets.")
    with transaction.atomic():
        widgets = _locked(layout)
        if len(widgets) >= MAX_WIDGETS:
            raise LayoutError(f"A dashboard holds at most {MAX_WIDGETS} widgets; remove one "
                              "first.")
        widget = DashboardWidget.objects.create(layout=layout, kind=kind,
                                                config=defaults(KINDS[kind].fields),
                                                position=len(widgets))
        _audit(layout, actor, f"Added the widget “{KINDS[kind].title}”.")
    return widget


def configure_widget(widget: DashboardWidget, config: dict, *, actor) -> None:
    """Store settings already checked by ``config.clean`` (strict)."""
    with transaction.atomic():
        _locked(widget.layout)
        widget.config = config
        widget.save(update_fields=["config"])
        _audit(widget.layout, actor, f"Changed the settings of “{title_of(widget)}”.")


def move_widget(widget: DashboardWidget, direction: str, *, actor) -> None:
    """Swap the widget with its neighbour above (``up``) or below (``down``); at an end,
    nothing moves."""
    if direction not in ("up", "down"):
        raise LayoutError("Move a widget up or down.")
    with transaction.atomic():
        widgets = _locked(widget.layout)
        index = next(i for i, w in enumerate(widgets) if w.pk == widget.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(widgets):
            widgets[index], widgets[other] = widgets[other], widgets[index]
            _renumber(widgets)
            _audit(widget.layout, actor, f"Moved “{title_of(widget)}” {direction}.")


def reorder(layout: DashboardLayout, ids: list[int], *, actor) -> None:
    """Put the layout's widgets in the order of ``ids``, which must name each exactly once."""
    with transaction.atomic():
        widgets = _locked(layout)
        by_id = {w.pk: w for w in widgets}
        if sorted(ids) != sorted(by_id):
            raise LayoutError("The dashboard changed meanwhile; reload the page and try again.")
        _renumber([by_id[pk] for pk in ids])
        _audit(layout, actor, "Reordered the widgets.")


def remove_widget(widget: DashboardWidget, *, actor) -> None:
    with transaction.atomic():
        widgets = _locked(widget.layout)
        widget.delete()
        _renumber([w for w in widgets if w.pk != widget.pk])
        _audit(widget.layout, actor, f"Removed the widget “{title_of(widget)}”.")


def reset_layout(layout: DashboardLayout, *, actor) -> None:
    """A member's layout: the organization's default again. The default layout: the built-in
    one again."""
    with transaction.atomic():
        _locked(layout)
        layout.widgets.all().delete()
        if layout.is_default:
            _fill(layout, _built_in_specs())
        else:
            _fill(layout, _default_specs(layout.organization))
        _audit(layout, actor, "Reset to the built-in widgets.")


def title_of(widget: DashboardWidget) -> str:
    kind = KINDS.get(widget.kind)
    return kind.title if kind else "Unavailable widget"
