"""Users, roles, logging in and out, password links and API tokens."""
