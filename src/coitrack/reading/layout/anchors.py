"""Find the printed captions of an ACORD 25 page ("INSURER A :", "POLICY EFF", "EACH OCCURRENCE").

A caption is matched on its letters alone (case, spaces, colons and periods ignored), following
words rightwards along their line, so it is found whether the PDF draws it as one word, several,
or glued to its neighbour. Matched words are *masked*: they are never read as values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from coitrack.reading.pagetext import PageText, Spanned, Word

# Spaces, colons, periods and hyphens: OCR drops or adds them ("E.L EACH ACCIDENT",
# "OCCURRENCE.", "EXCESS-LIAB" for "EXCESS LIAB", "EMAIL" for "E-MAIL")
_NOISE = re.compile(r"[\s:.\-]+")


# Captions this long (letters) may be found one letter off on a scan; shorter ones differ from
# each other by one letter ("INSURER A" and "INSURER B").
FUZZY_MIN_LETTERS = 10


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by inserting, deleting or changing one letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def norm(text: str, *, fold: bool = True) -> str:
    text = _NOISE.sub("", text)
    return text.upper() if fold else text


@dataclass(frozen=True)
class Anchor(Spanned):
    """A printed caption where it was found; ``text`` is the caption as asked for."""

    text: str  # the caption as asked for, not its words' spelling
    words: tuple[Word, ...]

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Captions:
    """The words of one page, indexed to find captions quickly."""

    def __init__(self, page: PageText, *, fuzzy: bool = False) -> None:
        """``fuzzy``: a long caption not found as printed may be found with one letter lost,
        added or misread (OCR: "AUTOMOBLE LIABILITY"); see :data:`FUZZY_MIN_LETTERS`."""
        self.page = page
        self.fuzzy = fuzzy
        self.masked: set[int] = set()  # ids of words that belong to captions
        self._by_text: dict[str, list[Word]] = defaultdict(list)
        # (word, its letters as printed, in capitals): computed once, searched per caption
        self._normed = [(w, norm(w.text, fold=False), norm(w.text)) for w in page.words]
        self._by_printed: dict[str, list[Word]] = defaultdict(list)
        for word, printed, folded in self._normed:
            self._by_text[folded].append(word)
            self._by_printed[printed].append(word)
        self._cache: dict[str, list[Anchor]] = {}
        self._right = self._right_neighbours(page.words)

    @staticmethod
    def _right_neighbours(words: list[Word]) -> dict[int, Word]:
        rows: dict[int, list[Word]] = defaultdict(list)
        for word in words:
            rows[int(word.cy // 2)].append(word)
        right: dict[int, Word] = {}
        for word in words:
            best = None
            bucket = int(word.cy // 2)
            for key in (bucket - 1, bucket, bucket + 1):
                for other in rows.get(key, ()):
                    if other is word or other.x0 < word.x1 - 1.5:
                        continue
                    if other.x0 - word.x1 > 2.5 * max(word.height, 1.0):
                        continue
                    overlap = min(word.bottom, other.bottom) - max(word.top, other.top)
                    if overlap < 0.5 * min(word.height, other.height):
                        continue
                    if best is None or other.x0 < best.x0:
                        best = other
            if best is not None:
                right[id(word)] = best
        return right

    def find_all(self, caption: str, *, mask: bool = True) -> list[Anchor]:
        """Every place ``caption`` is printed, top to bottom.

        Printed as on the form (case included) first; only when that finds nothing, in any
        case. Values typed in mixed case then never pass for captions.
        """
        if caption not in self._cache:
            found = self._search(caption, fold=False) or self._search(caption, fold=True)
            if not found and caption[:1] == "I" and len(caption.split()[0]) >= 6:
                # A scanned "I" at the start of a caption that touches a vertical rule is lost
                # with the rule ("NSURER A :"); the rest of a long first word is still telling.
                found = [Anchor(caption, a.words) for a in self._search(caption[1:], fold=False)]
            if not found and self.fuzzy and len(norm(caption)) >= FUZZY_MIN_LETTERS:
                found = self._search_near(norm(caption))
                found = [Anchor(caption, a.words) for a in found]
            self._cache[caption] = found
        found = self._cache[caption]
        if mask:
            for anchor in found:
                self.masked.update(id(w) for w in anchor.words)
        return found

    def _search(self, caption: str, *, fold: bool) -> list[Anchor]:
        target = norm(caption, fold=fold)
        if not target:
            return []
        first = norm(caption.split()[0])
        starts = [
            w
            for w in self._by_text.get(first, ())
            if norm(w.text, fold=fold).startswith(norm(caption.split()[0], fold=fold))
        ]
        found = []
        for start in starts:
            words = self._follow(start, target, fold)
            if words:
                found.append(Anchor(caption, tuple(words)))
        # The first word may be glued to the next ("AUTHORIZEDREPRESENTATIVE", as OCR often
        # reads "EACHOCCURRENCE") or split ("ANYP" "ROPRIETOR"): every word that begins the
        # caption is tried too, even where the caption is also printed whole (the umbrella
        # row's "EACH OCCURRENCE" must not hide the general liability row's glued one). A word
        # running past the caption ("PRODUCER," in the notice) only when nothing else is found.
        index = self._by_text if fold else self._by_printed
        for length in range(1, len(target) + 1):
            prefix = target[:length]
            if prefix == first:
                continue
            for start in index.get(prefix, ()):
                words = self._follow(start, target, fold)
                if words:
                    found.append(Anchor(caption, tuple(words)))
        if not found:
            for start, printed, folded in self._normed:
                text = folded if fold else printed
                if text and text != first and text.startswith(target):
                    words = self._follow(start, target, fold)
                    if words:
                        found.append(Anchor(caption, tuple(words)))
        found.sort(key=lambda a: (a.top, a.x0))
        unique: list[Anchor] = []
        for anchor in found:
            if not any(anchor.words == other.words for other in unique):
                unique.append(anchor)
        return unique

    def _search_near(self, target: str) -> list[Anchor]:
        """Places where the words along a line spell ``target`` (folded) but for one letter,
        starting with the caption's first two letters or the first one lost."""
        found = []
        for start, _, folded in self._normed:
            if not folded or not (folded[:2] == target[:2] or folded[:2] == target[1:3]):
                continue
            words, text, word = [start], folded, start
            while not _one_edit(text, target):
                word = self._right.get(id(word)) if len(text) <= len(target) else None
                if word is None:
                    break
                words.append(word)
                text += norm(word.text)
            else:
                found.append(Anchor(target, tuple(words)))
        found.sort(key=lambda a: (a.top, a.x0))
        return found

    def find(self, caption: str, *, below: float = -1.0, mask: bool = True) -> Anchor | None:
        """The first place ``caption`` is printed below ``below`` (a top coordinate).

        Of candidates on the same line the leftmost wins: captions precede their values, and a
        value may spell the caption ("Insurer A" typed right of "INSURER A :").
        """
        candidates = [a for a in self.find_all(caption, mask=False) if a.top > below]
        if not candidates:
            return None
        line = [a for a in candidates if a.top - candidates[0].top < 4]
        anchor = min(line, key=lambda a: a.x0)
        if mask:
            self.masked.update(id(w) for w in anchor.words)
        return anchor

    def _follow(self, start: Word, target: str, fold: bool) -> list[Word] | None:
        words, text, word = [start], norm(start.text, fold=fold), start
        while len(text) < len(target) and target.startswith(text):
            word = self._right.get(id(word))
            if word is None:
                return None
            words.append(word)
            text += norm(word.text, fold=fold)
        if text == target or (text.startswith(target) and not text[len(target)].isalnum()):
            return words
        return None

    def is_masked(self, word: Word) -> bool:
        return id(word) in self.masked
