"""Give workbook chapters an opening time: a draft until then; existing chapters are open.

Revision ID: 90dede0c0db6
Revises: 0cf0bf3e5c46
Create Date: 2026-12-03 20:18:13.264269
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '90dede0c0db6'
down_revision = "0cf0bf3e5c46"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workbook_chapters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opens_at', sa.DateTime(timezone=True), nullable=True))
    # Chapters made before the draft step were answerable at once: open since they were made.
    op.execute("UPDATE workbook_chapters SET opens_at = created_at WHERE opens_at IS NULL")


def downgrade():
    with op.batch_alter_table('workbook_chapters', schema=None) as batch_op:
        batch_op.drop_column('opens_at')
