"""Writes of the signature workflow: signing, freezing versions, avenants."""
