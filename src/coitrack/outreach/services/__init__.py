"""Outreach services: what views, the portal, inbound mail and the scheduler call.

- ``schedules``: the chasing parameters that apply to each vendor;
- ``requests``: opening, answering, judging and closing requests (one open per vendor);
- ``tick``: the scheduler's periodic pass, safe to run twice or in two processes at once;
- ``outbox``: queuing e-mails with the change that causes them, and delivering them;
- ``portal``: no-login links (hashed tokens) and what they may see;
- ``log``: the vendor's communications log.
"""
