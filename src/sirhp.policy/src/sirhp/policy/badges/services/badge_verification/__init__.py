"""``@badge-verification`` on the site: the public check over REST."""
