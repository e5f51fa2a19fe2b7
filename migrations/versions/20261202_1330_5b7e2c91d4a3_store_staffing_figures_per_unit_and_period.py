"""Store staffing figures as one row per unit and period, the values in a JSON column.

Revision ID: 5b7e2c91d4a3
Revises: 14414e472f87
Create Date: 2026-12-02 13:30:00.000000

The old table held one row per value (three foreign-key checks each); the stored values are
carried over in both directions, grouped by municipality, unit and period.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '5b7e2c91d4a3'
down_revision = '14414e472f87'
branch_labels = None
depends_on = None

FIGURES = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
KEY = ('municipality_id', 'unit_id', 'period')


def _table(*columns):
    return sa.table(
        'staffing_measurements',
        sa.column('municipality_id', sa.Integer()),
        sa.column('unit_id', sa.Integer()),
        sa.column('period', sa.String()),
        sa.column('updated_at', sa.DateTime(timezone=True)),
        sa.column('updated_by_id', sa.Integer()),
        *columns,
    )


LONG = _table(sa.column('indicator', sa.String()), sa.column('value', sa.Float()))
WIDE = _table(sa.column('figures', FIGURES))


def _foreign_keys():
    return [
        sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_staffing_measurements_municipality_id_municipalities'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_staffing_measurements_unit_id_units'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_staffing_measurements_updated_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_measurements')),
    ]


def _columns():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('period', sa.String(length=8), nullable=False),
    ]


def _stamps():
    return [
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
    ]


def upgrade():
    connection = op.get_bind()
    grouped = {}
    for row in connection.execute(sa.select(LONG).order_by(LONG.c.updated_at)).mappings():
        key = tuple(row[k] for k in KEY)
        record = grouped.setdefault(key, {**dict(zip(KEY, key)), 'figures': {}})
        record['figures'][row['indicator']] = row['value']
        record['updated_at'] = row['updated_at']  # the latest change of the group
        record['updated_by_id'] = row['updated_by_id']
    with op.batch_alter_table('staffing_measurements', schema=None) as batch_op:
        batch_op.drop_index('ix_staffing_measurements_key')
        batch_op.drop_index(batch_op.f('ix_staffing_measurements_unit_id'))
    op.drop_table('staffing_measurements')

    op.create_table('staffing_measurements',
    *_columns(),
    sa.Column('figures', FIGURES, nullable=False),
    *_stamps(),
    *_foreign_keys(),
    )
    with op.batch_alter_table('staffing_measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_measurements_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('uq_staffing_measurements_unit_period', ['municipality_id', 'unit_id', 'period'], unique=True)
        batch_op.create_index('uq_staffing_measurements_whole_period', ['municipality_id', 'period'], unique=True, sqlite_where=sa.text('unit_id IS NULL'), postgresql_where=sa.text('unit_id IS NULL'))
    if grouped:
        op.bulk_insert(WIDE, list(grouped.values()))


def downgrade():
    connection = op.get_bind()
    values = [
        {**{k: row[k] for k in (*KEY, 'updated_at', 'updated_by_id')}, 'indicator': code, 'value': float(value)}
        for row in connection.execute(sa.select(WIDE)).mappings()
        for code, value in (row['figures'] or {}).items()
    ]
    with op.batch_alter_table('staffing_measurements', schema=None) as batch_op:
        batch_op.drop_index('uq_staffing_measurements_whole_period', sqlite_where=sa.text('unit_id IS NULL'), postgresql_where=sa.text('unit_id IS NULL'))
        batch_op.drop_index('uq_staffing_measurements_unit_period')
        batch_op.drop_index(batch_op.f('ix_staffing_measurements_unit_id'))
    op.drop_table('staffing_measurements')

    op.create_table('staffing_measurements',
    *_columns(),
    sa.Column('indicator', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    *_stamps(),
    *_foreign_keys(),
    )
    with op.batch_alter_table('staffing_measurements', schema=None) as batch_op:
        batch_op.create_index('ix_staffing_measurements_key', ['municipality_id', 'period', 'unit_id', 'indicator'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_measurements_unit_id'), ['unit_id'], unique=False)
    if values:
        op.bulk_insert(LONG, values)
