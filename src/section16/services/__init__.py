"""Use cases that combine reading, writing and I/O: reading files, exporting, ingesting, syncing."""
