"""Views of the vendors app, one module per screen family (vendors, contacts, lists, merge)."""
