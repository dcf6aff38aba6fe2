"""Where things are on this particular page: the captions found, the coverage table's columns
and rows, derived from captions (so a page printed with other margins or a slightly different
layout still reads), with 2016/03 proportions only as a fallback."""

from __future__ import annotations

from dataclasses import dataclass, field

from coitrack.reading.layout.anchors import Anchor, Captions
from coitrack.reading.pagetext import split_at

# Captions that must be found to call a page an ACORD 25 (at least MIN_REQUIRED of them).
KEY_CAPTIONS = (
    "PRODUCER",
    "INSURED",
    "INSURER A :",
    "NAIC #",
    "COVERAGES",
    "CERTIFICATE NUMBER:",
    "INSR LTR",
    "POLICY NUMBER",
    "POLICY EFF",
    "POLICY EXP",
    "LIMITS",
    "AUTOMOBILE LIABILITY",
    "WORKERS COMPENSATION",
    "CERTIFICATE HOLDER",
    "CANCELLATION",
    "EACH OCCURRENCE",
)
MIN_REQUIRED = 10

# Printed captions that sit inside value areas and must never be read as values.
LABEL_PHRASES = (
    "CONTACT",
    "NAME:",
    "PHONE",
    "(A/C, No, Ext):",
    "FAX",
    "(A/C, No):",
    "E-MAIL",
    "ADDRESS:",
    "COMMERCIAL GENERAL LIABILITY",
    "GENERAL LIABILITY",
    "CLAIMS-MADE",
    "OCCUR",
    "GEN'L AGGREGATE LIMIT APPLIES PER:",
    "POLICY",
    "PRO-",
    "JECT",
    "LOC",
    "OTHER:",
    "AUTOMOBILE LIABILITY",
    "ANY AUTO",
    "OWNED",
    "ALL OWNED AUTOS",
    "AUTOS ONLY",
    "AUTOS",
    "SCHEDULED AUTOS",
    "SCHEDULED",
    "HIRED",
    "HIRED AUTOS",
    "NON-OWNED",
    "NON-OWNED AUTOS",
    "UMBRELLA LIAB",
    "EXCESS LIAB",
    "DEDUCTIBLE",
    "DED",
    "RETENTION $",
    "RETENTION",
    "WORKERS COMPENSATION",
    "AND EMPLOYERS' LIABILITY",
    "Y / N",
    "N / A",
    "ANY PROPRIETOR/PARTNER/EXECUTIVE",
    "OFFICER/MEMBER EXCLUDED?",
    "(Mandatory in NH)",
    "If yes, describe under",
    "DESCRIPTION OF OPERATIONS below",
    "PER STATUTE",
    "PER",
    "STATUTE",
    "WC STATU",
    "TORY LIMITS",
    "OTH-",
    "ER",
    "EACH OCCURRENCE",
    "DAMAGE TO RENTED",
    "PREMISES (Ea occurrence)",
    "MED EXP (Any one person)",
    "PERSONAL & ADV INJURY",
    "GENERAL AGGREGATE",
    "PRODUCTS - COMP/OP AGG",
    "COMBINED SINGLE LIMIT",
    "(Ea accident)",
    "BODILY INJURY (Per person)",
    "BODILY INJURY (Per accident)",
    "PROPERTY DAMAGE",
    "(Per accident)",
    "AGGREGATE",
    "E.L. EACH ACCIDENT",
    "E.L. DISEASE - EA EMPLOYEE",
    "E.L. DISEASE - POLICY LIMIT",
    "$",
)


@dataclass
class Columns:
    """x edges of the coverage table: LTR | TYPE | ADDL | SUBR | NUMBER | EFF | EXP | LIMIT | $."""

    ltr: float
    type: float
    addl: float
    subr: float
    number: float
    eff: float
    exp: float
    amount: float  # left edge of the amounts (right of the printed "$")


@dataclass
class Band:
    row: str
    top: float
    bottom: float

    def holds(self, y: float) -> bool:
        return self.top <= y < self.bottom


@dataclass
class Layout:
    captions: Captions
    anchors: dict[str, Anchor]
    columns: Columns
    bands: dict[str, Band]
    width: float
    height: float
    warnings: list[str] = field(default_factory=list)

    def get(self, key: str) -> Anchor | None:
        return self.anchors.get(key)


def count_key_captions(captions: Captions) -> int:
    return sum(1 for caption in KEY_CAPTIONS if captions.find_all(caption, mask=False))


def locate(captions: Captions) -> Layout | None:
    """The page's layout, or ``None`` when too few ACORD 25 captions are printed on it."""
    found: dict[str, Anchor] = {}

    def first(key: str, *texts: str, below: float = -1.0) -> Anchor | None:
        for text in texts:
            anchor = captions.find(text, below=below)
            if anchor is not None:
                found[key] = anchor
                return anchor
        return None

    if count_key_captions(captions) < MIN_REQUIRED:
        return None
    page = captions.page
    first("date", "DATE (MM/DD/YYYY)")
    producer = first("producer", "PRODUCER")
    top = producer.top - 10 if producer else -1.0  # CONTACT sits a little above PRODUCER
    first("contact", "CONTACT", below=top)
    first("phone", "PHONE", below=top)
    first("fax", "FAX", below=top)
    first("email", "E-MAIL", below=top)
    first("insurers", "INSURER(S) AFFORDING COVERAGE", below=top)
    first("naic", "NAIC #", below=top)
    for letter in "ABCDEF":
        first(f"insurer.{letter}", f"INSURER {letter} :", f"INSURER {letter}", below=top)
    first("insured", "INSURED", below=top)
    coverages = first("coverages", "COVERAGES", below=top)
    first("certificate_number", "CERTIFICATE NUMBER:", below=top)
    first("revision_number", "REVISION NUMBER:", below=top)
    below = coverages.top if coverages else top
    # INSR LTR is the table's first column; 2010/05 prints "ADDL INSR" too, and a header line
    # read badly by OCR may leave that one first on its line
    ltr = [
        a
        for a in captions.find_all("INSR", mask=False)
        if a.top > below and a.x0 < page.width * 0.1
    ]
    if ltr:
        found["h.ltr"] = min(ltr, key=lambda a: (a.top, a.x0))
    for key, texts in (
        ("h.addl", ("ADDL",)),
        ("h.subr", ("SUBR",)),
        ("h.number", ("POLICY NUMBER",)),
        ("h.eff", ("POLICY EFF",)),
        ("h.exp", ("POLICY EXP",)),
        ("h.limits", ("LIMITS",)),
        ("r.gl", ("COMMERCIAL GENERAL LIABILITY", "GENERAL LIABILITY")),
        ("r.auto", ("AUTOMOBILE LIABILITY",)),
        ("r.umbrella", ("UMBRELLA LIAB",)),
        ("r.excess", ("EXCESS LIAB",)),
        ("r.wc", ("WORKERS COMPENSATION",)),
        ("wc.end", ("E.L. DISEASE - POLICY LIMIT",)),
        ("description", ("DESCRIPTION OF OPERATIONS / LOCATIONS",)),
        ("signature", ("AUTHORIZED REPRESENTATIVE",)),
    ):
        first(key, *texts, below=below)
    _glued_addl_subr(captions, found, below)
    _holder(captions, found, below)
    captions.find_all("(MM/DD/YYYY)")
    for phrase in ("INSD", "WVD", "LTR", "TYPE OF INSURANCE"):
        captions.find(phrase, below=below)
    # "ADDL INSD" since 2014, "ADDL INSR" on 2010/05: no value is ever written "INSR"
    for insr in captions.find_all("INSR", mask=False):
        if insr.top > below:
            captions.masked.update(id(w) for w in insr.words)
    for phrase in LABEL_PHRASES:
        captions.find_all(phrase)
    layout = Layout(captions, found, _columns(captions, found), {}, page.width, page.height)
    layout.bands = _bands(layout)
    _split_across_columns(layout)
    return layout


def _split_across_columns(layout: Layout) -> None:
    """Values printed edge to edge across a column line (an effective date running into the
    expiration date) come out of the text layer as one word: cut them at the column edge."""
    if not layout.bands:
        return
    c = layout.columns
    edges = [c.number, c.eff, c.exp]
    top = min(b.top for b in layout.bands.values())
    bottom = max(b.bottom for b in layout.bands.values())
    words = []
    for word in layout.captions.page.words:
        pieces = [word]
        if top <= word.cy < bottom and not layout.captions.is_masked(word):
            for edge in edges:
                last = pieces[-1]
                if last.x0 < edge < last.x1 and (cut := split_at(last, edge)):
                    pieces[-1:] = list(cut)
        words.extend(pieces)
    layout.captions.page.words = words


def _glued_addl_subr(captions: Captions, found: dict[str, Anchor], below: float) -> None:
    """2010/05 prints ADDL and SUBR so close that a text layer may give one word, "ADDLSUBR":
    both captions are cut out of it. Without them the columns fall back to 2016/03's places,
    and on 2010/05 a policy number printed at its column's left edge ("69 TRS 386996") was read
    into SUBR WVD."""
    if "h.addl" in found or "h.subr" in found:
        return
    for word in captions.page.words:
        if word.text != "ADDLSUBR" or word.top <= below or not word.glyphs:
            continue
        cut = split_at(word, word.glyphs[4][1] + 0.01)
        if cut:
            found["h.addl"], found["h.subr"] = Anchor("ADDL", (cut[0],)), Anchor("SUBR", (cut[1],))
            captions.masked.add(id(word))
            return


def _holder(captions: Captions, found: dict[str, Anchor], below: float) -> None:
    """CERTIFICATE HOLDER is the one printed on the line of CANCELLATION (the description
    above it may well say "certificate holder")."""
    holders = [a for a in captions.find_all("CERTIFICATE HOLDER", mask=False) if a.top > below]
    cancels = [a for a in captions.find_all("CANCELLATION", mask=False) if a.top > below]
    for holder in holders:
        for cancel in cancels:
            if abs(cancel.top - holder.top) < 4 and cancel.x0 > holder.x1:
                found["holder"], found["cancellation"] = holder, cancel
                captions.masked.update(id(w) for w in (*holder.words, *cancel.words))
                return
    if holders:
        found["holder"] = holders[-1]
    if cancels:
        found["cancellation"] = cancels[-1]


def _columns(captions: Captions, a: dict[str, Anchor]) -> Columns:
    def x0(key: str, default: float) -> float:
        return a[key].x0 if key in a else default

    def x1(key: str, default: float) -> float:
        return a[key].x1 if key in a else default

    addl_left = x0("h.addl", 177.4) - 1.5
    subr_left = (x1("h.addl", 193.5) + x0("h.subr", 195.2)) / 2
    subr_right = x1("h.subr", 211.6) + 2.0
    dates = sorted(
        (
            d
            for d in captions.find_all("(MM/DD/YYYY)", mask=False)
            if "h.eff" in a and abs(d.top - a["h.eff"].top) < 12
        ),
        key=lambda d: d.x0,
    )
    eff_left = min([x0("h.eff", 337.3), *[d.x0 for d in dates[:1]]]) - 2.5
    exp_left = min([x0("h.exp", 383.7), *[d.x0 for d in dates[1:2]]]) - 2.0
    limits_left = exp_left + 47.0
    each = captions.find_all("EACH OCCURRENCE", mask=False)
    if each:
        limits_left = min(w.x0 for w in each) - 3.0
    dollars = [w for w in captions.page.words if w.text == "$" and w.x0 > limits_left]
    amount_left = (
        max(sorted(w.x1 for w in dollars)[len(dollars) // 2], limits_left + 60) + 0.5
        if dollars
        else limits_left + 94.0
    )
    return Columns(
        ltr=x1("h.ltr", 33.9) + 2.5,
        type=addl_left,
        addl=subr_left,
        subr=subr_right,
        number=eff_left,
        eff=exp_left,
        exp=limits_left,
        amount=amount_left,
    )


def _bands(layout: Layout) -> dict[str, Band]:
    a = layout.anchors
    header_bottom = max(
        (a[k].bottom for k in ("h.ltr", "h.addl", "h.number", "h.eff") if k in a), default=0
    )
    starts = {
        "gl": header_bottom + 1.0,
        "auto": a["r.auto"].top - 2.0 if "r.auto" in a else None,
        "umbrella": a["r.umbrella"].top - 2.0 if "r.umbrella" in a else None,
        "wc": a["r.wc"].top - 1.5 if "r.wc" in a else None,
    }
    wc_end = [
        anchor.bottom + 0.5
        for anchor in [a.get("wc.end"), layout.captions.find("DESCRIPTION OF OPERATIONS below")]
        if anchor is not None
    ]
    starts["other"] = max(wc_end) if wc_end else None
    end = a["description"].top - 1.0 if "description" in a else None
    bands: dict[str, Band] = {}
    order = ["gl", "auto", "umbrella", "wc", "other"]
    for index, row in enumerate(order):
        top = starts[row]
        if top is None:
            layout.warnings.append(f"caption of the {row} row not found; row not read")
            continue
        bottom = next((starts[r] for r in order[index + 1 :] if starts[r] is not None), end)
        if bottom is None or bottom <= top:
            continue
        bands[row] = Band(row, top, bottom)
    return bands
