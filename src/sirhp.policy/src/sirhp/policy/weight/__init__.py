"""Page weight: what regional offices on 256 kbit/s links download.

``compression`` gzips text responses in the WSGI pipeline (zope.ini),
``caching`` gives versioned static bundles a long lifetime and keeps
personnel pages out of shared caches, ``scripts`` keeps Plone's JavaScript
off the login page and Mon dossier.
"""

from AccessControl import ModuleSecurityInfo

# the ``plone`` bundle's expression calls it (restricted Python)
ModuleSecurityInfo("sirhp.policy.weight.scripts").declarePublic("needs_scripts")
