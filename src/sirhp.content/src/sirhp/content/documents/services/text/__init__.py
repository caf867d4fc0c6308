"""POST <document>/@text: the text worker stores the text, or the failure."""
