"""Settings > Webhooks (admins only): endpoints, each with its secret, test button and
delivery log. Thin: the rules are in ``services.endpoints``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.webhooks.forms import EndpointForm
from coitrack.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from coitrack.webhooks.services import endpoints as service

PER_PAGE = 50


def _endpoint(request: HttpRequest, pk: int) -> WebhookEndpoint:
    return get_object_or_404(WebhookEndpoint, organization=request.organization, pk=pk)


def _apply_errors(form: EndpointForm, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _render_list(request: HttpRequest, form: EndpointForm, status: int = 200) -> HttpResponse:
    rows = WebhookEndpoint.objects.filter(organization=request.organization)
    return render(request, "webhooks/endpoints.html", {"endpoints": rows, "form": form},
                  status=status)


@require_safe
@member_required(Role.ADMIN)
def endpoint_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request, EndpointForm())


@require_POST
@member_required(Role.ADMIN)
def endpoint_create(request: HttpRequest) -> HttpResponse:
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            endpoint = service.create_endpoint(
                organization=request.organization, actor=request.user,
                url=form.cleaned_data["url"], description=form.cleaned_data["description"],
                chosen=form.cleaned_data["events"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Endpoint added. Copy its signing secret below into your "
                                      "receiver, then send a test event.")
            return redirect("webhooks:detail", endpoint.pk)
    return _render_list(request, form, status=400)


def _render_detail(request: HttpRequest, endpoint: WebhookEndpoint, form: EndpointForm,
                   status: int = 200) -> HttpResponse:
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
    shown = request.GET.get("status", "")
    if shown in DeliveryStatus.values:
        deliveries = deliveries.filter(status=shown)
    page = Paginator(deliveries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "webhooks/endpoint.html", {
        "endpoint": endpoint, "form": form, "page": page, "deliveries": page.object_list,
        "statuses": DeliveryStatus.choices, "shown": shown}, status=status)


@never_cache  # the page shows the signing secret
@require_safe
@member_required(Role.ADMIN)
def endpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    form = EndpointForm(initial={"url": endpoint.url, "description": endpoint.description,
                                 "events": endpoint.events})
    return _render_detail(request, endpoint, form)


@never_cache
@require_POST
@member_required(Role.ADMIN)
def endpoint_edit(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            service.update_endpoint(endpoint, actor=request.user, url=form.cleaned_data["url"],
                                    description=form.cleaned_data["description"],
                                    chosen=form.cleaned_data["events"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Endpoint saved.")
            return redirect("webhooks:detail", endpoint.pk)
    endpoint.refresh_from_db()
    return _render_detail(request, endpoint, form, status=400)


@require_POST
@member_required(Role.ADMIN)
def endpoint_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Enable (``active=1``) or disable the endpoint."""
    endpoint = _endpoint(request, pk)
    if request.POST.get("active") == "1":
        if service.enable(endpoint, actor=request.user):
            messages.success(request, "Endpoint enabled: new events are sent to it again.")
    elif service.disable(endpoint, reason="Disabled by an admin.", actor=request.user):
        messages.success(request, "Endpoint disabled: no events are sent to it.")
    return redirect("webhooks:detail", endpoint.pk)


@require_POST
@member_required(Role.ADMIN)
def endpoint_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    service.rotate_secret(endpoint, actor=request.user)
    messages.success(request, "New signing secret: requests are signed with it from now on. "
                              "Put it in your receiver.")
    return redirect("webhooks:detail", endpoint.pk)


@require_POST
@member_required(Role.ADMIN)
def endpoint_test(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    try:
        service.send_test(endpoint, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Test event queued; its delivery appears below in a moment.")
    return redirect("webhooks:detail", endpoint.pk)


@require_POST
@member_required(Role.ADMIN)
def endpoint_delete(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    service.delete_endpoint(endpoint, actor=request.user)
    messages.success(request, f"Endpoint {endpoint.url} deleted.")
    return redirect("webhooks:list")


@require_POST
@member_required(Role.ADMIN)
def delivery_redeliver(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("endpoint"),
                                 organization=request.organization, pk=pk)
    try:
        service.redeliver(delivery, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The event will be sent again in a moment.")
    return redirect("webhooks:detail", delivery.endpoint_id)
