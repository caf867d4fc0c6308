"""Catalog indexers: what search and listings know of each object.

Sensitive fields (blood group, medical notes) are never indexed nor stored as
metadata: the catalog is readable far more widely than those fields.
"""
