"""Events of tableaux d'avancement."""

from sirhp.content.promotion.api import check_table
from sirhp.content.promotion.api import PromotionError
from zExceptions import BadRequest


def check_saved_table(table, event):
    """A table saved by any channel (the API, the generic add and edit
    forms, REST) has valid settings: the API's one check."""
    try:
        check_table(table)
    except PromotionError as error:
        raise BadRequest(error.text()) from None
