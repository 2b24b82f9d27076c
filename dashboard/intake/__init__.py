"""Intake: analyst uploads (checks, archive, manifest) and sign-in."""
