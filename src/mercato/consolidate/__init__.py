"""consolidate stage."""
