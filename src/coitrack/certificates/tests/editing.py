"""Building the POST data of the certificate data-entry page, as a browser would send it."""

from __future__ import annotations

from coitrack import schema

CERT_DEFAULTS = {
    "form": "acord25", "edition": "2016/03", "certificate_date": "2026-03-01",
    "certificate_number": "", "revision_number": "",
    "producer_name": "Lakeside Insurance Agency", "producer_address": "1 Main St, Albany, NY 12207",
    "producer_contact_name": "Dana Broker", "producer_phone": "518-555-0100", "producer_fax": "",
    "producer_email": "dana@lakeside.example", "insured_name": "Summit Roofing LLC",
    "insured_address": "9 Hill Rd, Troy, NY 12180", "description_of_operations": "Roofing work.",
    "holder_name": "Harbor Point Properties", "holder_address": "2 Harbor Way, Albany, NY 12207",
}
GL_POLICY = {
    "coverage": "general_liability", "insurer_letter": "A", "policy_number": "GL-100",
    "effective_date": "2026-01-01", "expiration_date": "2027-01-01",
    "additional_insured": "yes", "subrogation_waived": "no", "claims_made": "no",
    "aggregate_applies_per": "project",
    "limit_each_occurrence": "$1,000,000", "limit_general_aggregate": "2,000,000",
}


def edit_data(*, cert: dict | None = None, insurers=None, policies=None,
              initial_policies: int = 0) -> dict[str, str | list[str]]:
    """POST data: ``insurers`` is ``[(letter, name, naic)]``; ``policies`` a list of dicts."""
    data: dict[str, str | list[str]] = {}
    for name, value in {**CERT_DEFAULTS, **(cert or {})}.items():
        data[f"cert-{name}"] = value
    listed = {i[0]: i for i in (insurers if insurers is not None
                                else [("A", "Acme Insurance Co", "12345")])}
    data["insurers-TOTAL_FORMS"] = str(len(schema.INSURER_LETTERS))
    data["insurers-INITIAL_FORMS"] = str(len(schema.INSURER_LETTERS))
    for index, letter in enumerate(schema.INSURER_LETTERS):
        _, name, naic = listed.get(letter, (letter, "", ""))
        data[f"insurers-{index}-letter"] = letter
        data[f"insurers-{index}-name"] = name
        data[f"insurers-{index}-naic"] = naic
    rows = policies if policies is not None else [GL_POLICY]
    data["policies-TOTAL_FORMS"] = str(len(rows))
    data["policies-INITIAL_FORMS"] = str(initial_policies)
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"policies-{index}-{name}"] = value
    return data
