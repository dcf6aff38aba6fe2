"""Compliance widgets: the count per status, the non-compliant vendors with their main
deficiencies, and compliance per project or vendor type."""

from __future__ import annotations

from django.db.models import Count

from coitrack.compliance.labels import deficiency_label
from coitrack.compliance.models import STATUS_CHOICES, OpenDeficiency
from coitrack.dashboard import charts
from coitrack.dashboard.data import Context
from coitrack.dashboard.links import scope, vendor_url, vendors
from coitrack.vendors.models import Project, VendorType

NON_COMPLIANT = "non_compliant"
# Statuses that count as meeting the requirements today ("expiring" still does, until it ends).
MEETING = ("compliant", "expiring")


def rate(counts: dict[str, int]) -> float | None:
    """Percent of vendors with requirements that meet them today (compliant or expiring);
    None when no vendor has requirements."""
    judged = sum(n for status, n in counts.items() if status != "no_requirements")
    if not judged:
        return None
    return 100.0 * sum(counts.get(status, 0) for status in MEETING) / judged


def status_rows(counts: dict[str, int], **filters) -> list[dict]:
    return [{"status": status, "label": label, "count": counts.get(status, 0),
             "url": vendor_url(compliance=status, **filters)}
            for status, label in STATUS_CHOICES]


def overview(ctx: Context, config: dict) -> dict:
    filters = scope(config)
    counts = dict(vendors(ctx.organization, ctx.user, ctx.today, **filters)
                  .values_list("compliance_status").annotate(n=Count("id")))
    rows = status_rows(counts, **filters)
    total = sum(counts.values())
    return {
        "rows": rows,
        "total": total,
        "total_url": vendor_url(**filters),
        "segments": charts.stack([(r["status"], r["count"]) for r in rows]),
        "rate": rate(counts),
    }


def non_compliant(ctx: Context, config: dict) -> dict:
    """The non-compliant vendors: how many, their most frequent deficiencies (each linked to the
    vendors that are non-compliant *and* have it) and the first few vendors by name with theirs."""
    filters = scope(config)
    chosen = vendors(ctx.organization, ctx.user, ctx.today, compliance=NON_COMPLIANT, **filters)
    total = chosen.count()
    codes = (OpenDeficiency.objects
             .filter(organization=ctx.organization, vendor__in=chosen.values("pk"))
             .values_list("code").annotate(n=Count("id")).order_by("-n", "code"))
    main = [{"code": code, "label": deficiency_label(code), "count": n,
             "url": vendor_url(compliance=NON_COMPLIANT, deficiency=code, **filters)}
            for code, n in codes[:5]]
    first = list(chosen.order_by("legal_name", "pk").values("pk", "legal_name")
                 [:config["limit"]])
    found: dict[int, list[str]] = {}
    for vendor_id, code in (OpenDeficiency.objects
                            .filter(organization=ctx.organization,
                                    vendor_id__in=[v["pk"] for v in first])
                            .order_by("code").values_list("vendor_id", "code")):
        found.setdefault(vendor_id, []).append(deficiency_label(code))
    return {
        "total": total,
        "url": vendor_url(compliance=NON_COMPLIANT, **filters),
        "deficiencies": main,
        "vendors": [{**v, "deficiencies": found.get(v["pk"], [])} for v in first],
    }


def by_group(ctx: Context, config: dict) -> dict:
    """Per project (or vendor type): how many vendors have each status, biggest groups first.

    One GROUP BY over the assignments (projects) or the vendors (types), restricted to the
    vendors the list would show with the widget's owner setting.
    """
    owner = {"owner": config.get("owner") or ""}
    chosen = vendors(ctx.organization, ctx.user, ctx.today, **owner)
    if config["group_by"] == "type":
        rows = (chosen.values_list("vendor_type_id", "compliance_status")
                .annotate(n=Count("id")))
        names = dict(VendorType.objects.filter(organization=ctx.organization)
                     .values_list("pk", "name"))
        key = "type"
    else:
        # From the vendors' covering index into the assignments' (vendor, project) index: about
        # a fifth cheaper on SQLite than starting from the assignments.
        rows = (chosen.values_list("vendorproject__project_id", "compliance_status")
                .annotate(n=Count("pk")))
        names = dict(Project.objects.filter(organization=ctx.organization)
                     .values_list("pk", "name"))
        key = "project"
    groups: dict[int, dict[str, int]] = {}
    for group_id, status, n in rows.order_by():
        if group_id in names:  # vendors without a type are not a group
            groups.setdefault(group_id, {})[status] = n
    ordered = sorted(groups.items(), key=lambda item: (-sum(item[1].values()),
                                                       names[item[0]].lower()))
    shown = []
    for group_id, counts in ordered[:config["limit"]]:
        filters = {key: group_id, **owner}
        rows_ = status_rows(counts, **filters)
        share = rate(counts)
        shown.append({
            "name": names[group_id], "total": sum(counts.values()),
            "url": vendor_url(**filters), "rows": [r for r in rows_ if r["count"]],
            "segments": charts.stack([(r["status"], r["count"]) for r in rows_]),
            "rate": share,
        })
    return {"groups": shown, "more": max(0, len(ordered) - len(shown)), "group_by": key}
