"""The ACORD 25 editions the generator draws: 2016/03 (the base layout of form.py), 2010/05,
2014/01 and 2025/12.

An edition is the 2016/03 page with its captions changed (some dropped, some added) and its
geometry moved: a piecewise-linear map of x (column positions) and of top (row heights), applied
to every caption, rule, check box and field box (the x map only within the coverage table).
Captions added here are written in 2016/03 coordinates, like form.py's, and moved by the same
map.

What each edition changes, as far as we know the real forms (the README says what is modelled):
- 2010/05: "ADDL INSR"; auto boxes on one line each ("ALL OWNED AUTOS", "SCHEDULED AUTOS",
  "HIRED AUTOS", "NON-OWNED AUTOS"); no "OTHER:" under the general aggregate; the umbrella's
  "DEDUCTIBLE" and "RETENTION $" on two lines (a taller row); workers comp "WC STATU-" /
  "TORY LIMITS"; the description caption says "(Attach ACORD 101, ...)"; columns a few points
  to the left, rows a few points higher.
- 2014/01: the 2016/03 page with the 2010/05 auto boxes.
- 2025/12: not available to us; modelled: "POLICY EFF (MM/DD/YYYY)" on one line over wider date
  columns (the policy number column narrower), "PER STATUTE" on one line, a taller write-in
  row (room for more lines), the description box shorter.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

Caption = tuple[str, float, float, float, bool]  # (text, x, top, size, bold)
Box = tuple[float, float, float, float]

BASE = "2016/03"
TABLE = (286.0, 564.0)  # tops of the coverage table (2016/03): where columns may move
# How often each edition is met (the bench's per-edition variants draw one edition only).
WEIGHTS = {"2016/03": 0.7, "2010/05": 0.12, "2014/01": 0.1, "2025/12": 0.08}


@dataclass(frozen=True)
class Edition:
    name: str  # "2016/03"
    xs: tuple[tuple[float, float], ...] = ((0.0, 0.0), (612.0, 612.0))
    ys: tuple[tuple[float, float], ...] = ((0.0, 0.0), (792.0, 792.0))
    drop: frozenset[tuple[str, float]] = frozenset()  # (caption, top) of 2016/03 not printed
    add: tuple[Caption, ...] = ()
    checkboxes: dict[str, Box | None] = field(default_factory=dict)  # moved, or None: absent
    fields: dict[str, Box] = field(default_factory=dict)  # text fields moved

    @property
    def footer(self) -> str:
        return f"ACORD 25 ({self.name})"

    @property
    def identifier(self) -> str:
        """The fillable form's edition field (``Form_EditionIdentifier_A``)."""
        year, month = self.name.split("/")
        return f"ACORD 0025 {year}-{month}"

    def x(self, x: float, top: float | None = None) -> float:
        """Where ``x`` (of something at ``top``, 2016/03 coordinates) is printed: the columns
        move, the sections above and below the coverage table do not."""
        if top is not None and not TABLE[0] <= top <= TABLE[1]:
            return x
        return _map(self.xs, x)

    def y(self, top: float) -> float:
        return _map(self.ys, top)

    def box(self, box: Box) -> Box:
        x0, top, x1, bottom = box
        return (self.x(x0, top), self.y(top), self.x(x1, top), self.y(bottom))

    def captions(self, base: list[Caption]) -> list[Caption]:
        """This edition's captions, moved onto its page."""
        kept = [c for c in base if (c[0], c[2]) not in self.drop]
        if self.name != BASE:
            kept = [_footer(c, self.footer) for c in kept]
        return [
            (text, self.x(x, top), self.y(top), size, bold)
            for text, x, top, size, bold in [*kept, *self.add]
        ]


def _footer(caption: Caption, footer: str) -> Caption:
    return (footer, *caption[1:]) if caption[0].startswith("ACORD 25 (") else caption


def _map(points: tuple[tuple[float, float], ...], value: float) -> float:
    index = min(max(bisect_right([p[0] for p in points], value), 1), len(points) - 1)
    (a0, b0), (a1, b1) = points[index - 1], points[index]
    return b0 + (value - a0) * (b1 - b0) / (a1 - a0)


_AUTO_2016 = frozenset(
    {
        ("OWNED", 408.8),
        ("AUTOS ONLY", 414.8),
        ("SCHEDULED", 408.8),
        ("AUTOS", 414.8),
        ("HIRED", 420.6),
        ("AUTOS ONLY", 426.8),
        ("NON-OWNED", 420.6),
    }
)
_AUTO_2010: tuple[Caption, ...] = (
    ("ALL OWNED AUTOS", 52.0, 411.8, 5.0, False),
    ("SCHEDULED AUTOS", 117.0, 411.8, 5.0, False),
    ("HIRED AUTOS", 52.0, 423.6, 5.0, False),
    ("NON-OWNED AUTOS", 117.0, 423.6, 5.0, False),
)
_AUTO_BOXES_2010: dict[str, Box | None] = {
    "Vehicle_ScheduledAutosIndicator_A": (101, 408, 115, 420),
    "Vehicle_NonOwnedAutosIndicator_A": (101, 420, 115, 432),
}

EDITIONS: dict[str, Edition] = {
    BASE: Edition(BASE),
    "2010/05": Edition(
        "2010/05",
        xs=(
            (0, 0),
            (36, 36),
            (175, 172),
            (194, 190),
            (212, 208),
            (330, 326),
            (378, 376),
            (425, 425),
            (612, 612),
        ),
        ys=(
            (0, 0),
            (240, 238),
            (252, 250),
            (286, 283),
            (300, 297),
            (384, 381),
            (444, 441),
            (480, 489),
            (528, 535),
            (564, 568),
            (648, 648),
            (792, 792),
        ),
        drop=_AUTO_2016
        | {
            ("INSD", 294.8),
            ("OTHER:", 377.7),
            ("UMBRELLA LIAB", 447.3),
            ("EXCESS LIAB", 459.3),
            ("OCCUR", 449.2),
            ("CLAIMS-MADE", 461.2),
            ("DED", 473.2),
            ("RETENTION $", 473.2),
            ("PER", 480.8),
            ("STATUTE", 486.3),
            (
                "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES (ACORD 101, Additional "
                "Remarks Schedule, may be attached if more space is required)",
                567.3,
            ),
        },
        add=(
            ("INSR", 178.5, 294.8, 5.8, True),
            *_AUTO_2010,
            # the umbrella row holds four lines of boxes (12 points each once moved)
            ("UMBRELLA LIAB", 54.0, 444.75, 5.9, True),
            ("OCCUR", 133.2, 444.75, 6.0, False),
            ("EXCESS LIAB", 54.0, 453.75, 5.9, True),
            ("CLAIMS-MADE", 133.2, 453.75, 6.0, False),
            ("DEDUCTIBLE", 54.0, 462.75, 6.0, False),
            ("RETENTION $", 54.0, 471.75, 6.0, False),
            ("WC STATU-", 442.8, 480.8, 5.0, False),
            ("TORY LIMITS", 442.8, 486.3, 5.0, False),
            (
                "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES (Attach ACORD 101, Additional "
                "Remarks Schedule, if more space is required)",
                21.6,
                567.3,
                5.9,
                True,
            ),
        ),
        checkboxes={
            **_AUTO_BOXES_2010,
            "GeneralLiability_GeneralAggregate_LimitAppliesToOtherIndicator_A": None,
            "Policy_PolicyType_UmbrellaIndicator_A": (36, 444, 50, 453),
            "Policy_PolicyType_ExcessIndicator_A": (36, 453, 50, 462),
            "ExcessUmbrella_OccurrenceIndicator_A": (115, 444, 130, 453),
            "ExcessUmbrella_ClaimsMadeIndicator_A": (115, 453, 130, 462),
            "ExcessUmbrella_DeductibleIndicator_A": (36, 462, 50, 471),
            "ExcessUmbrella_RetentionIndicator_A": (36, 471, 50, 480),
        },
        fields={"ExcessUmbrella_Umbrella_DeductibleOrRetentionAmount_A": (94, 471, 173, 480)},
    ),
    "2014/01": Edition("2014/01", drop=_AUTO_2016, add=_AUTO_2010, checkboxes=_AUTO_BOXES_2010),
    "2025/12": Edition(
        "2025/12",
        xs=((0, 0), (212, 212), (330, 298), (378, 362), (425, 426), (612, 612)),
        ys=((0, 0), (528, 528), (564, 588), (648, 652), (744, 748), (792, 792)),
        drop=frozenset(
            {
                ("POLICY EFF", 288.8),
                ("POLICY EXP", 288.8),
                ("(MM/DD/YYYY)", 294.2),
                ("PER", 480.8),
                ("STATUTE", 486.3),
            }
        ),
        add=(
            ("POLICY EFF (MM/DD/YYYY)", 331.5, 292.8, 4.6, True),
            ("POLICY EXP (MM/DD/YYYY)", 379.5, 292.8, 4.6, True),
            ("PER STATUTE", 441.0, 483.5, 4.6, False),
        ),
    ),
}
# Bench and test variants that draw one edition: "text-2010" is "text" in the 2010/05 edition.
SUFFIXES = {name.split("/")[0]: name for name in EDITIONS}


def get(name: str | None) -> Edition:
    """The edition called ``name`` ("2010/05"); the 2016/03 page when ``None``."""
    if name is None:
        return EDITIONS[BASE]
    if name not in EDITIONS:
        raise ValueError(f"unknown ACORD 25 edition {name!r}; one of {sorted(EDITIONS)}")
    return EDITIONS[name]
