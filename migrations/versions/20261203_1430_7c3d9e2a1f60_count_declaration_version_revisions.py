"""Count the saves and steps of a declaration version, so a stale save or step is refused.

Revision ID: 7c3d9e2a1f60
Revises: f589af506c05
Create Date: 2026-12-03 14:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3d9e2a1f60'
down_revision = 'f589af506c05'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('declaration_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('declaration_versions', schema=None) as batch_op:
        batch_op.drop_column('revision')
