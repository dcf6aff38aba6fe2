from django.urls import path

from coitrack.review import views

app_name = "review"
urlpatterns = [
    path("", views.flagged_certificates, name="flagged"),
    path("flags/<int:pk>/resolve/", views.resolve, name="resolve"),
]
