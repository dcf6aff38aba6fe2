"""The OCR engine: PP-OCRv6 text detection and recognition models run with onnxruntime.

The models ship inside the ``rapidocr`` wheel from PyPI (``rapidocr/models/*.onnx``), so nothing
is downloaded at run time: the files are opened by path, never through rapidocr's loader (which
would fetch any model missing from its folder). Pre- and post-processing are done here, in a
few lines of numpy and OpenCV, because a certificate page needs what rapidocr does not give:

- recognition batches padded only to the widest crop of the batch (rapidocr pads every crop to
  at least 320 px; on a certificate most crops are short, and that padding cost ~30% of the time);
- a position for every recognized character (from the CTC time steps), so words get boxes and
  glyphs exactly like the words of a text layer;
- one thread per session: a worker reads one page on one core, and forking stays safe.

The sessions are created once per process (:func:`get_engine`, a lazy, thread-safe singleton);
:data:`LOADS` counts how often that happened, for tests and diagnostics.
"""

from __future__ import annotations

import importlib.util
import math
import os
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"  # 0 or 180 degrees, per text line

REC_HEIGHT = 48  # the recognition model's input height
REC_MIN_WIDTH = 32  # narrower crops (a lone "X" or "$") are padded to this
REC_MAX_WIDTH = 3200  # a longer line is squeezed (never seen on a certificate: ~130 chars)
REC_BATCH_PIXELS = (
    48 * 48 * 12
)  # small batches: measured ~30% faster per pixel than 120 squares (cache)
DET_THRESHOLD = 0.3  # probability that a pixel is text
DET_BOX_THRESHOLD = 0.5  # mean probability inside a kept box
DET_UNCLIP = 1.6  # the model predicts shrunk text regions; grow them back by this ratio
DET_MIN_SIDE = 3
# Characters that mean the same in a number (correct.py reads the letters as digits there).
NUMERIC_LOOKALIKES = (",.", "0OoDQ", "1lI|i!", "5Ss", "8B", "2Zz")
# Characters typed as a mark ("Y" or "X" in ADDL INSD / SUBR WVD, "X" in a check box): which of
# them it is does not change what the mark says (words.py uses this doubt for one-letter words).
MARK_LOOKALIKES = "XxYy"
DATE_SEPARATORS = "/-.:,;"  # what a date's separator is read as (a fax loses the thin "/")
ALLOWED_CHARACTERS = frozenset(
    [chr(c) for c in range(32, 127)] + ["\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014"]
)


class OcrUnavailable(RuntimeError):
    """The OCR models or onnxruntime are not installed."""


@dataclass(frozen=True)
class Glyph:
    char: str
    x0: float  # fraction of the crop's width
    x1: float
    confidence: float
    # For a digit, "," or ".": how sure the recognizer is of the character, a look-alike that
    # means the same in a number ("0"/"O"/"o", "1"/"l"/"I", "," or "."), a separator or nothing,
    # used only in words shaped as amounts (words.py; correct.py reads look-alikes as digits).
    numeric_confidence: float | None = None
    # For "X", "x", "Y" or "y": how sure the recognizer is that the character is one of them.
    mark_confidence: float | None = None
    # For a separator ("/", "-", ".", ":", ",", ";"): how sure the recognizer is that some
    # separator, a space or nothing stands there; in a date which one does not change the date
    # (words.py), as its caption says MM/DD/YYYY.
    separator_confidence: float | None = None
    # The recognizer's second choice for this character and its share of the probability
    # (names.respell tries it where a name word is not a word).
    alternative: str | None = None
    alternative_share: float = 0.0


@dataclass(frozen=True)
class Line:
    """One recognized crop: its text, mean character confidence and the characters' spans."""

    text: str
    confidence: float
    glyphs: tuple[Glyph, ...]
    # The recognizer's probabilities over its time steps (steps x characters, rows summing to 1,
    # class 0 the blank; OcrEngine.characters names them), kept only when asked for
    # (``recognize(keep_steps=True)``: grammar.py decodes them again).
    steps: np.ndarray | None = field(default=None, compare=False, repr=False)


def quantized(path: Path) -> bytes | str:
    """The detection model with its weights quantized to 8 bits (onnxruntime's dynamic
    quantization, done in memory at load time: ~0.2 s once per process), or its path when the
    ``onnx`` package that quantization needs is missing.

    Measured on one core: detection 1.44 s -> 0.91 s a page (125 dpi), about 13% of a scanned
    page's CPU; on 40 generated 150 dpi scans (seeds 1,300,000+) recall 94.90% -> 94.76% and
    on 18 fax pages 74.73% -> 74.89%: the boxes move a pixel here and there, no more. The
    recognizer is not quantized: it ran 50% slower so.
    """
    import logging
    import shutil
    import tempfile

    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        return str(path)
    quiet = logging.getLogger().manager.disable
    logging.disable(logging.WARNING)  # its advice to pre-process the model is not for users
    try:
        with tempfile.TemporaryDirectory(prefix="coitrack-ocr-") as folder:
            # Quantization writes a shape-inferred copy beside its input: the input is copied
            # first, so nothing is written into the installed package (read-only in a
            # deployment, and shared by every process loading at the same time).
            source, target = Path(folder) / path.name, Path(folder) / f"q-{path.name}"
            shutil.copyfile(path, source)
            quantize_dynamic(str(source), str(target), weight_type=QuantType.QUInt8)
            return target.read_bytes()
    finally:
        logging.disable(quiet)


def model_dir() -> Path:
    """The folder of the models inside the installed rapidocr package (not imported: importing
    rapidocr costs 1.5 s and reads its download configuration, which we never use)."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise OcrUnavailable("the OCR models are not installed (pip install rapidocr)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "models"
    missing = [name for name in (DET_MODEL, REC_MODEL, CLS_MODEL) if not (folder / name).is_file()]
    if missing:
        raise OcrUnavailable(f"OCR model files missing from {folder}: {', '.join(missing)}")
    return folder


class OcrEngine:
    """Three onnxruntime sessions (detection, recognition, orientation) and their character set."""

    def __init__(self, folder: Path | None = None) -> None:
        try:
            import cv2
            import onnxruntime as ort
        except ImportError as error:  # pragma: no cover - dependencies of the package
            raise OcrUnavailable(f"{error.name} is not installed") from error
        # One core per page, and no OpenCV worker threads in a process that readers are forked
        # from (a pool thread holding a lock at fork time would hang the child).
        cv2.setNumThreads(0)
        folder = folder or model_dir()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # The arena keeps the buffers of one page for the next: ~5% less CPU per page. A reader
        # of untrusted files runs in a child process (isolation.py), whose memory is bounded.
        options.enable_cpu_mem_arena = True

        def session(model: str | bytes):
            return ort.InferenceSession(
                model, sess_options=options, providers=["CPUExecutionProvider"]
            )

        self.det = session(quantized(folder / DET_MODEL))
        self.rec = session(str(folder / REC_MODEL))
        self.cls = session(str(folder / CLS_MODEL))
        meta = self.rec.get_modelmeta().custom_metadata_map
        characters = ["", *meta["character"].splitlines(), " "]  # CTC blank first
        # The model knows 18,700 characters; certificates print ASCII and typographic quotes
        # and dashes. Reading only those keeps look-alikes ("à" for "a", "·" for a space) out
        # and makes the confidence a choice among characters that can really be there.
        self.allowed = np.array(
            [0, *(i for i, c in enumerate(characters) if c in ALLOWED_CHARACTERS)], np.int64
        )
        self.characters = [characters[i] for i in self.allowed]
        # For the numeric confidence: a digit's look-alikes, and the separators and the blank,
        # whose doubt at a digit is about where the digit ends (words.py: it counts only where
        # the digit groups would show a digit too many or too few).
        self.numeric_classes: dict[int, np.ndarray] = {}
        separators = [self.characters.index(c) for c in ",."]
        for group in NUMERIC_LOOKALIKES:
            indices = [self.characters.index(c) for c in group if c in self.characters]
            for index in indices:
                self.numeric_classes[index] = np.array(sorted({0, *indices, *separators}), np.int64)
        between = [0, *(self.characters.index(c) for c in DATE_SEPARATORS + " ")]
        self.separator_classes = {
            index: np.array(sorted(between), np.int64) for index in between[1:]
        }
        marks = [self.characters.index(c) for c in MARK_LOOKALIKES]
        self.mark_classes = {index: np.array(marks, np.int64) for index in marks}

    # -- detection ---------------------------------------------------------------------------

    def detect(self, gray: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        """Text boxes ``(x0, top, x1, bottom, score)`` in pixels of ``gray`` (uint8, H x W).

        The page is expected straight: boxes are axis-aligned rectangles.
        """
        import cv2

        height, width = gray.shape
        net_h = max(32, round(height / 32) * 32)
        net_w = max(32, round(width / 32) * 32)
        resized = cv2.resize(gray, (net_w, net_h), interpolation=cv2.INTER_AREA)
        tensor = (resized.astype(np.float32) / 127.5 - 1.0)[None, None]
        tensor = np.repeat(tensor, 3, axis=1)
        prob = self.det.run(None, {self.det.get_inputs()[0].name: tensor})[0][0, 0]
        mask = cv2.dilate((prob > DET_THRESHOLD).astype(np.uint8), np.ones((2, 2), np.uint8))
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        sx, sy = width / net_w, height / net_h
        boxes = []
        for contour in contours[:2000]:
            x, y, w, h = cv2.boundingRect(contour)
            if min(w, h) < DET_MIN_SIDE:
                continue
            score = float(prob[y : y + h, x : x + w].mean())
            if score < DET_BOX_THRESHOLD:
                continue
            grow = w * h * DET_UNCLIP / (2 * (w + h))
            x0, x1 = max(0.0, (x - grow) * sx), min(width, (x + w + grow) * sx)
            y0, y1 = max(0.0, (y - grow) * sy), min(height, (y + h + grow) * sy)
            if min(x1 - x0, y1 - y0) < DET_MIN_SIDE + 2:
                continue
            boxes.append((int(x0), int(y0), math.ceil(x1), math.ceil(y1), score))
        boxes.sort(key=lambda b: (b[1], b[0]))
        return boxes

    # -- recognition -------------------------------------------------------------------------

    def recognize(self, crops: list[np.ndarray], *, keep_steps: bool = False) -> list[Line]:
        """The text of each crop (uint8 gray, one text line each), in the order given;
        ``keep_steps``: with the probabilities of each time step (:attr:`Line.steps`)."""
        import cv2

        widths = [
            min(REC_MAX_WIDTH, max(REC_MIN_WIDTH, math.ceil(REC_HEIGHT * c.shape[1] / c.shape[0])))
            for c in crops
        ]
        order = sorted(range(len(crops)), key=lambda i: widths[i])
        results: list[Line | None] = [None] * len(crops)
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and widths[order[end]] * (end - start + 1) * REC_HEIGHT <= (
                REC_BATCH_PIXELS
            ):
                end += 1
            batch = order[start:end]
            padded = widths[batch[-1]]
            tensor = np.zeros((len(batch), 3, REC_HEIGHT, padded), np.float32)
            for row, index in enumerate(batch):
                line = cv2.resize(crops[index], (widths[index], REC_HEIGHT))
                tensor[row, :, :, : widths[index]] = line.astype(np.float32) / 127.5 - 1.0
            probs = self.rec.run(None, {self.rec.get_inputs()[0].name: tensor})[0]
            steps = probs.shape[1]
            for row, index in enumerate(batch):
                # A time step covers padded/steps input pixels; the crop spans widths[index].
                scale = padded / steps / widths[index]
                line = self._decode(probs[row], scale)
                if keep_steps:  # the crop's own steps, not the batch's padding after it
                    used = min(steps, math.ceil(steps * widths[index] / padded) + 1)
                    kept = probs[row, :used][:, self.allowed]
                    kept = kept / np.maximum(kept.sum(axis=1, keepdims=True), 1e-9)
                    line = replace(line, steps=kept)
                results[index] = line
            start = end
        return [r for r in results if r is not None]

    def _decode(self, probs: np.ndarray, step: float) -> Line:
        probs = probs[:, self.allowed]
        best = probs.argmax(axis=1)
        confidence = probs.max(axis=1) / np.maximum(probs.sum(axis=1), 1e-9)
        glyphs: list[Glyph] = []
        t = 0
        while t < len(best):
            index = int(best[t])
            end = t + 1
            while end < len(best) and best[end] == index:
                end += 1
            if index != 0:
                char = self.characters[index]
                conf = float(confidence[t:end].max())
                span = probs[t:end]
                numeric = _class_confidence(span, self.numeric_classes.get(index))
                mark = _class_confidence(span, self.mark_classes.get(index))
                separator = _class_confidence(span, self.separator_classes.get(index))
                alternative, share = self._runner_up(probs[t + int(confidence[t:end].argmax())],
                                                     index)
                glyphs.append(
                    Glyph(char, min(1.0, t * step), min(1.0, end * step), conf, numeric, mark,
                          separator, alternative, share)
                )
            t = end
        text = "".join(g.char for g in glyphs)
        mean = sum(g.confidence for g in glyphs) / len(glyphs) if glyphs else 0.0
        return Line(text, mean, tuple(glyphs))

    def _runner_up(self, step: np.ndarray, chosen: int) -> tuple[str | None, float]:
        """The second most likely character at a time step (not the blank, not ``chosen``)."""
        total = float(step.sum()) or 1e-9
        masked = step.copy()
        masked[0] = masked[chosen] = -1.0
        index = int(masked.argmax())
        share = float(step[index]) / total
        return (self.characters[index], share) if share > 0 else (None, 0.0)

    # -- orientation -------------------------------------------------------------------------

    def upside_down(self, crops: list[np.ndarray]) -> list[float]:
        """For each text-line crop, the probability that it is upside down (rotated 180)."""
        import cv2

        if not crops:
            return []
        tensor = np.zeros((len(crops), 3, 48, 192), np.float32)
        for row, crop in enumerate(crops):
            width = min(192, max(8, math.ceil(48 * crop.shape[1] / crop.shape[0])))
            line = cv2.resize(crop, (width, 48))
            tensor[row, :, :, :width] = line.astype(np.float32) / 127.5 - 1.0
        probs = self.cls.run(None, {self.cls.get_inputs()[0].name: tensor})[0]
        return [float(p[1]) for p in probs]


def _class_confidence(span: np.ndarray, classes: np.ndarray | None) -> float | None:
    """The highest share, over a character's time steps, of the probability on ``classes``."""
    if classes is None:
        return None
    return float((span[:, classes].sum(axis=1) / np.maximum(span.sum(axis=1), 1e-9)).max())


_engine: OcrEngine | None = None
_lock = threading.Lock()
LOADS = 0  # how many times this process created the sessions (tests check it stays at 1)
LOADED_BY: int | None = None  # pid of the process that loaded them (a forked child inherits)


def get_engine() -> OcrEngine:
    """The process's engine, created on first use (about 0.5 s) and shared by every thread.

    A process forked after this keeps the loaded sessions (copy-on-write): see warm.py."""
    global _engine, LOADS, LOADED_BY
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = OcrEngine()
                LOADS += 1
                LOADED_BY = os.getpid()
    return _engine


def is_loaded() -> bool:
    return _engine is not None
