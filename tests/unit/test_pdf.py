"""The tiny PDF writer of the demo generator: structure and accents, byte by byte.

No PDF tool is installed (no pdftotext, no pypdf): the checks read the bytes.
"""

import re
from sirhp.policy.setuphandlers.pdf import tiny_pdf

LINES = [
    "REPUBLIQUE DU MALI — Un Peuple, Un But, Une Foi",
    "Nom : Keïta   Prénoms : Modibo",
    "Né(e) le 01/02/1980 à Ségou",
]


def _objects(pdf):
    """{number: body} of the indirect objects."""
    return {
        int(m.group(1)): m.group(2)
        for m in re.finditer(rb"(\d+) 0 obj\n(.*?)\nendobj\n", pdf, re.DOTALL)
    }


def _stream(pdf):
    match = re.search(rb"<< /Length (\d+) >>\nstream\n(.*?)\nendstream", pdf, re.DOTALL)
    assert match, "no content stream"
    return int(match.group(1)), match.group(2)


def test_header_and_trailer():
    pdf = tiny_pdf(LINES)
    assert pdf.startswith(b"%PDF-1.4\n")
    # binary comment line: tells transfer tools the file is binary
    second_line = pdf.split(b"\n")[1]
    assert second_line.startswith(b"%") and all(b > 127 for b in second_line[1:])
    assert pdf.endswith(b"%%EOF\n")
    assert b"trailer\n<< /Size 6 /Root 1 0 R >>" in pdf


def test_startxref_points_at_the_xref_table():
    pdf = tiny_pdf(LINES)
    offset = int(re.search(rb"startxref\n(\d+)\n%%EOF", pdf).group(1))
    assert pdf[offset:].startswith(b"xref\n0 6\n")


def test_xref_offsets_point_at_each_object():
    pdf = tiny_pdf(LINES)
    xref = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    table = pdf[xref:].split(b"trailer")[0].split(b"\n")
    assert table[0] == b"xref"
    assert table[1] == b"0 6"
    entries = table[2:8]
    # every entry is exactly 20 bytes with its end of line (PDF 1.4, 7.5.4)
    for entry in entries:
        assert len(entry) + 1 == 20, entry
    assert entries[0] == b"0000000000 65535 f "
    for number, entry in enumerate(entries[1:], start=1):
        offset, generation, kind = entry.split()
        assert generation == b"00000" and kind == b"n"
        assert pdf[int(offset) :].startswith(f"{number} 0 obj\n".encode()), number


def test_objects_and_page_tree():
    objects = _objects(tiny_pdf(LINES))
    assert sorted(objects) == [1, 2, 3, 4, 5]
    assert b"/Type /Catalog /Pages 2 0 R" in objects[1]
    assert b"/Type /Pages /Kids [3 0 R] /Count 1" in objects[2]
    assert b"/Type /Page /Parent 2 0 R" in objects[3]
    assert b"/MediaBox [0 0 595 842]" in objects[3]  # A4
    assert b"/Contents 5 0 R" in objects[3]
    assert b"/BaseFont /Helvetica" in objects[4]
    assert b"/Encoding /WinAnsiEncoding" in objects[4]


def test_stream_length_is_exact():
    length, stream = _stream(tiny_pdf(LINES))
    assert length == len(stream)
    assert stream.startswith(b"BT ") and stream.endswith(b"ET")


def test_one_text_operator_per_line():
    _length, stream = _stream(tiny_pdf(LINES))
    assert stream.count(b" Tj T*") == len(LINES)


def test_accents_survive_in_winansi():
    """WinAnsi (cp1252) bytes: é = E9, ï = EF, à = E0, em dash = 97."""
    _length, stream = _stream(tiny_pdf(LINES))
    assert b"(Nom : Ke\xefta   Pr\xe9noms : Modibo) Tj" in stream
    assert b"\xe0 S\xe9gou) Tj" in stream
    assert b"MALI \x97 Un Peuple" in stream
    # no UTF-8 left: that would print as "Ã©"
    assert "é".encode() not in stream
    assert "—".encode() not in stream


def test_text_decodes_back():
    _length, stream = _stream(tiny_pdf(LINES))
    texts = [
        t.replace(b"\\(", b"(")
        .replace(b"\\)", b")")
        .replace(b"\\\\", b"\\")
        .decode("cp1252")
        for t in re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", stream)
    ]
    assert texts == LINES


def test_parentheses_and_backslashes_escaped():
    _length, stream = _stream(tiny_pdf(["a (b) c\\d"]))
    assert b"(a \\(b\\) c\\\\d) Tj" in stream


def test_unbalanced_parenthesis_cannot_end_the_string():
    _length, stream = _stream(tiny_pdf(["fin)"]))
    assert b"(fin\\)) Tj" in stream


def test_characters_outside_winansi_are_replaced():
    """Letters of Bambara (ɛ, ɔ, ɲ) have no WinAnsi code: a "?" is drawn."""
    _length, stream = _stream(tiny_pdf(["Bamakɔ"]))
    assert b"(Bamak?) Tj" in stream


def test_no_lines():
    pdf = tiny_pdf([])
    length, stream = _stream(pdf)
    assert stream == b"BT /F1 14 Tf 60 780 Td 18 TL\nET"
    assert length == len(stream)


def test_deterministic():
    assert tiny_pdf(LINES) == tiny_pdf(list(LINES))
