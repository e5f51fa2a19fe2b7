"""Uploaded files: checked on the way in, stored in the database, served only to those allowed."""
