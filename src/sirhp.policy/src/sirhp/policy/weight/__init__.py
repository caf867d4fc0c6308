"""Page weight: what regional offices on 256 kbit/s links download.

``compression`` gzips text responses in the WSGI pipeline (zope.ini),
``caching`` gives versioned static bundles a long lifetime and keeps
personnel pages out of shared caches.
"""
