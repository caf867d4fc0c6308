"""POST <document>/@text-retry: queue the text extraction again."""
