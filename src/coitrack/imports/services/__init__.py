"""The import app's services: jobs (upload -> mapping -> preview -> run -> report) and, per kind,
planning and writing rows."""
