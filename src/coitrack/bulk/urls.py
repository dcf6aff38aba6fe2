from django.urls import path

from coitrack.bulk import views

app_name = "bulk"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("unmatched/", views.tray, name="tray"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("items/<int:pk>/file/", views.item_file, name="item_file"),
    path("items/<int:pk>/assign/", views.assign, name="assign"),
    path("items/<int:pk>/discard/", views.discard, name="discard"),
]
