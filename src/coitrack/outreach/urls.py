"""Outreach URLs: staff screens, the vendor portal and inbound mail, one list per area."""

from coitrack.outreach.routes import inbound, portal, staff

app_name = "outreach"

urlpatterns = [*portal.urlpatterns, *staff.urlpatterns, *inbound.urlpatterns]
