"""When to ask a vendor for a certificate, and what to ask: the renewal-chasing rules.

Plain Python, no Django: a :class:`~coitrack.chasing.schedule.Schedule` (an organization's
parameters), the state of one request (:class:`~coitrack.chasing.plan.RequestState`) and a day go
in; the next step comes out (:func:`~coitrack.chasing.plan.next_step`). The ``outreach`` app
stores the state, runs the steps and sends the messages; everything about *when* lives here so it
can be tested over months of simulated days in milliseconds.
"""
