"""The personnel-file pages: home work list, agency listing, unit, file
page, history, transition form."""
