"""Cross-cutting pieces: language, security headers, errors, mail, pagination."""
