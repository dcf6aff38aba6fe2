"""Straightening scanned pages: sideways pages turned back, skew measured and undone, evidence
boxes mapped back onto the page as uploaded. Classical image processing only: fast, no model."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image

from coitrack.reading.ocr import straighten
from coitrack.reading.synth.scan import scan


@pytest.fixture(scope="module")
def page_pixels():
    """A generated certificate rendered at 100 dpi, grey, straight."""
    import pypdfium2 as pdfium

    from coitrack.reading.synth import generate

    pdf, _ = generate(7, "text")
    document = pdfium.PdfDocument(pdf)
    gray = np.array(document[0].render(scale=100 / 72, grayscale=True).to_pil().convert("L"))
    document.close()
    return gray


def _rotated(gray: np.ndarray, degrees: float) -> np.ndarray:
    return np.array(Image.fromarray(gray).rotate(degrees, fillcolor=255, resample=Image.BILINEAR))


@pytest.mark.parametrize("degrees", [-3.0, -1.2, 0.8, 2.5])
def test_skew_is_measured_to_a_few_tenths_of_a_degree(page_pixels, degrees):
    turn = straighten.find_turn(_rotated(page_pixels, degrees))
    assert turn.quarters == 0
    # The skew that straightens the page turns it back by the angle it was turned.
    assert turn.skew == pytest.approx(-degrees, abs=0.3)


def test_a_straight_page_is_left_alone(page_pixels):
    turn = straighten.find_turn(page_pixels)
    assert turn.is_identity


@pytest.mark.parametrize("quarters", [1, 3])
def test_a_page_fed_sideways_is_turned_upright(page_pixels, quarters):
    sideways = np.ascontiguousarray(np.rot90(_rotated(page_pixels, 1.5), quarters))
    turn = straighten.find_turn(sideways)
    assert turn.quarters == 1
    upright = straighten.apply(sideways, turn)
    assert upright.shape[0] > upright.shape[1]  # portrait again (or upside down: see OCR tests)
    assert abs(straighten.find_turn(upright).skew) < 0.3


def test_a_straightened_box_maps_back_onto_the_page_as_uploaded():
    # A white page with one black rectangle, turned a quarter and skewed: the box found on the
    # straightened page must land back on the rectangle of the uploaded page.
    page = np.full((400, 300), 255, np.uint8)
    page[100:120, 50:200] = 0
    turned = np.ascontiguousarray(np.rot90(page, 1))
    turn = straighten.Turn(quarters=3, skew=0.0, width=turned.shape[1], height=turned.shape[0])
    upright = straighten.apply(turned, turn)
    ys, xs = np.nonzero(upright < 128)
    box = (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
    x0, y0, x1, y1 = turn.to_original(box, (upright.shape[1], upright.shape[0]))
    ys, xs = np.nonzero(turned < 128)
    assert (x0, y0, x1, y1) == pytest.approx((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))


def test_a_skewed_box_maps_back_within_a_pixel_or_two():
    page = np.full((400, 300), 255, np.uint8)
    page[100:120, 50:200] = 0
    turn = straighten.Turn(quarters=0, skew=2.0, width=300, height=400)
    straight = straighten.apply(page, turn)
    ys, xs = np.nonzero(straight < 128)
    x0, y0, x1, y1 = turn.to_original((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1), (300, 400))
    # The rotated box's bounding box contains the original rectangle and is barely larger.
    assert x0 <= 51 and y0 <= 101 and x1 >= 199 and y1 >= 119
    assert x1 - x0 < 160 and y1 - y0 < 36


def test_the_scan_generator_turns_and_skews_as_asked():
    from coitrack.reading.synth import generate

    pdf, _ = generate(3, "text")
    png = scan(pdf, random.Random(1), dpi=100, quarters=1, skew=2.0, container="png")
    image = Image.open(__import__("io").BytesIO(png))
    assert image.size == (1100, 850)  # landscape: fed sideways
    assert image.info["dpi"][0] == pytest.approx(100, rel=1e-2)


def test_the_scan_generator_thresholds_fax_pages_from_the_sensor_not_a_jpeg_copy(monkeypatch):
    import io

    from coitrack.reading.synth import generate
    from coitrack.reading.synth import scan as scan_module

    # A JPEG round trip that blackens the page: a 1-bit page made from it would be all ink.
    monkeypatch.setattr(scan_module, "_jpeg_roundtrip", lambda gray, quality: gray * 0)
    pdf, _ = generate(3, "text")
    for seed in range(6):  # half of the pages go through the JPEG round trip
        tiff = scan(pdf, random.Random(seed), dpi=60, container="tiff", fax=True)
        image = Image.open(io.BytesIO(tiff))
        assert image.mode == "1"
        page = np.asarray(image.convert("L"))
        assert (page == 255).mean() > 0.5  # mostly paper: thresholded from the sensor's signal


def test_scans_are_grey_and_the_fax_variant_is_one_bit_group_4():
    import io

    from coitrack.reading.synth import generate

    modes = {Image.open(io.BytesIO(generate(seed, "scan150", container="tiff")[0])).mode
             for seed in range(8)}
    assert modes == {"L"}
    fax = Image.open(io.BytesIO(generate(1, "fax")[0]))
    assert (fax.mode, fax.info["compression"], round(fax.info["dpi"][0])) == ("1", "group4", 200)
