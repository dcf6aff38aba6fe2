"""Telling people. What other apps call:

- :func:`publish` / :func:`publish_many` (``publish.py``): an event of a registered kind
  (``notifications/events.py``) -> the members concerned by their choices -> one row each ->
  the transports (``transports.py``: in-app, e-mail through the outbox), each attempt recorded;
- the inbox (``inbox.py``): unread count, marking read;
- preferences (``preferences.py``) and the digest (``digest.py``).
"""

from coitrack.notifications.services.inbox import mark_all_read, mark_read, unread_count
from coitrack.notifications.services.publish import Event, publish, publish_many
from coitrack.notifications.services.transports import absolute_url

__all__ = ["Event", "absolute_url", "mark_all_read", "mark_read", "publish", "publish_many",
           "unread_count"]
