"""The OCR reader on generated scans: values read back, pages straightened, evidence mapped onto
the page as uploaded, the model loaded once per process. Each full read costs seconds of CPU, so
the scans are read once per module and several behaviours are checked on each result."""

from __future__ import annotations

import os
from collections import defaultdict

import pytest

from coitrack.reading import isolation, read_document
from coitrack.reading.ocr import engine, warm
from coitrack.reading.synth import make_sample, render
from coitrack.reading.synth.compare import CRITICAL, Tally, compare

TURNED_SEED, NOISY_SEED = 11, 4


@pytest.fixture(scope="module")
def turned():
    """A certificate scanned at 200 dpi, fed sideways (turned 90 degrees) and 2 degrees askew,
    saved as PNG: (file, truth, result)."""
    sample = make_sample(TURNED_SEED)
    png = render(
        sample, "scan-turned", seed=TURNED_SEED, quarters=1, skew=2.0, container="png", clean=True
    )
    return png, sample.truth, read_document(png, filename="turned.png", isolate=False)


@pytest.fixture(scope="module")
def noisy():
    """A certificate scanned at 150 dpi with blur, noise, dust and JPEG artefacts, saved as an
    image-only PDF: (file, truth, result)."""
    sample = make_sample(NOISY_SEED)
    pdf = render(sample, "scan150", seed=NOISY_SEED, container="pdf")
    return pdf, sample.truth, read_document(pdf, filename="scan.pdf", isolate=False)


# Critical fields printed as text. Ticked boxes (ADDL INSD, SUBR WVD, UMBRELLA or EXCESS) are
# the OCR reader's known weak spot: a mark inside a drawn box is often not detected as text.
PRINTED = tuple(
    g for g in CRITICAL if g not in ("coverage", "additional_insured", "subrogation_waived")
)


def _critical(truth, data, groups=CRITICAL) -> Tally:
    scores: dict[str, Tally] = defaultdict(Tally)
    compare(truth, data, scores)
    total = Tally()
    for group in groups:
        total.true_positive += scores[group].true_positive
        total.false_positive += scores[group].false_positive
        total.false_negative += scores[group].false_negative
        total.misses += scores[group].misses
    return total


def test_a_turned_and_skewed_scan_is_read_with_its_printed_critical_fields_right(turned):
    _, truth, result = turned
    assert result.reader == "ocr"
    tally = _critical(truth, result.data, PRINTED)
    assert tally.false_positive == 0 and tally.false_negative == 0, tally.misses
    # and no ADDL INSD / SUBR WVD mark is read where there is none
    assert (
        _critical(truth, result.data, ("additional_insured", "subrogation_waived")).false_positive
        == 0
    )
    assert result.data["insured"]["name"] == truth["insured"]["name"]
    assert [p["policy_number"] for p in result.data["policies"]] == [
        p["policy_number"] for p in truth["policies"]
    ]


def test_the_reviewer_is_told_the_page_was_turned_and_straightened(turned):
    _, _, result = turned
    note = next(w for w in result.warnings if w.startswith("read by OCR"))
    assert "turned 270 degrees" in note or "turned 90 degrees" in note
    assert "straightened by" in note


def test_evidence_boxes_are_on_the_page_as_uploaded(turned):
    _, _, result = turned
    box = result.evidence["insured.name"]["box"]
    # The uploaded page lies on its side: 792 points wide, 612 tall; a line of text runs down it
    x0, y0, x1, y1 = box
    assert 0 <= x0 < x1 <= 792.5 and 0 <= y0 < y1 <= 612.5
    assert (y1 - y0) > 3 * (x1 - x0)


def test_ocr_confidence_caps_the_evidence_confidence(turned):
    _, _, result = turned
    confidences = [e["confidence"] for e in result.evidence.values()]
    assert confidences and max(confidences) <= 0.95


def test_a_noisy_150_dpi_image_pdf_is_read_without_a_wrong_critical_value(noisy):
    _, truth, result = noisy
    assert result.reader == "ocr"
    tally = _critical(truth, result.data)
    assert tally.false_positive == 0, tally.misses  # nothing wrong is ever filled in
    assert tally.recall >= 0.9, tally.misses
    assert result.data["certificate_holder"]["name"] == truth["certificate_holder"]["name"]


def test_the_model_is_loaded_once_across_several_reads(turned, noisy):
    # both fixtures read a scan in this process (and other modules may have read more)
    assert turned[2].reader == noisy[2].reader == "ocr"
    assert engine.LOADS == 1
    assert os.getpid() == engine.LOADED_BY


def _probe(data: bytes):
    """Run in the isolated child: the engine, and which process loaded it."""
    engine.get_engine()
    return engine.LOADS, engine.LOADED_BY, os.getpid()


def test_an_isolated_reader_inherits_the_model_instead_of_loading_it(turned):
    png, _, _ = turned
    warm.warm_before_fork(png)  # what read_document does before forking the reader
    loads, loaded_by, child = isolation.run(_probe, png, timeout=60)
    assert loads == 1
    # The child inherited a model loaded before it was forked: by this process when it is
    # single-threaded, by the forkserver (preload) when other threads run, never by the child.
    assert loaded_by != child


def test_a_scan_read_in_the_isolated_child_gives_the_same_data(turned):
    png, _, result = turned
    isolated = read_document(png, filename="turned.png", timeout=120)
    assert isolated.data == result.data


def test_the_models_load_and_run_with_the_network_unreachable(monkeypatch):
    import socket

    import numpy as np

    def refuse(*args, **kwargs):
        raise OSError("network unreachable (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = engine.OcrEngine()  # a new engine, not the process's shared one
    line = np.full((40, 200), 255, np.uint8)
    assert fresh.recognize([line]) and fresh.detect(np.full((320, 320), 255, np.uint8)) == []


def test_a_1_bit_page_at_low_resolution_is_softened_before_reading():
    from coitrack.reading.ocr.page import _softened

    np = pytest.importorskip("numpy")
    fax = np.full((200, 200), 255, np.uint8)
    fax[90:110, 50:150] = 0
    softened = _softened(fax, 150)
    assert len(np.unique(softened)) > 2  # grey edges
    assert _softened(fax, 200) is fax  # at 200 dpi it reads better as it is


def test_a_grey_page_is_read_as_it_is():
    from coitrack.reading.ocr.page import _softened

    np = pytest.importorskip("numpy")
    grey = np.random.default_rng(1).integers(0, 256, (200, 200), dtype=np.uint8)
    assert _softened(grey, 150) is grey


def test_the_detector_is_quantized_from_a_copy_never_beside_the_installed_model(monkeypatch):
    # quantize_dynamic writes a shape-inferred file beside its input and deletes it: beside the
    # installed model, two workers loading at once deleted each other's (seen in a benchmark).
    from onnxruntime import quantization

    seen = []
    real = quantization.quantize_dynamic

    def spy(model_input, model_output, **options):
        seen.append(os.path.dirname(model_input))
        return real(model_input, model_output, **options)

    monkeypatch.setattr(quantization, "quantize_dynamic", spy)
    model = engine.quantized(engine.model_dir() / engine.DET_MODEL)
    assert isinstance(model, bytes) and model[:2]
    assert seen and str(engine.model_dir()) not in seen
    assert sorted(os.listdir(engine.model_dir())) == sorted(
        name for name in os.listdir(engine.model_dir()) if not name.endswith("-inferred.onnx")
    )
