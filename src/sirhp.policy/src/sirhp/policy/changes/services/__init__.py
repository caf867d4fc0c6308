"""REST of the officer's pages (the change requests' own services are in
``sirhp.content.changes.services``)."""
