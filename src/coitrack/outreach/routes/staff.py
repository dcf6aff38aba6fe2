"""Outreach URLs: staff screens (Settings > Outreach and Messages, requests, logs).

Each kind of message has its own plain URLs (the kind is a fixed word, not an id), so the
isolation test treats them as pages without ids.
"""

from django.urls import path

from coitrack.outreach.messages import KINDS
from coitrack.outreach.views import staff_log, staff_messages, staff_requests, staff_schedules

urlpatterns = [
    path("settings/outreach/", staff_schedules.schedule, name="schedule"),
    path("settings/outreach/save/", staff_schedules.schedule_save, name="schedule_save"),
    path("settings/outreach/templates/<int:pk>/", staff_schedules.template_layer,
         name="template_layer"),
    path("settings/outreach/templates/<int:pk>/save/", staff_schedules.template_layer_save,
         name="template_layer_save"),
    path("settings/outreach/templates/<int:pk>/remove/", staff_schedules.template_layer_remove,
         name="template_layer_remove"),
    path("settings/outreach/types/<int:pk>/", staff_schedules.type_layer, name="type_layer"),
    path("settings/outreach/types/<int:pk>/save/", staff_schedules.type_layer_save,
         name="type_layer_save"),
    path("settings/outreach/types/<int:pk>/remove/", staff_schedules.type_layer_remove,
         name="type_layer_remove"),
    path("settings/messages/", staff_messages.message_list, name="message_list"),
    path("outreach/", staff_requests.overview, name="overview"),
    path("outreach/request-now/", staff_requests.request_now_many, name="request_now_many"),
    path("outreach/vendors/<int:pk>/request-now/", staff_requests.request_now,
         name="request_now"),
    path("outreach/vendors/<int:pk>/revoke-links/", staff_requests.revoke_links,
         name="revoke_links"),
    path("outreach/vendors/<int:pk>/log/", staff_log.vendor_log, name="vendor_log"),
    path("outreach/messages/<int:pk>/", staff_log.message_detail, name="message_detail"),
]

for _kind in KINDS:
    urlpatterns += [
        path(f"settings/messages/{_kind}/", staff_messages.message_edit, {"kind": _kind},
             name="message_edit"),
        path(f"settings/messages/{_kind}/save/", staff_messages.message_save, {"kind": _kind},
             name="message_save"),
        path(f"settings/messages/{_kind}/preview/", staff_messages.message_preview,
             {"kind": _kind}, name="message_preview"),
        path(f"settings/messages/{_kind}/reset/", staff_messages.message_reset,
             {"kind": _kind}, name="message_reset"),
    ]
