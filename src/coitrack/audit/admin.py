"""Read-only admin for the audit trail: staff can search history but never change it."""

from django.contrib import admin

from coitrack.audit.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organization", "actor_label", "action", "object_type",
                    "object_repr"]
    list_filter = ["action", "object_type", "organization"]
    search_fields = ["object_repr", "actor_label", "note"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
