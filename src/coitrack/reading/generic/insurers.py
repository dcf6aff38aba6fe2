"""Insurers of a non-ACORD certificate, and which policy each one writes.

Letters are what the schema pairs policies and insurers by. A document that prints them
("Insurer B: ...", an "Insurer" column holding "B") keeps its own; otherwise insurers get A, B, C
... in the order they are first printed, and each policy the letter of the insurer printed in its
section, or of the only insurer printed outside the sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coitrack.reading import normalize
from coitrack.reading.assemble import Slot
from coitrack.reading.generic import values
from coitrack.reading.generic.blocks import block, name_words
from coitrack.reading.generic.labels import Label
from coitrack.reading.generic.lines import Line
from coitrack.reading.generic.sections import Section
from coitrack.reading.generic.slots import CONFIDENCE_CAP, ROW_SLOT, SlotWriter, _text
from coitrack.reading.layout.regions import box_of
from coitrack.reading.pagetext import Word
from coitrack.reading.result import Evidence
from coitrack.schema import INSURER_LETTERS


@dataclass
class Insurer:
    name: str
    words: list[Word]
    position: tuple[int, int, float]  # page, line, x
    letter: str | None = None  # as printed ("Insurer B")
    naic: list[tuple[str, list[Word]]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Printed:
    """The insurers printed on the pages read so far, in print order."""

    insurers: list[Insurer] = field(default_factory=list)
    references: dict[int, str] = field(default_factory=dict)  # section -> letter in its cell
    sections: list[Section] = field(default_factory=list)  # the sections read (one per row)


def collect_insurers(
    lines: list[Line],
    labels_by_line: dict[int, list[Label]],
    sections: list[Section],
    read: list[Section],
    found: list[tuple[Section, str, list[Word]]],
    page: int,
    printed: Printed,
) -> None:
    """Add the insurers printed on one page to ``printed``."""
    in_section = {id(label) for section in sections for label in section.labels}
    outside: list[Insurer] = []
    last: Insurer | None = None
    for index in sorted(labels_by_line):
        for label in labels_by_line[index]:
            if id(label) in in_section or label.field not in ("insurer", "naic"):
                continue
            if label.field == "insurer":
                words = name_words(lines, label, labels_by_line)
            else:
                cells = block(lines, label, labels_by_line, max_lines=1)
                words = cells[0].words if cells else []
            if not words:
                continue
            if label.field == "insurer":
                last = _insurer(words, (page, index, label.x0), label.letter)
                outside.append(last)
            elif last is not None:
                last.naic.append((_text(words), words))
    inside: list[Insurer] = []
    references = printed.references
    for section, kind, words in found:
        if section not in read:
            continue
        text = _text(words)
        if kind == "insurer":
            letter = normalize.parse_letter(text)
            if letter and len(text) == 1:
                references[id(section)] = letter
                continue
            insurer = _insurer(words, (page, section.first, words[0].x0), None)
            insurer.sections.append(section)
            inside.append(insurer)
        elif inside and section in inside[-1].sections:
            inside[-1].naic.append((text, words))
    printed.insurers += sorted(outside + inside, key=lambda i: i.position)
    printed.sections += read


def insurer_slots(printed: Printed, writer: SlotWriter) -> None:
    """Insurers' names and NAIC codes under their letters, and each policy's letter."""
    insurers = _merged(printed.insurers, writer)
    letters = _letters(insurers, writer)
    references = printed.references
    for insurer, letter in zip(insurers, letters, strict=True):
        if letter is None:
            continue
        writer.add(f"insurer.{letter}.name", insurer.name, insurer.words, insurer.name)
        for naic, naic_words in insurer.naic:
            writer.add(f"insurer.{letter}.naic", naic, naic_words, naic)
    general = [
        letter
        for insurer, letter in zip(insurers, letters, strict=True)
        if letter and not insurer.sections
    ]
    for section in printed.sections:
        letter = references.get(id(section))
        own = [
            letter
            for insurer, letter in zip(insurers, letters, strict=True)
            if section in insurer.sections
        ]
        if own:
            letter = own[0]
        elif letter is None and len(general) == 1:
            letter = general[0]
        if letter:
            writer.put(
                f"{ROW_SLOT[section.row]}.letter",
                Slot(
                    letter,
                    Evidence(section.page, box_of(section.heading), CONFIDENCE_CAP, letter),
                ),
            )


def _insurer(words: list[Word], position: tuple[int, int, float], letter: str | None) -> Insurer:
    name, naic = values.split_naic(_text(words))
    insurer = Insurer(name, words, position, letter)
    if naic:
        insurer.naic.append((naic, words))
    return insurer


def _merged(insurers: list[Insurer], writer: SlotWriter) -> list[Insurer]:
    """One entry per insurer name (the same company printed in two sections)."""
    by_name: dict[str, Insurer] = {}
    for insurer in insurers:
        key = normalize.clean_text(insurer.name).casefold()
        if key in by_name:
            kept = by_name[key]
            kept.sections += insurer.sections
            kept.naic += [n for n in insurer.naic if n[0] not in {m[0] for m in kept.naic}]
        else:
            by_name[key] = insurer
    return list(by_name.values())


def _letters(insurers: list[Insurer], writer: SlotWriter) -> list[str | None]:
    printed = [i.letter for i in insurers]
    if printed and all(printed) and len(set(printed)) == len(printed):
        return printed
    if len(insurers) > len(INSURER_LETTERS):
        writer.warnings.append(f"{len(insurers)} insurers printed; only the first 6 are read")
    return [INSURER_LETTERS[i] if i < len(INSURER_LETTERS) else None for i in range(len(insurers))]
