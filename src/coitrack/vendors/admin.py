"""Staff admin for vendors and the organization-defined lists; changes are audited."""

from django.contrib import admin

from coitrack.audit.admin_mixins import AuditedAdmin
from coitrack.vendors.models import Contact, Project, Tag, Vendor, VendorType


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Vendor)
class VendorAdmin(AuditedAdmin):
    list_display = ["legal_name", "dba", "organization", "vendor_type", "status",
                    "next_expiration", "certificate_count"]
    list_filter = ["status", "organization"]
    search_fields = ["legal_name", "dba", "tax_id"]
    raw_id_fields = ["organization", "vendor_type", "owner", "merged_into"]
    readonly_fields = ["next_expiration", "certificate_count", "compliance_status"]
    filter_horizontal = ["tags"]
    inlines = [ContactInline]

    def audit_vendor_id(self, obj):
        return obj.pk


@admin.register(VendorType, Tag, Project)
class OrganizationListAdmin(AuditedAdmin):
    list_display = ["name", "organization"]
    list_filter = ["organization"]
    search_fields = ["name"]
