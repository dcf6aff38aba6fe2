"""The chasing parameters that apply to a vendor: defaults < organization < template < type.

When several of a vendor's templates set a parameter, the template with the smallest id wins
(a stable, explainable rule; the settings page says so). The vendor type's values win over
every template's, because the type describes the vendor itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coitrack.chasing.schedule import Schedule, ScheduleError, resolve
from coitrack.outreach.models import ScheduleSettings


class Layers:
    """The organization's schedule layers, read once (one query) and resolved per vendor."""

    def __init__(self, organization) -> None:
        self.organization = organization
        self.base: dict = {}
        self.by_template: dict[int, dict] = {}
        self.by_type: dict[int, dict] = {}
        for row in ScheduleSettings.objects.filter(organization=organization):
            if row.template_id:
                self.by_template[row.template_id] = row.parameters
            elif row.vendor_type_id:
                self.by_type[row.vendor_type_id] = row.parameters
            else:
                self.base = row.parameters
        self._cache: dict[tuple, Schedule] = {}

    @property
    def organization_schedule(self) -> Schedule:
        return self.resolve((), None)

    @property
    def needs_templates(self) -> bool:
        """Whether any template sets parameters (else vendors' templates need not be read)."""
        return bool(self.by_template)

    def resolve(self, template_ids: Iterable[int], vendor_type_id: int | None) -> Schedule:
        """The schedule of a vendor with these templates and type. A stored layer that no
        longer validates (written by an older version) is skipped rather than stopping
        every request of the organization."""
        relevant = tuple(sorted(t for t in template_ids if t in self.by_template))
        key = (relevant, vendor_type_id if vendor_type_id in self.by_type else None)
        if key not in self._cache:
            layers: list[Mapping] = [self.base]
            # Smallest template id wins: apply the others first, it last.
            layers += [self.by_template[t] for t in reversed(relevant)]
            if key[1] is not None:
                layers.append(self.by_type[key[1]])
            self._cache[key] = _resolve_tolerant(layers)
        return self._cache[key]

    def upper_first_request_days(self) -> int:
        """The largest "first request, days before expiry" of any layer: how far ahead the
        tick must look for expiring policies."""
        values = [self.organization_schedule.first_request_days]
        for layer in (*self.by_template.values(), *self.by_type.values()):
            value = layer.get("first_request_days")
            if isinstance(value, int):
                values.append(value)
        return max(values)


def _resolve_tolerant(layers: list[Mapping]) -> Schedule:
    good: list[Mapping] = []
    for layer in layers:
        try:
            resolve(*good, layer)
        except ScheduleError:
            continue
        good.append(layer)
    return resolve(*good)


def vendor_schedules(organization, vendors: Mapping[int, int | None], *,
                     layers: Layers | None = None, today=None) -> dict[int, Schedule]:
    """``{vendor id: schedule}`` for ``vendors`` (``{vendor id: vendor type id}``).

    Reads the vendors' templates only when some template sets parameters (three queries for
    any number of vendors).
    """
    layers = layers or Layers(organization)
    templates: dict[int, list] = {}
    if layers.needs_templates and vendors:
        from coitrack.requirements.services import templates_by_vendor

        templates = templates_by_vendor(organization, list(vendors), today=today)
    return {
        vendor_id: layers.resolve((t.template_id for t in templates.get(vendor_id, ())),
                                  type_id)
        for vendor_id, type_id in vendors.items()
    }
