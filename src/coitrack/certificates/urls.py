from django.urls import path

from coitrack.certificates import views

app_name = "certificates"
urlpatterns = [
    path("", views.certificate_list, name="list"),
]
