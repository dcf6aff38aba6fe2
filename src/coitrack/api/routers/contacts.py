"""A vendor's contacts: list, read, add, change, delete."""

from __future__ import annotations

from ninja import Router, Status

from coitrack.api.auth import actor
from coitrack.api.errors import responses
from coitrack.api.lookups import org_object
from coitrack.api.pagination import id_param, limit_param, offset_param, page
from coitrack.api.routers.vendors import live_vendor
from coitrack.api.schemas.vendors import ContactIn, ContactOut, ContactPage, ContactPatch
from coitrack.vendors import services
from coitrack.vendors.models import Contact

router = Router(tags=["contacts"])


def contact_out(contact: Contact) -> dict:
    return {"id": contact.pk, "vendor_id": contact.vendor_id, "role": contact.role,
            "name": contact.name, "email": contact.email, "phone": contact.phone,
            "is_primary": contact.is_primary}


def org_contact(request, pk: int) -> Contact:
    return org_object(request, Contact.objects.select_related("vendor")
                      .filter(vendor__merged_into__isnull=True), pk, "contact",
                      field="vendor__organization")


@router.get("/vendors/{vendor_id}/contacts", response=responses(200, ContactPage),
            operation_id="list_contacts", summary="List a vendor's contacts")
def list_contacts(request, vendor_id: int = id_param("vendor"), limit: int = limit_param(),
                  offset: int = offset_param()):
    vendor = live_vendor(request, vendor_id)
    return page(Contact.objects.filter(vendor=vendor).order_by("-is_primary", "role", "name",
                                                               "id"),
                limit=limit, offset=offset, convert=contact_out)


@router.post("/vendors/{vendor_id}/contacts", response=responses(201, ContactOut),
             operation_id="create_contact", summary="Add a contact to a vendor")
def create_contact(request, payload: ContactIn, vendor_id: int = id_param("vendor")):
    vendor = live_vendor(request, vendor_id)
    contact = services.add_contact(organization=request.organization, actor=actor(request),
                                   vendor=vendor, data=payload.model_dump())
    return Status(201, contact_out(contact))


@router.get("/contacts/{contact_id}", response=responses(200, ContactOut),
            operation_id="get_contact", summary="Read a contact")
def get_contact(request, contact_id: int = id_param("contact")):
    return contact_out(org_contact(request, contact_id))


@router.patch("/contacts/{contact_id}", response=responses(200, ContactOut),
              operation_id="update_contact", summary="Change a contact")
def update_contact(request, payload: ContactPatch, contact_id: int = id_param("contact")):
    contact = org_contact(request, contact_id)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items()
            if v is not None or k in ("name", "email", "phone")}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    contact = services.update_contact(organization=request.organization, actor=actor(request),
                                      contact=contact, data=data)
    return contact_out(contact)


@router.delete("/contacts/{contact_id}", response=responses(204, None),
               operation_id="delete_contact", summary="Delete a contact")
def delete_contact(request, contact_id: int = id_param("contact")):
    contact = org_contact(request, contact_id)
    services.delete_contact(organization=request.organization, actor=actor(request),
                            contact=contact)
    return Status(204, None)
