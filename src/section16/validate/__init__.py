"""Validation: model -> findings. Pure functions, no I/O."""
