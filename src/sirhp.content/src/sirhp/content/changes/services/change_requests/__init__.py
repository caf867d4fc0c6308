"""``@change-requests``: a file's requests (GET, POST), the review queue
(GET on the site)."""
