"""Writers: model -> bytes or rows. Pure functions, no I/O."""
