from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "coitrack.exports"
    label = "exports"
    verbose_name = "Exports and reports"
    default_auto_field = "django.db.models.BigAutoField"
