"""Add the idea bank: its cases, the word index of cases and open stories, and a story's choice to open itself to every network.

Revision ID: 8ea4b67a867b
Revises: 389d61567c24
Create Date: 2026-12-03 21:31:00.900485
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8ea4b67a867b'
down_revision = '389d61567c24'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=160), nullable=False),
    sa.Column('county', sa.String(length=100), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('theme_list', sa.String(length=300), nullable=False),
    sa.Column('arrangement', sa.Enum('long_shifts', 'annual_rota', 'resource_pool', 'rolling_rota', 'flat_staffing', 'oil_rota', 'day_evening_weeks', name='arrangement', native_enum=False, length=32), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('done_text', sa.Text(), nullable=False),
    sa.Column('results_text', sa.Text(), nullable=False),
    sa.Column('contact_role', sa.String(length=200), nullable=False),
    sa.Column('sources', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('population IS NULL OR population >= 0', name=op.f('ck_cases_case_population')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_cases_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_cases_municipality_id_municipalities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('key', name=op.f('uq_cases_key'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_county'), ['county'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('bank_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('story_id', sa.Integer(), nullable=True),
    sa.Column('term', sa.String(length=80), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_bank_terms_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_bank_terms_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_terms'))
    )
    with op.batch_alter_table('bank_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_terms_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_terms_story_id'), ['story_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_terms_term'), ['term'], unique=False)

    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('open_to_all', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_column('open_to_all')

    with op.batch_alter_table('bank_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_terms_term'))
        batch_op.drop_index(batch_op.f('ix_bank_terms_story_id'))
        batch_op.drop_index(batch_op.f('ix_bank_terms_case_id'))

    op.drop_table('bank_terms')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_cases_county'))

    op.drop_table('cases')
