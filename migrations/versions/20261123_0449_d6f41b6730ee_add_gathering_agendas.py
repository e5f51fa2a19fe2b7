"""Add agendas, methods, materials and registrations to gatherings.

Revision ID: d6f41b6730ee
Revises: f56d3b000a57
Create Date: 2026-11-23 04:49:45.551491

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd6f41b6730ee'
down_revision = 'f56d3b000a57'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('gathering_methods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('steps', sa.Text(), nullable=False),
    sa.Column('roles', sa.String(length=300), nullable=False),
    sa.Column('timing', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gathering_methods')),
    sa.UniqueConstraint('name', name=op.f('uq_gathering_methods_name'))
    )
    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('welcome', 'talk', 'plenary', 'group_work', 'municipality_work', 'reflection', 'break', 'meal', 'other', name='agendakind', native_enum=False, length=32), nullable=False),
    sa.Column('speaker', sa.String(length=300), nullable=False),
    sa.Column('method_id', sa.Integer(), nullable=True),
    sa.Column('steps', sa.Text(), nullable=False),
    sa.Column('roles', sa.String(length=300), nullable=False),
    sa.Column('timing', sa.String(length=200), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('duration_minutes > 0', name=op.f('ck_agenda_items_duration_positive')),
    sa.ForeignKeyConstraint(['gathering_id'], ['gatherings.id'], name=op.f('fk_agenda_items_gathering_id_gatherings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['method_id'], ['gathering_methods.id'], name=op.f('fk_agenda_items_method_id_gathering_methods'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_method_id'), ['method_id'], unique=False)

    op.create_table('gathering_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('days', sa.JSON(), nullable=False),
    sa.Column('dinner', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['gathering_id'], ['gatherings.id'], name=op.f('fk_gathering_registrations_gathering_id_gatherings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_gathering_registrations_municipality_id_municipalities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_gathering_registrations_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gathering_registrations')),
    sa.UniqueConstraint('gathering_id', 'email', name=op.f('uq_gathering_registrations_gathering_id_email'))
    )
    with op.batch_alter_table('gathering_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gathering_registrations_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gathering_registrations_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gathering_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('agenda_materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_agenda_materials_file_id_stored_files'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_agenda_materials_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_materials'))
    )
    with op.batch_alter_table('agenda_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_materials_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_materials_item_id'), ['item_id'], unique=False)
    with op.batch_alter_table('gatherings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('preparation', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('changes_reserved', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('day_ends_at', sa.Time(), nullable=False, server_default='17:30:00'))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('gatherings', schema=None) as batch_op:
        batch_op.drop_column('published_at')
        batch_op.drop_column('day_ends_at')
        batch_op.drop_column('changes_reserved')
        batch_op.drop_column('preparation')
        batch_op.drop_column('registration_deadline')

    with op.batch_alter_table('agenda_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_materials_item_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_materials_file_id'))

    op.drop_table('agenda_materials')
    with op.batch_alter_table('gathering_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gathering_registrations_user_id'))
        batch_op.drop_index(batch_op.f('ix_gathering_registrations_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_gathering_registrations_gathering_id'))

    op.drop_table('gathering_registrations')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_method_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_gathering_id'))

    op.drop_table('agenda_items')
    op.drop_table('gathering_methods')
