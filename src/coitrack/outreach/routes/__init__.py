"""URL patterns by area (each area's views own their list); ``outreach.urls`` joins them."""
