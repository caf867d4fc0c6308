"""The référentiels of the statute, as HR managers edit them."""
