"""Add staffing indicators: measurements, import mappings and pending imports.

Revision ID: 14414e472f87
Revises: 512fc5c6b78d
Create Date: 2026-11-23 04:49:28.228624

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '14414e472f87'
down_revision = '512fc5c6b78d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staffing_import_mappings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('columns', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_staffing_import_mappings_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_import_mappings')),
    sa.UniqueConstraint('municipality_id', name=op.f('uq_staffing_import_mappings_municipality_id'))
    )
    op.create_table('staffing_pending_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('percent_as_fraction', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_staffing_pending_imports_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staffing_pending_imports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_pending_imports'))
    )
    with op.batch_alter_table('staffing_pending_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_pending_imports_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('staffing_measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('indicator', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_staffing_measurements_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_staffing_measurements_unit_id_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_staffing_measurements_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_measurements'))
    )
    with op.batch_alter_table('staffing_measurements', schema=None) as batch_op:
        batch_op.create_index('ix_staffing_measurements_key', ['municipality_id', 'period', 'unit_id', 'indicator'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_measurements_unit_id'), ['unit_id'], unique=False)


def downgrade():
    with op.batch_alter_table('staffing_measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_measurements_unit_id'))
        batch_op.drop_index('ix_staffing_measurements_key')

    op.drop_table('staffing_measurements')
    with op.batch_alter_table('staffing_pending_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_pending_imports_municipality_id'))

    op.drop_table('staffing_pending_imports')
    op.drop_table('staffing_import_mappings')
