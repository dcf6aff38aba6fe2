from django.urls import path

from coitrack.requirements.views import templates

app_name = "requirements"
urlpatterns = [
    path("", templates.template_list, name="list"),
]
