"""Add workbooks: chapters, prompts, deliveries, answers and every saved version.

Revision ID: 512fc5c6b78d
Revises: 003d838bb417
Create Date: 2026-11-23 04:50:10.537117

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '512fc5c6b78d'
down_revision = '003d838bb417'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('workbook_chapters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('opens_after_gathering_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('template_key', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_workbook_chapters_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opens_after_gathering_id'], ['gatherings.id'], name=op.f('fk_workbook_chapters_opens_after_gathering_id_gatherings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workbook_chapters')),
    sa.UniqueConstraint('network_id', 'number', name=op.f('uq_workbook_chapters_network_id_number'))
    )
    with op.batch_alter_table('workbook_chapters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workbook_chapters_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workbook_chapters_opens_after_gathering_id'), ['opens_after_gathering_id'], unique=False)

    op.create_table('workbook_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chapter_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'submitted', 'feedback_given', name='deliverystatus', native_enum=False, length=32), nullable=False),
    sa.Column('shared_with_network', sa.Boolean(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.Column('feedback_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('feedback_by_id', sa.Integer(), nullable=True),
    sa.Column('last_change_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chapter_id'], ['workbook_chapters.id'], name=op.f('fk_workbook_deliveries_chapter_id_workbook_chapters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['feedback_by_id'], ['users.id'], name=op.f('fk_workbook_deliveries_feedback_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_workbook_deliveries_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_workbook_deliveries_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workbook_deliveries')),
    sa.UniqueConstraint('chapter_id', 'municipality_id', name=op.f('uq_workbook_deliveries_chapter_id_municipality_id'))
    )
    with op.batch_alter_table('workbook_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workbook_deliveries_chapter_id'), ['chapter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workbook_deliveries_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('workbook_prompts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chapter_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('text', 'smart', 'ranked', 'scale', 'choice', 'table', name='promptkind', native_enum=False, length=32), nullable=False),
    sa.Column('label', sa.String(length=500), nullable=False),
    sa.Column('help_text', sa.Text(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chapter_id'], ['workbook_chapters.id'], name=op.f('fk_workbook_prompts_chapter_id_workbook_chapters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workbook_prompts'))
    )
    with op.batch_alter_table('workbook_prompts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workbook_prompts_chapter_id'), ['chapter_id'], unique=False)

    op.create_table('workbook_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_workbook_answers_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prompt_id'], ['workbook_prompts.id'], name=op.f('fk_workbook_answers_prompt_id_workbook_prompts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_workbook_answers_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workbook_answers')),
    sa.UniqueConstraint('prompt_id', 'municipality_id', name=op.f('uq_workbook_answers_prompt_id_municipality_id'))
    )
    with op.batch_alter_table('workbook_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workbook_answers_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workbook_answers_prompt_id'), ['prompt_id'], unique=False)

    op.create_table('workbook_answer_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['workbook_answers.id'], name=op.f('fk_workbook_answer_versions_answer_id_workbook_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_workbook_answer_versions_author_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workbook_answer_versions')),
    sa.UniqueConstraint('answer_id', 'version', name=op.f('uq_workbook_answer_versions_answer_id_version'))
    )
    with op.batch_alter_table('workbook_answer_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workbook_answer_versions_answer_id'), ['answer_id'], unique=False)



def downgrade():
    with op.batch_alter_table('workbook_answer_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workbook_answer_versions_answer_id'))

    op.drop_table('workbook_answer_versions')
    with op.batch_alter_table('workbook_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workbook_answers_prompt_id'))
        batch_op.drop_index(batch_op.f('ix_workbook_answers_municipality_id'))

    op.drop_table('workbook_answers')
    with op.batch_alter_table('workbook_prompts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workbook_prompts_chapter_id'))

    op.drop_table('workbook_prompts')
    with op.batch_alter_table('workbook_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workbook_deliveries_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_workbook_deliveries_chapter_id'))

    op.drop_table('workbook_deliveries')
    with op.batch_alter_table('workbook_chapters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workbook_chapters_opens_after_gathering_id'))
        batch_op.drop_index(batch_op.f('ix_workbook_chapters_network_id'))

    op.drop_table('workbook_chapters')
