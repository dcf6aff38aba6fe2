from django.urls import path

from coitrack.requirements.views import assignments, carriers, templates, transfer

app_name = "requirements"
urlpatterns = [
    path("", templates.template_list, name="list"),
    path("new/", templates.template_create, name="create"),
    path("import/", transfer.template_import, name="import"),
    path("compare/", transfer.template_compare, name="compare"),
    path("<int:pk>/", templates.template_detail, name="detail"),
    path("<int:pk>/edit/", templates.template_edit, name="edit"),
    path("<int:pk>/duplicate/", templates.template_duplicate, name="duplicate"),
    path("<int:pk>/delete/", templates.template_delete, name="delete"),
    path("<int:pk>/export/", transfer.template_export, name="export"),
    path("<int:pk>/assign/", assignments.assignment_add, name="assign"),
    path("assignments/<int:pk>/remove/", assignments.assignment_remove, name="unassign"),
    path("assignments/<int:pk>/overrides/", assignments.assignment_overrides,
         name="overrides"),
    path("carriers/", carriers.carrier_list, name="carriers"),
    path("carriers/new/", carriers.carrier_create, name="carrier_create"),
    path("carriers/import/", carriers.carrier_import, name="carrier_import"),
    path("carriers/export/", carriers.carrier_export, name="carrier_export"),
    path("carriers/<int:pk>/edit/", carriers.carrier_edit, name="carrier_edit"),
    path("carriers/<int:pk>/delete/", carriers.carrier_delete, name="carrier_delete"),
]
