"""Demo requirement templates and a demo carrier table for "Harbor Point Properties".

The carrier table rates the demo's invented insurers (``names.INSURERS``) with invented ratings:
real AM Best ratings are licensed data that coitrack never ships. Every carrier row says so in
its note, and the ratings are chosen so the demo shows both outcomes: most insurers pass the
templates' "A- VII" minimum, two fall below it, and one is left out of the table (not rated).
"""

from __future__ import annotations

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.demo import names
from coitrack.requirements.models import Carrier, RequirementTemplate, TemplateAssignment
from coitrack.requirements.services.templates import validate_template
from coitrack.rules.names import normalize_name

SYSTEM = "system"
DEMO_NOTE = "Demo data: invented insurer, invented rating"

# Invented ratings by insurer name; an insurer missing here is not in the table (not rated).
DEMO_RATINGS: dict[str, tuple[str, str]] = {
    "Atlantic Keystone Casualty Company": ("A+", "XV"),
    "Great Lakes Mutual Insurance Company": ("A", "XII"),
    "Granite State Fire & Marine Insurance Co.": ("A", "X"),
    "Liberty Harbor Insurance Company": ("A-", "IX"),
    "Continental Plains Indemnity Company": ("A", "XIII"),
    "Northbridge Specialty Insurance Company": ("B+", "VI"),
    "Old Colony Property & Casualty Company": ("A-", "VIII"),
    "Patriot National Assurance Company": ("A++", "XV"),
    "Piedmont Commercial Insurance Company": ("A-", "V"),
    "Riverbend Assurance Corporation": ("A", "XI"),
    "Tri-State Employers Mutual Insurance Co.": ("A", "VIII"),
    # "Summit Ridge Insurance Company" is left out on purpose: certificates from it are unrated.
}

_HOLDER = {"name": names.HOLDER_NAME, "address": None, "match": "normalized"}
_INSURER = {"min_rating": "A-", "min_financial_size": "VII", "allow_unrated": False}
_WC = {"coverage": "workers_compensation", "statutory": True,
       "limits": {"el_each_accident": 500_000, "el_disease_each_employee": 500_000,
                  "el_disease_policy_limit": 500_000}}

TEMPLATES: list[dict] = [
    {
        "name": "Standard vendor",
        "expiring_within_days": 30,
        "named_insured_match": "normalized",
        "certificate_holder": _HOLDER,
        "insurer": _INSURER,
        "umbrella_applies_to": ["general_liability.each_occurrence",
                                "general_liability.general_aggregate"],
        "coverages": [
            {"coverage": "general_liability", "additional_insured": True,
             "limits": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}},
            {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000}},
            _WC,
        ],
    },
    {
        "name": "Roofing contractor - high risk",
        "expiring_within_days": 45,
        "named_insured_match": "normalized",
        "certificate_holder": _HOLDER,
        "insurer": _INSURER,
        "umbrella_applies_to": ["general_liability.each_occurrence",
                                "general_liability.general_aggregate",
                                "automobile_liability.combined_single_limit",
                                "workers_compensation.el_each_accident"],
        "coverages": [
            {"coverage": "general_liability",
             "limits": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000,
                        "products_completed_operations_aggregate": 2_000_000},
             "additional_insured": True, "subrogation_waived": True,
             "primary_noncontributory": True, "occurrence_only": True},
            {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000},
             "additional_insured": True},
            {"coverage": "umbrella_liability", "limits": {"each_occurrence": 5_000_000},
             "max_retention": 10_000},
            {"coverage": "workers_compensation", "statutory": True, "subrogation_waived": True,
             "limits": {"el_each_accident": 1_000_000, "el_disease_each_employee": 1_000_000,
                        "el_disease_policy_limit": 1_000_000}},
        ],
    },
    {
        "name": "Catering & events",
        "expiring_within_days": 30,
        "named_insured_match": "normalized",
        "certificate_holder": _HOLDER,
        "insurer": {**_INSURER, "min_financial_size": "VI"},
        "coverages": [
            {"coverage": "general_liability", "additional_insured": True,
             "primary_noncontributory": True,
             "limits": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}},
            {"coverage": "other", "description": "Liquor Liability",
             "limits": {"each_claim": 1_000_000}},
            {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000}},
            _WC,
        ],
    },
    {
        "name": "Janitorial",
        "expiring_within_days": 30,
        "named_insured_match": "normalized",
        "certificate_holder": _HOLDER,
        "insurer": _INSURER,
        "coverages": [
            {"coverage": "general_liability", "additional_insured": True,
             "subrogation_waived": True,
             "limits": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}},
            {"coverage": "automobile_liability", "limits": {"combined_single_limit": 500_000}},
            _WC,
        ],
    },
]

# Template name -> the vendor types it is assigned to.
BY_TYPE: dict[str, tuple[str, ...]] = {
    "Standard vendor": ("Electrical", "Plumbing", "HVAC", "Landscaping", "Security", "Painting",
                        "Elevator Maintenance", "IT Services"),
    "Roofing contractor - high risk": ("Roofing", "General Contractor"),
    "Catering & events": ("Catering",),
    "Janitorial": ("Janitorial",),
}
# Template name -> projects whose every vendor must meet it, whatever its trade.
BY_PROJECT: dict[str, tuple[str, ...]] = {
    "Roofing contractor - high risk": ("Harborview Tower Renovation",),
}


def load_requirements(*, organization, vendor_types: dict, projects: dict) -> None:
    """Create the demo templates, their assignments and the demo carrier table.

    ``vendor_types`` and ``projects`` map names to the rows the loader created; names missing
    there are skipped (a smaller demo). Rows are written directly, audited as the system, and
    not re-evaluated one by one: the loader evaluates the whole organization once at the end.
    """
    for data in TEMPLATES:
        data = validate_template(data)
        template = RequirementTemplate.objects.create(organization=organization,
                                                      name=data["name"], data=data)
        record(organization=organization, actor=SYSTEM, action=Action.CREATE, obj=template,
               note="Demo template.")
        targets = [("vendor_type", vendor_types.get(n)) for n in BY_TYPE.get(template.name, ())]
        targets += [("project", projects.get(n)) for n in BY_PROJECT.get(template.name, ())]
        for kind, target in targets:
            if target is not None:
                TemplateAssignment.objects.create(organization=organization, template=template,
                                                  **{kind: target})
    Carrier.objects.bulk_create([
        Carrier(organization=organization, name=name, name_key=normalize_name(name), naic=naic,
                am_best_rating=DEMO_RATINGS[name][0], financial_size=DEMO_RATINGS[name][1],
                admitted=True, note=DEMO_NOTE)
        for name, naic in names.INSURERS if name in DEMO_RATINGS
    ])
