"""Webhooks: an organization's URLs told of events (signed, retried, logged). See README.md's
"Webhooks" section for receivers and ARCHITECTURE.md for the design."""
