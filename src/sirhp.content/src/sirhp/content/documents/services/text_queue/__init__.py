"""GET <site>/@text-queue: documents waiting for their text."""
