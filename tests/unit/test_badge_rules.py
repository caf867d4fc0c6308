"""Pure rules of the badge domain, without Zope: card numbers, print layouts
and batch sizes, the crop box as sent by the page and by REST, refusals
carrying what the domain API needs to translate them."""

from datetime import date
import pytest
from sirhp.content.badges import photo_rules
from sirhp.content.badges import rules
from sirhp.content.badges.api import PhotoError
from zope.i18n import interpolate


def test_card_numbers_of_each_agency():
    # an agency's code is its short name (sirhp.content.agencies.rules)
    assert rules.agency_code("PN") == "PN"
    assert rules.agency_code("OCS") == "OCS"
    assert rules.agency_code("STS") == "STS"
    assert rules.agency_code(None) == rules.agency_code("inconnue") == "PN"
    number = rules.new_card_number("OCS")
    assert rules.is_valid_card_number(number)
    assert rules.is_valid_card_number(rules.new_card_number("STS"))
    typed = " " + number.lower().replace("0", "o") + " "
    assert rules.normalize_card_number(typed) == number


def test_a_token_is_genuine_only_under_its_secret():
    token = rules.sign(b"secret", "A" * 16)
    assert rules.verify(b"secret", token) == "A" * 16
    assert rules.verify(b"other", token) is None
    assert rules.verify(b"secret", token[:-1]) is None


def test_expiry_and_public_status():
    assert rules.expiry_for(date(2024, 2, 29), 5) == date(2029, 2, 27)
    today = date(2030, 1, 1)
    assert rules.effective_status("issued", date(2029, 12, 31), today) == "expired"
    assert rules.effective_status("printed", date(2030, 1, 1), today) == "valid"
    assert rules.effective_status("requested", None, today) == "unknown"
    assert rules.effective_status("revoked", None, today) == "revoked"


@pytest.mark.parametrize(
    "layout, known",
    [("card", True), ("a4", True), ("A4", False), ("letter", False), (None, False)],
)
def test_print_layouts(layout, known):
    assert rules.is_print_layout(layout) is known


def test_batch_sizes():
    assert not rules.is_batch_size(0)
    assert rules.is_batch_size(1)
    assert rules.is_batch_size(rules.MAX_BATCH)
    assert not rules.is_batch_size(rules.MAX_BATCH + 1)


def test_a_box_sent_as_a_list_reads_as_its_text():
    assert photo_rules.parse_box([10, 20.4, 350, 450]) == photo_rules.parse_box(
        "10,20.4,350,450"
    )
    assert photo_rules.parse_box([]) is None
    with pytest.raises(photo_rules.PhotoRefused):
        photo_rules.parse_box([1, 2, 3])
    assert photo_rules.box_text((10, 20, 350, 450)) == "10,20,350,450"
    assert photo_rules.box_text(None) == ""


def test_a_refusal_carries_its_message_id_and_values():
    with pytest.raises(photo_rules.PhotoRefused) as info:
        photo_rules.check_min_size(200, 260)
    refusal = info.value
    assert refusal.msgid == "error_photo_too_small"
    assert refusal.mapping["width"] == 200
    assert refusal.message == (
        "La photo est trop petite : 350 × 450 pixels au minimum (reçue : 200 × 260)."
    )
    error = PhotoError.refused(refusal)
    assert error.status == 400
    assert error.message == "error_photo_too_small"  # an i18n message id
    assert error.message.domain == "sirhp"
    assert interpolate(error.message.default, error.message.mapping) == (
        refusal.message
    )
    empty = PhotoError.refused(photo_rules.MSG_EMPTY).message
    assert (empty, empty.default) == ("error_photo_empty", "Le fichier est vide.")
