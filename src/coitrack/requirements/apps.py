from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    name = "coitrack.requirements"
    label = "requirements"
    default_auto_field = "django.db.models.BigAutoField"
