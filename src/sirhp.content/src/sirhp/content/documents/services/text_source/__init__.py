"""GET <document>/@text-source: the stored PDF, for the text worker."""
