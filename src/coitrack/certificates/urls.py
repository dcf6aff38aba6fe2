from django.urls import path

from coitrack.certificates.views import edit, files, pages, status, upload

app_name = "certificates"
urlpatterns = [
    path("", pages.certificate_list, name="list"),
    path("<int:pk>/", pages.certificate_detail, name="detail"),
    path("<int:pk>/edit/", edit.edit, name="edit"),
    path("<int:pk>/status/", status.change_status, name="set_status"),
    path("upload/<int:vendor_pk>/", upload.upload, name="upload"),
    path("vendor/<int:vendor_pk>/history/", pages.vendor_history, name="history"),
    path("documents/<int:pk>/", files.document, name="document"),
    path("documents/<int:pk>/pages/<int:page>.png", files.preview, name="preview"),
]
