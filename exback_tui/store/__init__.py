"""The SQLite journal: models, opening and migrating the file, and the Journal service."""
