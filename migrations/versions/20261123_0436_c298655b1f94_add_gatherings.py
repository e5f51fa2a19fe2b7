"""Add gatherings (samlinger) of a network.

Revision ID: c298655b1f94
Revises: 603109f34b89
Create Date: 2026-11-23 04:36:32.093801

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c298655b1f94'
down_revision = '603109f34b89'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('gatherings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('network', 'coordinator', 'digital', name='gatheringkind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.String(length=500), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'published', 'held', name='gatheringstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_gatherings_dates_in_order')),
    sa.CheckConstraint('number > 0', name=op.f('ck_gatherings_number_positive')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_gatherings_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gatherings')),
    sa.UniqueConstraint('network_id', 'kind', 'number', name=op.f('uq_gatherings_network_id_kind_number'))
    )
    with op.batch_alter_table('gatherings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gatherings_network_id'), ['network_id'], unique=False)



def downgrade():
    with op.batch_alter_table('gatherings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gatherings_network_id'))

    op.drop_table('gatherings')
