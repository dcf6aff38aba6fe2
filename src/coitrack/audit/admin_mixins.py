"""Make Django admin changes part of the audit trail like any other change."""

from __future__ import annotations

from django.contrib import admin

from coitrack.audit import services
from coitrack.audit.models import Action


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write audit events.

    Subclasses name how to find the organization (and the vendor / certificate the object belongs
    to) with ``audit_organization``, ``audit_vendor_id`` and ``audit_certificate_id``.
    """

    def audit_organization(self, obj):
        return obj.organization

    def audit_vendor_id(self, obj) -> int | None:
        return None

    def audit_certificate_id(self, obj) -> int | None:
        return None

    def _record(self, request, obj, action: str, changes: dict | None = None) -> None:
        services.record(
            organization=self.audit_organization(obj), actor=request.user, action=action,
            obj=obj, changes=changes, note="Changed in the Django admin.",
            vendor_id=self.audit_vendor_id(obj), certificate_id=self.audit_certificate_id(obj),
        )

    def save_model(self, request, obj, form, change):
        before = {name: form.initial.get(name) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        after = {name: form.cleaned_data.get(name) for name in form.changed_data}
        changes = services.diff(
            {k: services.plain(v) for k, v in before.items()},
            {k: services.plain(v) for k, v in after.items()},
        )
        self._record(request, obj, Action.UPDATE if change else Action.CREATE, changes)

    def delete_model(self, request, obj):
        self._record(request, obj, Action.DELETE)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record(request, obj, Action.DELETE)
        super().delete_queryset(request, queryset)
