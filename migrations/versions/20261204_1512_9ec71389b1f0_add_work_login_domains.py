"""Add work_login_domains: e-mail domains whose people must log in with the work account.

Revision ID: 9ec71389b1f0
Revises: 2ad0f7103206
Create Date: 2026-12-04 15:12:39.161888

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9ec71389b1f0'
down_revision = '2ad0f7103206'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('work_login_domains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=253), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_work_login_domains_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_login_domains')),
    sa.UniqueConstraint('domain', name=op.f('uq_work_login_domains_domain'))
    )


def downgrade():
    op.drop_table('work_login_domains')
