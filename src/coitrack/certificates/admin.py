"""Staff admin for certificates, their insurers, policies and documents; changes are audited."""

from django.contrib import admin

from coitrack.audit.admin_mixins import AuditedAdmin
from coitrack.certificates.models import Certificate, Document, Insurer, Limit, Policy


class InsurerInline(admin.TabularInline):
    model = Insurer
    extra = 0


class PolicyInline(admin.TabularInline):
    model = Policy
    extra = 0
    fields = ["position", "coverage", "description", "insurer_letter", "policy_number",
              "effective_date", "expiration_date", "status"]
    show_change_link = True


@admin.register(Certificate)
class CertificateAdmin(AuditedAdmin):
    list_display = ["id", "vendor", "organization", "status", "source", "received_date",
                    "certificate_date"]
    list_filter = ["status", "source", "organization"]
    search_fields = ["insured_name", "vendor__legal_name", "certificate_number"]
    raw_id_fields = ["organization", "vendor", "documents"]
    inlines = [InsurerInline, PolicyInline]

    def audit_vendor_id(self, obj):
        return obj.vendor_id

    def audit_certificate_id(self, obj):
        return obj.pk


class LimitInline(admin.TabularInline):
    model = Limit
    extra = 0


@admin.register(Policy)
class PolicyAdmin(AuditedAdmin):
    list_display = ["policy_number", "coverage", "vendor", "effective_date", "expiration_date",
                    "status"]
    list_filter = ["coverage", "status"]
    search_fields = ["policy_number", "vendor__legal_name"]
    raw_id_fields = ["certificate", "vendor", "superseded_by"]
    inlines = [LimitInline]

    def audit_organization(self, obj):
        return obj.certificate.organization

    def audit_vendor_id(self, obj):
        return obj.vendor_id

    def audit_certificate_id(self, obj):
        return obj.certificate_id


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "organization", "content_type", "size", "page_count",
                    "uploaded_at"]
    search_fields = ["original_name", "sha256"]
    readonly_fields = ["sha256", "file", "content_type", "size", "page_count"]
    raw_id_fields = ["organization"]

    def has_add_permission(self, request):
        return False  # files arrive through the upload checks, never around them
