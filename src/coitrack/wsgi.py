"""WSGI entry point for production servers (``coitrack run`` uses it with waitress)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
application = get_wsgi_application()
