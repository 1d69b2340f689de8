"""Readers: bytes -> model. Pure functions, no I/O."""
