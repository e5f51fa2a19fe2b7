"""Rename declaration_steps to declaration_transitions: one word for a status change.

The model is DeclarationTransition, the page and the API post `…/transitions`; the table, its
index, its constraints and sequence (PostgreSQL) and the audit records follow.

Revision ID: ca52f10aa474
Revises: 9e3c51a7d2b4
Create Date: 2026-12-03 18:00:00.000000
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "ca52f10aa474"
down_revision = "9e3c51a7d2b4"
branch_labels = None
depends_on = None

OLD, NEW = "declaration_steps", "declaration_transitions"
# Constraint names by suffix (the naming convention's): SQLite keeps the old names, which it
# does not use; PostgreSQL renames them.
CONSTRAINTS = ("pk_{}", "fk_{}_actor_id_users", "fk_{}_version_id_declaration_versions")


def _rename(old: str, new: str) -> None:
    op.rename_table(old, new)
    op.drop_index(f"ix_{old}_version_id", table_name=new)
    op.create_index(f"ix_{new}_version_id", new, ["version_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for name in CONSTRAINTS:
            op.execute(
                f"ALTER TABLE {new} RENAME CONSTRAINT {name.format(old)} TO {name.format(new)}"
            )
        op.execute(f"ALTER SEQUENCE IF EXISTS {old}_id_seq RENAME TO {new}_id_seq")
    op.execute(f"UPDATE audit_events SET object_type = '{new}' WHERE object_type = '{old}'")


def upgrade():
    _rename(OLD, NEW)


def downgrade():
    _rename(NEW, OLD)
