"""Dashboard URLs. The member's dashboard itself is the site's home page (``/``, URL name
``dashboard``, in the project's urls.py); these are its parts and the default layout."""

from django.urls import path

from coitrack.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/widgets/add/", views.add, name="add"),
    path("dashboard/widgets/<int:pk>/", views.widget, name="widget"),
    path("dashboard/widgets/<int:pk>/settings/", views.configure, name="configure"),
    path("dashboard/widgets/<int:pk>/move/", views.move, name="move"),
    path("dashboard/widgets/<int:pk>/remove/", views.remove, name="remove"),
    path("dashboard/reorder/", views.reorder, name="reorder"),
    path("dashboard/reset/", views.reset, name="reset"),
    path("settings/dashboard/", views.default_layout, name="default_layout"),
]
