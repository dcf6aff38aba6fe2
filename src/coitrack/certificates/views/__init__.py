"""Views of the certificates app, one module per screen or kind of request (all thin)."""
