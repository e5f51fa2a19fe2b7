"""Add stories, ideas, commitments, vurderingskrysset and facilitator milestones.

Revision ID: 003d838bb417
Revises: d6f41b6730ee
Create Date: 2026-11-23 04:49:04.723564

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '003d838bb417'
down_revision = 'd6f41b6730ee'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('facilitator_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_facilitator_milestones_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitator_milestones')),
    sa.UniqueConstraint('network_id', 'title', name=op.f('uq_facilitator_milestones_network_id_title'))
    )
    with op.batch_alter_table('facilitator_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facilitator_milestones_network_id'), ['network_id'], unique=False)

    op.create_table('assessment_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('quadrant', sa.Enum('achieved', 'why', 'take_hold', 'how', name='quadrant', native_enum=False, length=32), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['gathering_id'], ['gatherings.id'], name=op.f('fk_assessment_items_gathering_id_gatherings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_assessment_items_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_items'))
    )
    with op.batch_alter_table('assessment_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_items_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_items_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'done', 'partly', 'not_done', name='commitmentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('follow_up_comment', sa.Text(), nullable=False),
    sa.Column('followed_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('followed_up_gathering_id', sa.Integer(), nullable=True),
    sa.Column('followed_up_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['followed_up_by_id'], ['users.id'], name=op.f('fk_commitments_followed_up_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['followed_up_gathering_id'], ['gatherings.id'], name=op.f('fk_commitments_followed_up_gathering_id_gatherings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['gathering_id'], ['gatherings.id'], name=op.f('fk_commitments_gathering_id_gatherings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_commitments_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_commitments_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_network_id'), ['network_id'], unique=False)

    op.create_table('milestone_ticks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('reached_on', sa.Date(), nullable=True),
    sa.Column('evidence_url', sa.String(length=500), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['facilitator_milestones.id'], name=op.f('fk_milestone_ticks_milestone_id_facilitator_milestones'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_milestone_ticks_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone_ticks')),
    sa.UniqueConstraint('milestone_id', 'municipality_id', name=op.f('uq_milestone_ticks_milestone_id_municipality_id'))
    )
    with op.batch_alter_table('milestone_ticks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_ticks_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_ticks_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('stories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('done_text', sa.Text(), nullable=False),
    sa.Column('learned_text', sa.Text(), nullable=False),
    sa.Column('smart_text', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='storystatus', native_enum=False, length=32), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('poster_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_stories_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['gathering_id'], ['gatherings.id'], name=op.f('fk_stories_gathering_id_gatherings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_stories_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_stories_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['poster_id'], ['stored_files.id'], name=op.f('fk_stories_poster_id_stored_files'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stories'))
    )
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stories_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_network_id'), ['network_id'], unique=False)

    op.create_table('story_ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('idea', 'question', name='ideakind', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_municipality_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('taken_home_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('taken_home_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_story_ideas_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_municipality_id'], ['municipalities.id'], name=op.f('fk_story_ideas_author_municipality_id_municipalities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_story_ideas_story_id_stories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['taken_home_by_id'], ['users.id'], name=op.f('fk_story_ideas_taken_home_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_ideas'))
    )
    with op.batch_alter_table('story_ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_ideas_story_id'), ['story_id'], unique=False)

    op.create_table('story_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.Enum('anchoring', 'employee_involvement', 'party_cooperation', 'mapping', 'working_time', 'task_sharing', 'competence', 'leadership', 'welfare_technology', 'volunteering', 'resource_groups', 'recruitment', name='theme', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_story_themes_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_themes')),
    sa.UniqueConstraint('story_id', 'theme', name=op.f('uq_story_themes_story_id_theme'))
    )
    with op.batch_alter_table('story_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_themes_story_id'), ['story_id'], unique=False)



def downgrade():
    with op.batch_alter_table('story_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_themes_story_id'))

    op.drop_table('story_themes')
    with op.batch_alter_table('story_ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_ideas_story_id'))

    op.drop_table('story_ideas')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stories_network_id'))
        batch_op.drop_index(batch_op.f('ix_stories_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_stories_gathering_id'))

    op.drop_table('stories')
    with op.batch_alter_table('milestone_ticks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_ticks_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_milestone_ticks_milestone_id'))

    op.drop_table('milestone_ticks')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_network_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_gathering_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('assessment_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_items_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_items_gathering_id'))

    op.drop_table('assessment_items')
    with op.batch_alter_table('facilitator_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facilitator_milestones_network_id'))

    op.drop_table('facilitator_milestones')
