from django.apps import AppConfig


class BulkConfig(AppConfig):
    name = "coitrack.bulk"
    label = "bulk"
    verbose_name = "Bulk certificate upload"
    default_auto_field = "django.db.models.BigAutoField"
