"""Batch ingest on an existing engine: Ray Data runs read -> clean -> extract over a large corpus."""
