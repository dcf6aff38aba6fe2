"""Unpacking drops (hostile ZIPs included) and matching insured names: pure, no database."""

from __future__ import annotations

import io
import zipfile

import pytest

from coitrack.bulk.archive import Limits, TooMuch, unpack
from coitrack.bulk.matching import MATCH_THRESHOLD, VendorIndex, normalize


def zip_of(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def drop(*files: tuple[str, bytes], limits: Limits | None = None):
    return unpack([(name, io.BytesIO(content)) for name, content in files], limits or Limits())


def test_files_and_zip_members_come_out_one_level_deep():
    entries = drop(("a.pdf", b"%PDF-1"), ("batch.zip", zip_of({"x/b.pdf": b"%PDF-2"})))
    assert [(e.name, e.content, e.source) for e in entries] == [
        ("a.pdf", b"%PDF-1", ""), ("b.pdf", b"%PDF-2", "batch.zip")]


def test_path_traversal_members_are_refused_with_a_reason():
    [entry] = drop(("evil.zip", zip_of({"../../etc/passwd.pdf": b"%PDF-1"})))
    assert entry.content is None
    assert "unsafe path" in entry.problem


def test_nested_archives_are_not_opened():
    inner = zip_of({"deep.pdf": b"%PDF-1"})
    [entry] = drop(("outer.zip", zip_of({"inner.zip": inner}, compression=zipfile.ZIP_STORED)))
    assert "nested ZIP files are not opened" in entry.problem


def test_a_zip_bomb_is_refused_before_it_is_expanded():
    bomb = zip_of({"bomb.pdf": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    [entry] = drop(("bomb.zip", bomb))
    assert entry.content is None
    assert "limit for one file" in entry.problem or "ZIP bomb" in entry.problem


def test_a_member_that_expands_too_much_is_refused_even_under_the_size_limit():
    [entry] = drop(("ratio.zip", zip_of({"r.pdf": b"%PDF-" + b"\0" * 5_000_000})))
    assert "ZIP bomb" in entry.problem


def test_too_many_files_refuse_the_whole_drop_counting_inside_archives():
    many = zip_of({f"{i}.pdf": b"%PDF-1" for i in range(6)})
    with pytest.raises(TooMuch, match="At most 5 files"):
        drop(("many.zip", many), limits=Limits(max_files=5))


def test_too_many_bytes_refuse_the_whole_drop():
    with pytest.raises(TooMuch, match="add up to more than"):
        drop(("a.pdf", b"x" * 600), ("b.pdf", b"y" * 600),
             limits=Limits(max_total_bytes=1000, max_file_bytes=800))


def test_macos_metadata_is_skipped_with_a_reason():
    entries = drop(("mac.zip", zip_of({"__MACOSX/._a.pdf": b"junk", "a.pdf": b"%PDF-1"})))
    assert [e.name for e in entries if e.content] == ["a.pdf"]
    assert "macOS metadata" in entries[0].problem


def test_a_broken_zip_is_one_refused_entry():
    [entry] = drop(("broken.zip", b"PK\x03\x04 not really"))
    assert "not a readable ZIP archive" in entry.problem


@pytest.mark.parametrize(("raw", "normalized"), [
    ("The Acme Plumbing & Heating, L.L.C.", "acme plumbing and heating"),
    ("ACME CO., INC.", "acme"),
    ("Café Olé Corp", "cafe ole"),
])
def test_names_are_normalized(raw, normalized):
    assert normalize(raw) == normalized


INDEX = VendorIndex([(1, "Acme Plumbing Services LLC", ""), (2, "Harbor Electric Inc",
                                                             "Harbor Sparks"),
                     (3, "Twin Builders LLC", ""), (4, "Twin Builders Inc", "")])


def test_the_legal_name_or_dba_matches_exactly_after_normalizing():
    assert (INDEX.match("ACME PLUMBING SERVICES, L.L.C.").vendor_id,
            INDEX.match("Harbor Sparks").method) == (1, "exact")
    assert INDEX.match("Zed Holdings dba Harbor Sparks").vendor_id == 2


def test_a_typo_matches_fuzzily_with_its_confidence():
    match = INDEX.match("Harbour Electric Inc")
    assert (match.vendor_id, match.method) == (2, "fuzzy")
    assert MATCH_THRESHOLD <= match.confidence < 1


def test_a_missing_word_is_only_a_suggestion():
    match = INDEX.match("Acme Plumbing")
    assert match.vendor_id is None
    assert [c.vendor_id for c in match.candidates] == [1]


def test_two_vendors_with_one_normalized_name_are_ambiguous():
    match = INDEX.match("Twin Builders")
    assert (match.vendor_id, match.method) == (None, "ambiguous")
    assert {c.vendor_id for c in match.candidates} == {3, 4}


def test_no_name_matches_nothing():
    assert INDEX.match("").method == "no_name"
