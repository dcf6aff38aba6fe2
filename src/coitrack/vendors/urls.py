from django.urls import path

from coitrack.vendors import views

app_name = "vendors"
urlpatterns = [
    path("", views.vendor_list, name="list"),
    path("<int:pk>/", views.vendor_detail, name="detail"),
]
