"""Work lists that explain themselves (pages): a file with its records
submitted or validated together, the notice of a rejection on the item.
The rules are those of ``sirhp.content.worklists.api``."""
