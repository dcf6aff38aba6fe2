from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "coitrack.outreach"
    label = "outreach"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Outreach"
