"""Sign-in, password reset, organization switching, the Settings area and invitation links.

Names are not namespaced because Django's auth views redirect to ``password_reset_done`` etc.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from coitrack.accounts.views import accept, auth, invitations, members, organization

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html"), name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("organizations/switch/", organization.switch_organization, name="switch_organization"),
    path("settings/", organization.settings_home, name="settings"),
    path("settings/organization/", organization.organization_update,
         name="organization_update"),
    path("settings/members/", members.members, name="members"),
    path("settings/members/<int:pk>/role/", members.change_role, name="change_role"),
    path("settings/members/<int:pk>/remove/", members.remove_member, name="remove_member"),
    path("settings/invitations/", invitations.invitations, name="invitations"),
    path("settings/invitations/new/", invitations.invite, name="invite"),
    path("settings/invitations/<int:pk>/revoke/", invitations.revoke_invitation,
         name="revoke_invitation"),
    path("invitations/<str:token>/", accept.accept_invitation, name="accept_invitation"),
]
