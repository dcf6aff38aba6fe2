"""Reading a value in the shape it must have: the recognizer's best string among the strings a
grammar allows (an amount, a date, a NAIC code), decoded from its character probabilities.

The recognizer's own reading takes the likeliest character at each step, whatever comes before
or after. On a poor page (a fax's broken strokes) that gives "4.(()" for "4,000,000.00": the
"0" was the runner-up where "(" won, and nothing said a limit has no brackets. Here the steps are
decoded again, keeping only paths a grammar allows (CTC prefix beam search over a small
deterministic automaton), and each character of the result gets the probability the recognizer
gave it where it was read. Whether to believe the result is the caller's business
(shaped.py: only when several views of the crop decode the same value, every digit surely).

Pure numpy; the grammars are tiny automatons written out by hand: state -> {class: state}, a
class being one character or "d" for any digit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

BEAM = 12  # prefixes kept per step
MIN_STEP_SHARE = 1e-3  # a character less likely than this at a step is not tried there
DIGITS = "0123456789"
VALUED = DIGITS + "MK"  # characters that carry a value: "$500K" is not "$500M"


@dataclass(frozen=True)
class Grammar:
    """A deterministic automaton over characters; ``"d"`` in a transition stands for a digit."""

    name: str
    start: str
    edges: dict[str, dict[str, str]]
    accepting: frozenset[str]
    # Characters that stand for any punctuation mark read where they are: a date's "/" may be
    # read ":" or "|", and which mark it was does not change the date.
    loose: str = ""
    # Letters the recognizer reads for a character of the grammar, and that character: they
    # move the automaton as it would and are written as it ("SIM" decodes "$1M": a "$" is the
    # only "S" an amount starts with, and "I" is read only where a digit may stand).
    aliases: dict[str, str] = field(default_factory=dict)

    def meaning(self, char: str) -> str:
        return self.aliases.get(char, char)

    def step(self, state: str, char: str) -> str | None:
        moves = self.edges.get(state, {})
        char = self.meaning(char)
        if char in DIGITS and "d" in moves:
            return moves["d"]
        return moves.get(char)

    def alphabet(self) -> set[str]:
        chars: set[str] = set()
        for moves in self.edges.values():
            for label in moves:
                chars.update(DIGITS if label == "d" else label)
        return chars | {alias for alias, meant in self.aliases.items() if meant in chars}


def _groups() -> dict[str, dict[str, str]]:
    # "$"? d{1,3} ("," ddd)* ("." dd)?, or short: "$"? d{1,3} ("." d)? ("M" | "MM" | "K")
    return {
        "start": {"$": "sign", "d": "g1"},
        "sign": {"d": "g1"},
        "g1": {"d": "g2", ",": "c0", ".": "p0", "M": "m1", "K": "k"},
        "g2": {"d": "g3", ",": "c0", ".": "p0", "M": "m1", "K": "k"},
        "g3": {",": "c0", ".": "p0", "M": "m1", "K": "k"},
        "c0": {"d": "c1"},
        "c1": {"d": "c2"},
        "c2": {"d": "c3"},
        "c3": {",": "c0", ".": "p0"},
        "p0": {"d": "p1"},
        "p1": {"d": "p2", "M": "m1"},
        "m1": {"M": "m2"},
    }


# Letters read for digits (never a bar or a bracket: at either end those are the box's rule).
DIGIT_ALIASES = {"I": "1", "l": "1", "O": "0", "o": "0"}
AMOUNT = Grammar(
    "amount",
    "start",
    _groups(),
    frozenset({"g1", "g2", "g3", "c3", "p2", "m1", "m2", "k"}),
    aliases={"S": "$", "s": "$", **DIGIT_ALIASES},
)


def _date() -> dict[str, dict[str, str]]:
    # M(M)/D(D)/YY(YY), "/" or "-" kept alike within a date; or YYYY-MM-DD
    edges: dict[str, dict[str, str]] = {"start": {"d": "m1"}}
    for sep, tag in (("/", "s"), ("-", "h")):
        edges.setdefault("m1", {}).update({"d": "m2", sep: f"{tag}d0"})
        edges.setdefault("m2", {}).update({sep: f"{tag}d0", "d": "y3"})
        edges[f"{tag}d0"] = {"d": f"{tag}d1"}
        edges[f"{tag}d1"] = {"d": f"{tag}d2", sep: f"{tag}y0"}
        edges[f"{tag}d2"] = {sep: f"{tag}y0"}
        edges[f"{tag}y0"] = {"d": f"{tag}y1"}
        edges[f"{tag}y1"] = {"d": f"{tag}y2"}
        edges[f"{tag}y2"] = {"d": f"{tag}y3"}
        edges[f"{tag}y3"] = {"d": f"{tag}y4"}
    # ISO: four digits, then "-" MM "-" DD
    edges["y3"] = {"d": "y4"}
    edges["y4"] = {"-": "i0"}
    edges["i0"] = {"d": "i1"}
    edges["i1"] = {"d": "i2"}
    edges["i2"] = {"-": "i3"}
    edges["i3"] = {"d": "i4"}
    edges["i4"] = {"d": "i5"}
    return edges


DATE = Grammar("date", "start", _date(), frozenset({"sy2", "sy4", "hy2", "hy4", "i5"}), "/-")

NAIC = Grammar(
    "naic",
    "start",
    {"start": {"d": "n1"}, "n1": {"d": "n2"}, "n2": {"d": "n3"}, "n3": {"d": "n4"},
     "n4": {"d": "n5"}},
    frozenset({"n5"}),
)


@dataclass(frozen=True)
class Decoded:
    """The best string the grammar allows, with each character's probability where read."""

    text: str
    confidences: tuple[float, ...]

    @property
    def least_sure(self) -> float:
        """The least sure digit's probability, "M" and "K" counted as digits (a separator is
        the grammar's, not the ink's: "07:08/2026" is a date once its ":" is taken for a
        "/")."""
        digits = [c for c, ch in zip(self.confidences, self.text, strict=True) if ch in VALUED]
        return min(digits, default=0.0)


def decode(steps: np.ndarray, characters: Sequence[str], grammar: Grammar) -> Decoded | None:
    """The likeliest string of ``grammar`` given the recognizer's ``steps`` (time x classes,
    rows summing to 1, class 0 the CTC blank, ``characters[i]`` the text of class i), or None
    when no string of the grammar has any probability."""
    index = {c: i for i, c in enumerate(characters) if c and c in grammar.alphabet()}
    if not index or steps.ndim != 2 or not len(steps):
        return None
    if grammar.loose:  # one more column: the probability of any punctuation mark
        marks = [i for i, c in enumerate(characters) if c and not c.isalnum() and not c.isspace()]
        steps = np.concatenate([steps, steps[:, marks].sum(axis=1, keepdims=True)], axis=1)
        index.update(dict.fromkeys(grammar.loose, steps.shape[1] - 1))
    # prefix -> (probability ending in a blank, ending in its last character, automaton state)
    beams: dict[str, tuple[float, float, str]] = {"": (1.0, 0.0, grammar.start)}
    for row in steps:
        tried = [(c, i) for c, i in index.items() if row[i] >= MIN_STEP_SHARE]
        blank = float(row[0])
        grown: dict[str, list] = {}

        def add(prefix: str, state: str, pb: float, pnb: float, grown=grown) -> None:
            entry = grown.setdefault(prefix, [0.0, 0.0, state])
            entry[0] += pb
            entry[1] += pnb

        for prefix, (pb, pnb, state) in beams.items():
            add(prefix, state, (pb + pnb) * blank, 0.0)
            if prefix:
                add(prefix, state, 0.0, pnb * float(row[index[prefix[-1]]]))
            for char, i in tried:
                after = grammar.step(state, char)
                if after is None:
                    continue
                p = float(row[i])
                # the same character twice needs a blank between (CTC collapses repeats)
                add(prefix + char, after, 0.0, (pb if prefix[-1:] == char else pb + pnb) * p)
        best = sorted(grown.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:BEAM]
        scale = best[0][1][0] + best[0][1][1] if best else 0.0
        if scale <= 0:
            return None
        beams = {p: (v[0] / scale, v[1] / scale, v[2]) for p, v in best}  # no underflow
    finished = [(p, pb + pnb) for p, (pb, pnb, s) in beams.items() if s in grammar.accepting]
    if not finished:
        return None
    read = max(finished, key=lambda f: f[1])[0]
    text = "".join(grammar.meaning(c) for c in read)
    # a character's probability counts its aliases' too ("$" read half "S": sure of the sign)
    alike = {
        c: [i for other, i in index.items() if grammar.meaning(other) == grammar.meaning(c)]
        for c in set(read)
    }
    return Decoded(text, _confidences(steps, [index[c] for c in read], [alike[c] for c in read]))


def _confidences(
    steps: np.ndarray, labels: list[int], alike: list[list[int]] | None = None
) -> tuple[float, ...]:
    """Each label's highest probability over the steps the best CTC alignment gives it, the
    probabilities of the classes in ``alike`` (per label, the label among them) summed."""
    if not labels:
        return ()
    # Forced alignment (Viterbi) over the CTC lattice: blank, l1, blank, l2, ..., blank.
    lattice = [0]
    for label in labels:
        lattice += [label, 0]
    n, steps_count = len(lattice), len(steps)
    labels_at = np.array(lattice)
    log = np.log(np.maximum(steps[:, labels_at], 1e-12))  # steps x lattice positions
    # a position may be reached from two back only across a blank between two different labels
    skip = np.zeros(n, bool)
    skip[2:] = (labels_at[2:] != 0) & (labels_at[2:] != labels_at[:-2])
    score = np.full(n, -np.inf)
    score[0], score[1] = log[0, 0], log[0, 1]
    back = np.zeros((steps_count, n), np.int64)
    positions = np.arange(n)
    for t in range(1, steps_count):
        one = np.concatenate(([-np.inf], score[:-1]))
        two = np.where(skip, np.concatenate(([-np.inf, -np.inf], score[:-2])), -np.inf)
        options = np.stack([score, one, two])  # stay, from one back, from two back
        came = options.argmax(axis=0)
        back[t] = positions - came
        score = options[came, positions] + log[t]
    s = n - 1 if score[n - 1] >= score[n - 2] else n - 2
    best_at = [0.0] * len(labels)
    for t in range(steps_count - 1, -1, -1):
        if s % 2 == 1:
            k = s // 2
            columns = alike[k] if alike else [lattice[s]]
            best_at[k] = max(best_at[k], float(steps[t, columns].sum()))
        s = back[t, s] if t else s
    return tuple(best_at)
