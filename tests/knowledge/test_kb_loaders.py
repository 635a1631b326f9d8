"""Loading files by content: each kind of bad input gets its own clear error."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from agency.core.errors import InputError
from agency.intelligence.knowledge import load_bytes, load_file

ENGLISH = (
    "Northbound roasts coffee in small batches on a restored drum roaster by the harbor. "
    "Every order ships within two days of roasting, and orders over forty dollars ship free. "
    "If you do not love a coffee, tell us within thirty days and we will replace it."
)
GERMAN = (
    "Northbound röstet Kaffee in kleinen Chargen auf einem restaurierten Trommelröster am "
    "Hafen. Jede Bestellung wird innerhalb von zwei Tagen nach dem Rösten verschickt, und "
    "Bestellungen über vierzig Dollar werden kostenlos geliefert."
)


def _refusal(data: bytes, name: str = "upload.bin") -> InputError:
    with pytest.raises(InputError) as caught:
        load_bytes(data, source=name)
    assert caught.value.field == "file"
    assert caught.value.fix
    assert caught.value.message.startswith(name)
    return caught.value


def test_pdf_text_and_title(kb_files: SimpleNamespace) -> None:
    doc = load_bytes(kb_files.pdf([ENGLISH], title="Shipping policy"), source="policy.pdf")
    assert doc.source_type == "pdf"
    assert doc.title == "Shipping policy"
    assert "restored drum roaster" in doc.text


def test_type_is_sniffed_not_taken_from_the_name(kb_files: SimpleNamespace) -> None:
    assert load_bytes(kb_files.pdf([ENGLISH]), source="notes.txt").source_type == "pdf"
    assert load_bytes(ENGLISH.encode(), source="fake.pdf").source_type == "text"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert "PNG image" in _refusal(png, "photo.txt").message


def test_password_protected_pdf_is_refused(kb_files: SimpleNamespace) -> None:
    locked = kb_files.encrypt(kb_files.pdf([ENGLISH]), "s3cret")
    error = _refusal(locked, "locked.pdf")
    assert "password-protected" in error.message


def test_corrupt_pdf_is_refused(kb_files: SimpleNamespace) -> None:
    broken = kb_files.pdf([ENGLISH])[:200]
    error = _refusal(broken, "broken.pdf")
    assert "PDF" in error.message


def test_docx_paragraphs_and_tables(kb_files: SimpleNamespace) -> None:
    doc = load_bytes(kb_files.docx("Wholesale terms", [ENGLISH]), source="terms.docx")
    assert doc.source_type == "docx"
    assert doc.title == "Wholesale terms"
    assert "thirty days" in doc.text
    assert "Five-pound bag | $70" in doc.text


def test_a_zip_that_is_not_docx_is_unsupported(tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", ENGLISH)
    assert "ZIP archive" in _refusal(archive.read_bytes(), "a.docx").message


def test_markdown_loses_markup_keeps_words() -> None:
    source = (
        "# Brewing guide\n\nUse **22 grams** of coffee and [our grinder](https://x.test).\n\n"
        "- Rinse the filter\n- Bloom for `40 seconds`\n\n" + ENGLISH
    )
    doc = load_bytes(source.encode(), source="guide.md")
    assert doc.source_type == "markdown"
    assert doc.title == "Brewing guide"
    assert "Use 22 grams of coffee and our grinder." in doc.text
    assert "**" not in doc.text and "](" not in doc.text


def test_plain_text_in_utf16_and_cp1252() -> None:
    assert "harbor" in load_bytes(ENGLISH.encode("utf-16"), source="u16.txt").text
    cafe = (ENGLISH + " Café au lait is on the menu.").encode("cp1252")
    assert "Café" in load_bytes(cafe, source="menu.txt").text


def test_non_english_text_is_refused() -> None:
    error = _refusal(GERMAN.encode(), "preise.txt")
    assert "'de'" in error.message and "English" in error.message


def test_empty_and_oversized_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_file(empty)
    big = tmp_path / "big.txt"
    big.write_text(ENGLISH * 20)
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        load_file(big, max_bytes=1000)
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "missing.txt")


def test_binary_garbage_is_unsupported() -> None:
    assert "binary" in _refusal(bytes(range(256)) * 8, "blob.txt").message
