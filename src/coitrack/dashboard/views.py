"""Dashboard screens: the member's dashboard, each widget's body (loaded on its own by htmx),
changing a layout (add, settings, move, reorder, remove, reset) and the default layout in
Settings.

Any member, viewers included, arranges their *own* dashboard (it changes nothing anyone else
sees); only admins change the organization's default. A widget is found through a layout the
caller may change: another member's or organization's widget answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.dashboard import services
from coitrack.dashboard.config import REF, clean, describe
from coitrack.dashboard.data import Context
from coitrack.dashboard.models import DashboardLayout, DashboardWidget
from coitrack.dashboard.registry import KINDS

DEFAULT = "default"  # the ``layout`` form value naming the organization's default layout


def _is_admin(request: HttpRequest) -> bool:
    return request.membership.has_role(Role.ADMIN)


def _layout(request: HttpRequest) -> DashboardLayout:
    """The layout a change names: the caller's own, or (admins only) the default."""
    if request.POST.get("layout") == DEFAULT:
        if not _is_admin(request):
            raise PermissionDenied("Only admins change the default dashboard.")
        return services.default_layout(request.organization)
    return services.layout_for(request.membership)


def _widget(request: HttpRequest, pk: int) -> DashboardWidget:
    widget = get_object_or_404(DashboardWidget.objects.select_related("layout"), pk=pk,
                               layout__organization=request.organization)
    layout = widget.layout
    if layout.membership_id == request.membership.pk or (layout.is_default
                                                         and _is_admin(request)):
        return widget
    raise Http404("No such widget.")


def _back(layout: DashboardLayout, widget_pk: int | None = None) -> HttpResponse:
    url = reverse("dashboard:default_layout" if layout.is_default else "dashboard")
    return redirect(f"{url}#widget-{widget_pk}" if widget_pk else url)


def _uses_refs(kind) -> bool:
    return any(f.kind == REF for f in kind.fields)


def _frames(layout: DashboardLayout, refs: dict) -> list[dict]:
    widgets = list(layout.widgets.all())
    frames = []
    for i, widget in enumerate(widgets):
        kind = KINDS.get(widget.kind)
        values = clean(kind.fields, widget.config, refs, lenient=True).values if kind else {}
        frames.append({
            "widget": widget, "kind": kind, "first": i == 0, "last": i == len(widgets) - 1,
            "subtitle": describe(kind.fields, values, refs) if kind else "",
        })
    return frames


def _page(request: HttpRequest, layout: DashboardLayout, template: str) -> HttpResponse:
    refs = services.references(request.organization)
    return render(request, template, {
        "layout": layout,
        "layout_value": DEFAULT if layout.is_default else "",
        "frames": _frames(layout, refs),
        "kinds": list(KINDS.values()),
        "today": timezone.localdate(),
        "is_org_admin": _is_admin(request),
    })


@require_safe
@member_required()
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, services.layout_for(request.membership), "dashboard/page.html")


@require_safe
@member_required(Role.ADMIN)
def default_layout(request: HttpRequest) -> HttpResponse:
    return _page(request, services.default_layout(request.organization),
                 "dashboard/default_layout.html")


@require_safe
@member_required()
def widget(request: HttpRequest, pk: int) -> HttpResponse:
    """The widget's body (htmx), or a page with just that widget (without JavaScript)."""
    widget = _widget(request, pk)
    kind = KINDS.get(widget.kind)
    context = {"widget": widget, "kind": kind}
    if kind is not None:
        refs = services.references(request.organization) if _uses_refs(kind) else {}
        cleaned = clean(kind.fields, widget.config, refs, lenient=True)
        ctx = Context(organization=request.organization, user=request.user,
                      today=timezone.localdate())
        context.update(data=kind.data(ctx, cleaned.values), notes=cleaned.notes,
                       config=cleaned.values)
    if request.htmx:
        return render(request, "dashboard/_widget_body.html", context)
    return render(request, "dashboard/widget_page.html", context)


@member_required()
def configure(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the widget's settings form. POST: check and save them; a bad value changes nothing
    and the form says why (status 400)."""
    widget = _widget(request, pk)
    kind = KINDS.get(widget.kind)
    if kind is None:
        raise Http404("This kind of widget is no longer available.")
    refs = services.references(request.organization)
    if request.method == "POST":
        cleaned = clean(kind.fields, request.POST, refs)
        if cleaned.ok:
            services.configure_widget(widget, cleaned.values, actor=request.user)
            messages.success(request, f"Saved the settings of “{kind.title}”.")
            return _back(widget.layout, widget.pk)
        values = {**cleaned.values, **_given(kind, request.POST)}
        errors, status = cleaned.errors, 400
    else:
        values = clean(kind.fields, widget.config, refs, lenient=True).values
        errors, status = {}, 200
    fields = [{"field": f, "value": str(values.get(f.name, f.default)),
               "error": errors.get(f.name, ""),
               "options": _options(f, refs)} for f in kind.fields]
    return render(request, "dashboard/configure.html", {
        "widget": widget, "kind": kind, "fields": fields, "errors": errors,
        "back": reverse("dashboard:default_layout" if widget.layout.is_default
                        else "dashboard"),
    }, status=status)


def _given(kind, data) -> dict:
    """What the form sent, shown back as typed after an error."""
    return {f.name: data.get(f.name) for f in kind.fields if data.get(f.name) is not None}


def _options(field, refs) -> list[tuple[str, str]]:
    if field.kind == REF:
        anything = {"vendor_type": "Any type", "project": "Any project", "owner": "Anyone"}
        return [("", anything.get(field.ref, "Any")), *refs.get(field.ref, {}).items()]
    return list(field.choices)


@require_POST
@member_required()
def add(request: HttpRequest) -> HttpResponse:
    layout = _layout(request)
    try:
        widget = services.add_widget(layout, request.POST.get("kind", ""), actor=request.user)
    except services.LayoutError as error:
        messages.error(request, str(error))
        return _back(layout)
    messages.success(request, f"Added “{KINDS[widget.kind].title}”.")
    return _back(layout, widget.pk)


@require_POST
@member_required()
def move(request: HttpRequest, pk: int) -> HttpResponse:
    widget = _widget(request, pk)
    try:
        services.move_widget(widget, request.POST.get("direction", ""), actor=request.user)
    except services.LayoutError as error:
        messages.error(request, str(error))
    return _back(widget.layout, widget.pk)


@require_POST
@member_required()
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    widget = _widget(request, pk)
    services.remove_widget(widget, actor=request.user)
    messages.success(request, f"Removed “{services.title_of(widget)}”.")
    return _back(widget.layout)


@require_POST
@member_required()
def reorder(request: HttpRequest) -> HttpResponse:
    """The order after a drag and drop: ``order`` is the widget ids, comma-separated. Answers
    204 to scripts (``fetch`` sends ``X-Requested-With``), else back to the dashboard."""
    layout = _layout(request)
    scripted = request.headers.get("X-Requested-With") == "fetch"
    try:
        ids = [int(part) for part in request.POST.get("order", "").split(",") if part.strip()]
        services.reorder(layout, ids, actor=request.user)
    except (ValueError, services.LayoutError) as error:
        text = (str(error) if isinstance(error, services.LayoutError)
                else "The order must list widget ids.")
        if scripted:
            return HttpResponse(text, status=400, content_type="text/plain")
        messages.error(request, text)
        return _back(layout)
    return HttpResponse(status=204) if scripted else _back(layout)


@require_POST
@member_required()
def reset(request: HttpRequest) -> HttpResponse:
    layout = _layout(request)
    services.reset_layout(layout, actor=request.user)
    messages.success(request, "The dashboard shows the built-in widgets again."
                     if layout.is_default else
                     "Your dashboard shows the organization's default widgets again.")
    return _back(layout)
