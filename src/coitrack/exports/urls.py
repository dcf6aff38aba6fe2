"""Exports (one plain URL per kind and format), vendor reports, Settings > Reports."""

from django.urls import path

from coitrack.exports import schedule_views, views
from coitrack.exports.datasets import FORMATS, KINDS

app_name = "exports"
urlpatterns = [
    path("vendors/<int:pk>/report.pdf", views.vendor_report_pdf, name="vendor_pdf"),
    path("vendors/<int:pk>/report/", views.vendor_report_print, name="vendor_print"),
    path("settings/reports/", schedule_views.schedule_list, name="schedules"),
    path("settings/reports/<int:pk>/", schedule_views.schedule_edit, name="schedule_edit"),
    path("settings/reports/<int:pk>/delete/", schedule_views.schedule_delete,
         name="schedule_delete"),
]
for _kind in KINDS:
    for _fmt in FORMATS:
        urlpatterns.append(path(f"exports/{_kind}.{_fmt}", views.download,
                                {"kind": _kind, "fmt": _fmt}, name=f"{_kind}_{_fmt}"))
