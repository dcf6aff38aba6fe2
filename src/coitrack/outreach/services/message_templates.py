"""An organization's own wording of outreach e-mails: checking, saving, resetting, previewing.

Source is checked (``messages.check_source``) and rendered once with the editor's example values
before saving, so a template that would fail when a message goes out is refused with its error
instead. Saving and resetting are audited in their transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.template import TemplateSyntaxError

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record
from coitrack.outreach import messages
from coitrack.outreach.models import MessageTemplate

FIELDS = ("subject", "text", "html")


class MessageTemplateError(ValueError):
    """The source does not work; ``errors`` is ``{part: message}``."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{part}: {text}" for part, text in errors.items()))
        self.errors = errors


def check(organization, source: dict[str, str]) -> dict[str, str]:
    """``{part: error}`` for each part that does not parse or render (empty when all work)."""
    errors = messages.check_source(source)
    if not errors and not source.get("subject", "").strip():
        errors["subject"] = "The subject cannot be empty."
    if not errors and not source.get("text", "").strip():
        errors["text"] = "The text version cannot be empty: many mail programs show only it."
    if not errors:
        try:
            messages.render(source, messages.sample_context(organization))
        except (TemplateSyntaxError, ValueError, TypeError, AttributeError) as error:
            errors["text"] = f"The template fails when rendered: {error}"
    return errors


def preview(organization, source: dict[str, str]) -> tuple[messages.Rendered | None,
                                                           dict[str, str]]:
    """The message rendered with example values, or the errors that prevent it."""
    errors = check(organization, source)
    if errors:
        return None, errors
    return messages.render(source, messages.sample_context(organization)), {}


def save(organization, *, kind: str, actor, source: dict[str, str]) -> MessageTemplate:
    """Store the organization's wording of ``kind``. Raises :class:`MessageTemplateError`."""
    if kind not in messages.KINDS:
        raise MessageTemplateError({"subject": f"Unknown kind of message {kind!r}."})
    errors = check(organization, source)
    if errors:
        raise MessageTemplateError(errors)
    values = {part: source[part] for part in FIELDS}
    with transaction.atomic():
        row = (MessageTemplate.objects.select_for_update()
               .filter(organization=organization, kind=kind).first())
        if row is None:
            before = messages.builtin_source(kind)
            row = MessageTemplate.objects.create(organization=organization, kind=kind,
                                                 updated_by=_user(actor), **values)
            action = Action.CREATE
        else:
            before = {part: getattr(row, part) for part in FIELDS}
            for part, value in values.items():
                setattr(row, part, value)
            row.updated_by = _user(actor)
            row.save()
            action = Action.UPDATE
        record(organization=organization, actor=actor, action=action, obj=row,
               changes=diff(before, values), note=f"{messages.KINDS[kind]} message wording")
    return row


def reset(organization, *, kind: str, actor) -> bool:
    """Go back to the built-in wording of ``kind``; returns whether there was an own one."""
    with transaction.atomic():
        row = (MessageTemplate.objects.select_for_update()
               .filter(organization=organization, kind=kind).first())
        if row is None:
            return False
        before = {part: getattr(row, part) for part in FIELDS}
        record(organization=organization, actor=actor, action=Action.DELETE, obj=row,
               changes=diff(before, messages.builtin_source(kind)),
               note=f"{messages.KINDS.get(kind, kind)} message back to the built-in wording")
        row.delete()
    return True


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
