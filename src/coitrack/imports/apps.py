from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "coitrack.imports"
    label = "imports"
    verbose_name = "Imports"
