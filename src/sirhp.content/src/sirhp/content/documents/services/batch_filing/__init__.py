"""POST <agency>/@batch-filing: the "Classement par lot" of a scanned stack."""
