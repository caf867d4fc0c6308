"""From a Badge to its printed card, and batches of cards.

At printing, the badge keeps a snapshot of what its card shows (name, grade,
agency, validity, a small photo): the public verification page answers from
the badge alone, shows what is printed on the card in the citizen's hands,
and never opens the personnel file.
"""

from datetime import date
from plone import api
from sirhp.content.content.records import parent_file
from sirhp.content.content.records import term_title
from sirhp.content.domain import card as card_rules
from sirhp.content.domain import photo as photo_rules
from sirhp.content.vocabularies.units import find_agency
from sirhp.policy import config
from sirhp.policy.badges.secret import verification_url
from zope.i18n import translate

ACCENT = "#C9A227"


def _agency_spec(agency_id):
    for spec in config.AGENCIES:
        if spec["id"] == agency_id:
            return spec
    return config.AGENCIES[0]


def _unit_title(file):
    relation = getattr(file, "unit", None)
    if relation is None or relation.isBroken():
        return ""
    return relation.to_object.Title()


def card_data(badge):
    """The ``CardData`` of ``badge`` (data of its file, as of now)."""
    file = parent_file(badge)
    agency = find_agency(badge)
    spec = _agency_spec(agency.getId() if agency is not None else None)
    photo = getattr(file, "photo", None)
    return card_rules.CardData(
        agency_title=agency.Title() if agency is not None else spec["title"],
        agency_code=spec["short_name"],
        colour=spec["primary_color"],
        accent=ACCENT,
        full_name=file.full_name,
        grade=translate(
            term_title("sirhp.content.grades", file.grade, file),
            target_language="fr",
        ),
        matricule=file.matricule,
        unit=_unit_title(file),
        card_number=badge.card_number,
        issue_date=badge.issue_date or date.today(),
        expiry_date=badge.expiry_date or date.today(),
        verification_url=verification_url(badge),
        photo=photo.data if photo is not None else None,
    )


def snapshot(badge, data):
    """Keep on the badge what the public page may show of its card."""
    badge.holder_name = data.full_name
    badge.holder_grade = data.grade
    badge.holder_agency = data.agency_title
    badge.holder_photo = photo_rules.thumbnail(data.photo) if data.photo else None


def print_badges(badges, layout="card"):
    """Fire ``print`` on the requested badges, draw every card, return the PDF.

    The caller has checked that the user may print each badge (the workflow
    guard checks it again). Badges already printed are reprinted as they are.
    """
    cards = []
    for badge in badges:
        if api.content.get_state(badge) == "requested":
            api.content.transition(obj=badge, transition="print")
        data = card_data(badge)
        snapshot(badge, data)
        cards.append(data)
    return card_rules.render_cards(cards, layout=layout)
