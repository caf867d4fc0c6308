"""Parsing of the HR vocabulary lines (sirhp.content.domain.terms): no Plone layer."""

import pytest
from sirhp.content.domain.terms import parse_line
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import Term
from sirhp.content.domain.terms import TermSyntaxError


class TestParseLine:
    def test_code_and_label(self):
        assert parse_line("agent|Agent de police") == Term(
            "agent", "Agent de police", ()
        )

    def test_extra_columns(self):
        term = parse_line("commissaire|Commissaire de police|commissaires")
        assert term.code == "commissaire"
        assert term.label == "Commissaire de police"
        assert term.extra == ("commissaires",)

    def test_whitespace_is_stripped(self):
        term = parse_line("  tir  |  Tir de précision  | x ")
        assert term == Term("tir", "Tir de précision", ("x",))

    def test_accented_label(self):
        assert (
            parse_line("cybercriminalite|Cybercriminalité").label == "Cybercriminalité"
        )

    @pytest.mark.parametrize(
        "code", ["a", "0", "acte-naissance", "officier-1", "a.b_c-d", "x" * 64]
    )
    def test_valid_codes(self, code):
        assert parse_line(f"{code}|Libellé").code == code

    @pytest.mark.parametrize(
        "line",
        ["", None, "agent", "agent|", "|Agent de police", "  |  ", "agent|   "],
    )
    def test_missing_code_or_label(self, line):
        with pytest.raises(TermSyntaxError) as info:
            parse_line(line)
        assert "attendu code|Libellé" in str(info.value)

    @pytest.mark.parametrize(
        "code",
        [
            "Agent",  # capital
            "agent police",  # space
            "-agent",  # starts with a dash
            ".agent",
            "_agent",
            "agent/2",
            "grade-é",  # accent
            "x" * 65,  # too long
        ],
    )
    def test_invalid_codes(self, code):
        with pytest.raises(TermSyntaxError) as info:
            parse_line(f"{code}|Libellé")
        assert "Code invalide" in str(info.value)
        assert code in str(info.value)

    def test_error_is_a_value_error(self):
        assert issubclass(TermSyntaxError, ValueError)


class TestParseLines:
    def test_in_order(self):
        terms = parse_lines(["b|Bé", "a|A"])
        assert [t.code for t in terms] == ["b", "a"]

    def test_empty(self):
        assert parse_lines([]) == []
        assert parse_lines(None) == []

    def test_blank_lines_skipped(self):
        terms = parse_lines(["", "a|A", "   ", None, "b|B"])
        assert [t.code for t in terms] == ["a", "b"]

    def test_duplicate_code(self):
        with pytest.raises(TermSyntaxError) as info:
            parse_lines(["agent|Agent", "sergent|Sergent", "agent|Agent de police"])
        assert "Code en double « agent »" in str(info.value)

    def test_duplicate_after_stripping(self):
        with pytest.raises(TermSyntaxError):
            parse_lines(["agent|Agent", " agent |Autre"])

    def test_same_label_different_codes_allowed(self):
        assert len(parse_lines(["a|Même", "b|Même"])) == 2

    def test_first_bad_line_raises(self):
        with pytest.raises(TermSyntaxError) as info:
            parse_lines(["a|A", "B|Bad", "c"])
        assert "Code invalide « B »" in str(info.value)

    def test_default_registry_lines_parse(self):
        """The lines shipped in the registry profile are all valid."""
        from pathlib import Path
        import sirhp.content
        import xml.etree.ElementTree as ET

        registry = Path(sirhp.content.__file__).parent / "profiles/default/registry.xml"
        records = {
            record.get("field"): [e.text for e in record.iter("element")]
            for record in ET.parse(registry).getroot().iter("record")
            if record.get("field")  # the HR vocabularies (code|Libellé lines)
        }
        assert set(records) == {"corps", "grades", "skills", "document_types"}
        corps = {t.code for t in parse_lines(records["corps"])}
        for name, lines in records.items():
            assert parse_lines(lines), name
        # every grade names an existing corps
        for grade in parse_lines(records["grades"]):
            assert grade.extra and grade.extra[0] in corps, grade
