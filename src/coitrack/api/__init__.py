"""The REST API (django-ninja): thin routers over the apps' services, per-organization tokens."""
