from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "coitrack.vendors"
    label = "vendors"
    default_auto_field = "django.db.models.BigAutoField"
