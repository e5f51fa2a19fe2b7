"""The audit log: automatic change capture and the admins' browser."""
