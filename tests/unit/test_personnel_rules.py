"""Pure rules of a personnel file (sirhp.content.domain.personnel): no Plone layer."""

from datetime import date
import pytest
from sirhp.content.domain import personnel as rules
from sirhp.content.domain.terms import parse_lines

TODAY = date(2025, 6, 15)


class TestMatricule:
    @pytest.mark.parametrize("value", ["104582M", "000000A", "999999Z", "100001J"])
    def test_valid(self, value):
        assert rules.is_valid_matricule(value)

    @pytest.mark.parametrize(
        "value",
        [
            "",
            None,
            "104582",  # no letter
            "104582m",  # lower-case letter
            "10458M",  # 5 digits
            "1045823M",  # 7 digits
            "104582MM",  # two letters
            "M104582",  # letter first
            "104 582M",  # space
            "104582É",  # accented capital
            "１０４５８２M",  # full-width digits
            " 104582M",
            "104582M ",
            "104582/M",
            "../104582M",
        ],
    )
    def test_invalid(self, value):
        assert not rules.is_valid_matricule(value)


class TestNina:
    @pytest.mark.parametrize(
        "value", ["123456789012345", "ABCDEFGHIJKLMNO", "1A2B3C4D5E6F7G8"]
    )
    def test_valid(self, value):
        assert rules.is_valid_nina(value)

    @pytest.mark.parametrize(
        "value",
        [
            "",
            None,
            "12345678901234",  # 14
            "1234567890123456",  # 16
            "12345678901234a",  # lower case
            "1234567 9012345",  # space
            "12345678901234-",
        ],
    )
    def test_invalid(self, value):
        assert not rules.is_valid_nina(value)


class TestPhone:
    @pytest.mark.parametrize(
        "value", ["+223 76 12 34 56", "76123456", "+22376123456", "00223 76 12 34 56"]
    )
    def test_valid(self, value):
        assert rules.is_valid_phone(value)

    @pytest.mark.parametrize(
        "value",
        [
            "",
            None,
            "7612345",  # 7 characters: too short
            "+223 76 12 34 56 78 90 12",  # more than 20 characters
            "+223-76-12-34-56",  # dashes
            "76 12 34 5a",  # a letter
            "++22376123456",
            "76123456 ext 2",
        ],
    )
    def test_invalid(self, value):
        assert not rules.is_valid_phone(value)


class TestEmail:
    @pytest.mark.parametrize(
        "value", ["awa.diarra@police.gouv.ml", "a@b.fr", "x+tag@sub.domain.org"]
    )
    def test_valid(self, value):
        assert rules.is_valid_email(value)

    @pytest.mark.parametrize(
        "value",
        [
            "",
            None,
            "awa.diarra",  # no @
            "awa@police",  # no domain suffix
            "awa@@police.ml",
            "awa diarra@police.ml",  # space
            "awa@police.m",  # one-letter suffix
            "awa@police.ml\nBcc: x@y.fr",  # header injection
            "@police.ml",
        ],
    )
    def test_invalid(self, value):
        assert not rules.is_valid_email(value)


class TestTrailingLineBreak:
    """A value ending with a line break is not a valid matricule, NINA, phone, e-mail.

    BUG: the patterns end with ``$``, which in Python also matches just before
    a final ``\\n``: ``MATRICULE_RE.match("104582M\\n")`` succeeds. The
    docstring of ``is_valid_email`` even promises to reject line breaks
    (header injection). In the schema, ``max_length`` hides it for the
    matricule (7) and the NINA (15), not for the phone and the e-mail (and
    the ``constraint=`` given to those TextLines replaces TextLine's own
    no-line-break check). Fix: ``fullmatch`` (or ``\\Z``) instead of ``$``.
    """

    @pytest.mark.parametrize(
        "rule,value",
        [
            (rules.is_valid_matricule, "104582M\n"),
            (rules.is_valid_nina, "123456789012345\n"),
            (rules.is_valid_phone, "+223 76 12 34 56\n"),
            (rules.is_valid_email, "awa@police.ml\n"),
        ],
        ids=["matricule", "nina", "phone", "email"],
    )
    def test_rejected(self, rule, value):
        assert rule(value.rstrip("\n"))
        assert not rule(value)

    @pytest.mark.parametrize("value", ["awa@police.ml\r\n", "awa@police.ml\r"])
    def test_carriage_return_rejected(self, value):
        assert not rules.is_valid_email(value)


class TestAgeOn:
    def test_birthday_reached(self):
        assert rules.age_on(date(2000, 3, 10), date(2018, 3, 10)) == 18

    def test_day_before_birthday(self):
        assert rules.age_on(date(2000, 3, 10), date(2018, 3, 9)) == 17

    def test_later_month(self):
        assert rules.age_on(date(2000, 3, 10), date(2018, 12, 1)) == 18

    def test_earlier_month(self):
        assert rules.age_on(date(2000, 3, 10), date(2018, 1, 31)) == 17

    def test_same_day(self):
        assert rules.age_on(date(2000, 3, 10), date(2000, 3, 10)) == 0

    def test_leap_day_birth(self):
        born = date(2000, 2, 29)
        assert rules.age_on(born, date(2018, 2, 28)) == 17
        assert rules.age_on(born, date(2018, 3, 1)) == 18
        assert rules.age_on(born, date(2020, 2, 29)) == 20


class TestDateErrors:
    def test_coherent_dates(self):
        assert (
            rules.date_errors(
                birth_date=date(1980, 1, 1),
                hire_date=date(2005, 9, 1),
                grade_date=date(2015, 1, 1),
                today=TODAY,
            )
            == []
        )

    def test_nothing_given(self):
        assert rules.date_errors(today=TODAY) == []

    def test_partial_data_is_coherent(self):
        assert rules.date_errors(birth_date=date(1980, 1, 1), today=TODAY) == []
        assert rules.date_errors(hire_date=date(2005, 1, 1), today=TODAY) == []
        # a grade date without a hire date cannot be compared
        assert rules.date_errors(grade_date=date(2005, 1, 1), today=TODAY) == []

    def test_birth_after_hire(self):
        errors = rules.date_errors(
            birth_date=date(2006, 1, 1), hire_date=date(2005, 1, 1), today=TODAY
        )
        assert errors == [
            "La date de naissance doit précéder la date d'entrée en service."
        ]

    def test_birth_on_hire_day(self):
        errors = rules.date_errors(
            birth_date=date(2005, 1, 1), hire_date=date(2005, 1, 1), today=TODAY
        )
        assert errors == [
            "La date de naissance doit précéder la date d'entrée en service."
        ]

    def test_under_18_at_hiring(self):
        errors = rules.date_errors(
            birth_date=date(2000, 3, 10), hire_date=date(2018, 3, 9), today=TODAY
        )
        assert errors == ["L'agent doit avoir au moins 18 ans à son entrée en service."]
        assert str(rules.MIN_HIRING_AGE) in errors[0]

    def test_exactly_18_at_hiring(self):
        assert (
            rules.date_errors(
                birth_date=date(2000, 3, 10), hire_date=date(2018, 3, 10), today=TODAY
            )
            == []
        )

    def test_future_birth(self):
        errors = rules.date_errors(birth_date=date(2025, 6, 16), today=TODAY)
        assert errors == ["La date de naissance est dans le futur."]

    def test_future_hire(self):
        errors = rules.date_errors(
            birth_date=date(1990, 1, 1), hire_date=date(2025, 7, 1), today=TODAY
        )
        assert errors == ["La date d'entrée en service est dans le futur."]

    def test_today_is_not_future(self):
        assert (
            rules.date_errors(
                birth_date=date(1990, 1, 1),
                hire_date=TODAY,
                grade_date=TODAY,
                today=TODAY,
            )
            == []
        )

    def test_future_grade(self):
        errors = rules.date_errors(
            hire_date=date(2010, 1, 1), grade_date=date(2026, 1, 1), today=TODAY
        )
        assert errors == ["La date de prise de grade est dans le futur."]

    def test_grade_before_hire(self):
        errors = rules.date_errors(
            birth_date=date(1980, 1, 1),
            hire_date=date(2005, 9, 1),
            grade_date=date(2005, 8, 31),
            today=TODAY,
        )
        assert errors == [
            "La date de prise de grade ne peut précéder l'entrée en service."
        ]

    def test_grade_on_hire_day(self):
        assert (
            rules.date_errors(
                hire_date=date(2005, 9, 1), grade_date=date(2005, 9, 1), today=TODAY
            )
            == []
        )

    def test_several_errors_are_all_reported(self):
        errors = rules.date_errors(
            birth_date=date(2030, 1, 1),
            hire_date=date(2029, 1, 1),
            grade_date=date(2028, 1, 1),
            today=TODAY,
        )
        assert errors == [
            "La date de naissance est dans le futur.",
            "La date d'entrée en service est dans le futur.",
            "La date de naissance doit précéder la date d'entrée en service.",
            "La date de prise de grade ne peut précéder l'entrée en service.",
            "La date de prise de grade est dans le futur.",
        ]

    def test_default_today_is_the_real_today(self):
        tomorrow = date.fromordinal(date.today().toordinal() + 1)
        assert rules.date_errors(birth_date=tomorrow) == [
            "La date de naissance est dans le futur."
        ]
        assert rules.date_errors(birth_date=date.today()) == []


class TestFullName:
    def test_last_name_upper_case(self):
        assert rules.full_name("Diarra", "Awa") == "DIARRA Awa"

    def test_accents_kept(self):
        assert rules.full_name("Keïta", "Modibo") == "KEÏTA Modibo"

    def test_strips_and_skips_missing(self):
        assert rules.full_name("  Traoré ", "  ") == "TRAORÉ"
        assert rules.full_name(None, "Awa") == "Awa"
        assert rules.full_name(None, None) == ""


class TestGradeAndCorps:
    GRADES = parse_lines(
        [
            "commissaire|Commissaire de police|commissaires",
            "agent|Agent de police|sous-officiers",
            "stagiaire|Stagiaire",  # no corps named: any corps
        ]
    )
    CORPS = parse_lines(
        [
            "commissaires|Corps des commissaires de police",
            "sous-officiers|Corps des sous-officiers de police",
        ]
    )

    def mismatch(self, corps, grade):
        return rules.grade_corps_mismatch(corps, grade, self.GRADES, self.CORPS)

    @pytest.mark.parametrize(
        "corps, grade",
        [
            ("commissaires", "commissaire"),
            ("sous-officiers", "agent"),
            ("commissaires", "stagiaire"),
            ("sous-officiers", "stagiaire"),
            ("commissaires", "inconnu"),  # the vocabulary refuses it
            (None, "agent"),  # required: the field says so
            ("commissaires", None),
        ],
    )
    def test_coherent(self, corps, grade):
        assert self.mismatch(corps, grade) is None

    def test_agent_is_no_commissaire(self):
        assert self.mismatch("commissaires", "agent") == {
            "grade": "Agent de police",
            "corps": "Corps des commissaires de police",
            "expected": "Corps des sous-officiers de police",
        }

    def test_unknown_corps_named_by_its_code(self):
        assert self.mismatch("gendarmes", "agent")["corps"] == "gendarmes"
