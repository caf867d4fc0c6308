"""A candidate added by any path (the API, Plone's add form, a REST POST
on the campaign) has a well-formed NINA no other candidate of its campaign
has: the API's check, run on the event."""

from sirhp.content.recruitment import api


def check_added_candidate(candidate, event):
    api.check_unique_nina(candidate)
