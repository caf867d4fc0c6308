"""Professional badges (cartes professionnelles) as one PDF.

The adapter of reportlab for the badge domain (no Zope import): the faces
of a card are drawn by ``card_faces.py``, where things go is
``card_layout.py``. ``render_cards`` draws one PDF for a batch of cards,
either:

* ``layout="card"``: two CR80 pages per card (front, then back), for card
  printers printing duplex;
* ``layout="a4"``: A4 sheets of 10 cards with cut marks; each sheet of fronts
  is followed by the sheet of backs, mirrored so that a duplex print on the
  long edge puts every back behind its front.
"""

from contextlib import contextmanager
import io
from reportlab import rl_config
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sirhp.content.badges import rules
from sirhp.content.badges.card_faces import draw_back
from sirhp.content.badges.card_faces import draw_front
from sirhp.content.badges.card_faces import photo_reader
from sirhp.content.badges.card_layout import a4_cut_marks
from sirhp.content.badges.card_layout import a4_positions
from sirhp.content.badges.card_layout import CARD_W
from sirhp.content.badges.card_layout import CardData
from sirhp.content.badges.card_layout import CR80


def _render_card_layout(c: Canvas, cards: list[CardData]) -> None:
    for card in cards:
        draw_front(c, card, photo_reader(card))
        c.showPage()
        draw_back(c, card)
        c.showPage()


def _render_a4_layout(c: Canvas, cards: list[CardData]) -> None:
    """Sheets of 10 fronts (with cut marks), each followed by its backs.

    Cut marks are drawn on the fronts only: a duplex print never lines up to
    the tenth of a millimetre, two sets of marks would mislead the cutter.
    """
    page_w = A4[0]
    positions = a4_positions()
    cut_marks = a4_cut_marks()
    per_sheet = len(positions)
    for start in range(0, len(cards), per_sheet):
        sheet = cards[start : start + per_sheet]
        for index, card in enumerate(sheet):
            x, y = positions[index]
            c.setStrokeColor(black)
            c.setLineWidth(0.25)
            for line in cut_marks[index]:
                c.line(*line)
            c.saveState()
            c.translate(x, y)
            draw_front(c, card, photo_reader(card))
            c.restoreState()
        c.showPage()
        for index, card in enumerate(sheet):
            x, y = positions[index]
            # Mirrored: duplex on the long edge flips the sheet left-right.
            c.saveState()
            c.translate(page_w - x - CARD_W, y)
            draw_back(c, card)
            c.restoreState()
        c.showPage()


@contextmanager
def _binary_streams():
    """Write PDF streams in binary, without the ASCII85 text encoding.

    reportlab encodes images and pages in ASCII85 by default, in pure Python
    unless the optional ``rl_accel`` C extension is installed: about a third of
    the rendering time. ``rl_config.useA85`` is a process-wide setting: it is
    switched off only while rendering; both values give valid PDFs, so another
    thread rendering at the same time is not harmed.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def render_cards(cards: list[CardData], layout: str = "card") -> bytes:
    """One PDF with the front and back of every card of ``cards``.

    ``layout``: "card" (CR80 pages, front then back of each card) or "a4"
    (sheets of 10 fronts with cut marks, each followed by the mirrored backs).
    Raises ValueError for an unknown layout, an empty list or an unreadable
    photo (the message names the card).
    """
    if not rules.is_print_layout(layout):
        raise ValueError(
            f"Unknown layout {layout!r}: use one of {rules.PRINT_LAYOUTS}."
        )
    if not cards:
        raise ValueError("No card to render.")
    out = io.BytesIO()
    with _binary_streams():
        c = Canvas(out, pagesize=CR80 if layout == "card" else A4, pageCompression=1)
        c.setTitle("Cartes professionnelles")
        c.setAuthor("SIRHP")
        c.setCreator("SIRHP")
        if layout == "card":
            _render_card_layout(c, cards)
        else:
            _render_a4_layout(c, cards)
        c.save()
    return out.getvalue()
