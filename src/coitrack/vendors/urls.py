from django.urls import path

from coitrack.vendors.views import contacts, lists, merge, vendors

app_name = "vendors"
urlpatterns = [
    path("", vendors.vendor_list, name="list"),
    path("new/", vendors.vendor_create, name="create"),
    path("<int:pk>/", vendors.vendor_detail, name="detail"),
    path("<int:pk>/edit/", vendors.vendor_edit, name="edit"),
    path("<int:pk>/deactivate/", vendors.vendor_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", vendors.vendor_reactivate, name="reactivate"),
    path("<int:pk>/merge/", merge.vendor_merge, name="merge"),
    path("<int:pk>/contacts/new/", contacts.contact_add, name="contact_add"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("<int:pk>/contacts/<int:contact_pk>/delete/", contacts.contact_delete,
         name="contact_delete"),
    path("types/", lists.type_list, name="type_list"),
    path("types/new/", lists.type_create, name="type_create"),
    path("types/<int:pk>/edit/", lists.type_edit, name="type_edit"),
    path("types/<int:pk>/delete/", lists.type_delete, name="type_delete"),
    path("projects/", lists.project_list, name="project_list"),
    path("projects/new/", lists.project_create, name="project_create"),
    path("projects/<int:pk>/edit/", lists.project_edit, name="project_edit"),
]
