from django.urls import path

from coitrack.certificates.views import edit, files, pages, review, status, upload

app_name = "certificates"
urlpatterns = [
    path("", pages.certificate_list, name="list"),
    path("<int:pk>/", pages.certificate_detail, name="detail"),
    path("<int:pk>/edit/", edit.edit, name="edit"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/read-again/", review.read_again, name="read_again"),
    path("<int:pk>/reading/", review.reading_status, name="reading_status"),
    path("<int:pk>/status/", status.change_status, name="set_status"),
    path("upload/<int:vendor_pk>/", upload.upload, name="upload"),
    path("vendor/<int:vendor_pk>/history/", pages.vendor_history, name="history"),
    path("documents/<int:pk>/", files.document, name="document"),
    path("documents/<int:pk>/pages/<int:page>.png", files.preview, name="preview"),
    path("reading-examples.jsonl", review.reading_examples, name="reading_examples"),
]
