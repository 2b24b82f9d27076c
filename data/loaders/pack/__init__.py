"""Pieces of the public data pack loader (data/loaders/public_pack.py): one module per concern."""
