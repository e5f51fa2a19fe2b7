"""Add full-time declarations: versions, workflow steps, signatories and comments.

Revision ID: f56d3b000a57
Revises: 849e4beaf4f6
Create Date: 2026-11-23 04:47:47.956934

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "f56d3b000a57"
down_revision = "849e4beaf4f6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_declarations_municipality_id_municipalities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declarations")),
        sa.UniqueConstraint("municipality_id", name=op.f("uq_declarations_municipality_id")),
    )
    op.create_table(
        "declaration_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "consultation",
                "approved",
                "adopted",
                "published",
                name="status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "definition_kind",
            sa.Enum(
                "full",
                "at_least_80",
                "ssb_over_90",
                "other",
                name="definitionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("threshold_percent", sa.Double(), nullable=True),
        sa.Column("background", sa.Text(), nullable=False),
        sa.Column("definition_text", sa.Text(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("principles", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("approved_by_body", sa.String(length=200), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("adopted_by_body", sa.String(length=200), nullable=False),
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_declaration_versions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
            name=op.f("fk_declaration_versions_declaration_id_declarations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaration_versions")),
        sa.UniqueConstraint(
            "declaration_id", "number", name=op.f("uq_declaration_versions_declaration_id_number")
        ),
    )
    with op.batch_alter_table("declaration_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_declaration_versions_declaration_id"), ["declaration_id"], unique=False
        )

    op.create_table(
        "declaration_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_declaration_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_declaration_comments_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["declaration_versions.id"],
            name=op.f("fk_declaration_comments_version_id_declaration_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaration_comments")),
    )
    with op.batch_alter_table("declaration_comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_declaration_comments_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "declaration_signatories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["declaration_versions.id"],
            name=op.f("fk_declaration_signatories_version_id_declaration_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaration_signatories")),
    )
    with op.batch_alter_table("declaration_signatories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_declaration_signatories_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "declaration_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "draft",
                "consultation",
                "approved",
                "adopted",
                "published",
                name="status",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "draft",
                "consultation",
                "approved",
                "adopted",
                "published",
                name="status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_declaration_steps_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["declaration_versions.id"],
            name=op.f("fk_declaration_steps_version_id_declaration_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaration_steps")),
    )
    with op.batch_alter_table("declaration_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_declaration_steps_version_id"), ["version_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("declaration_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_steps_version_id"))

    op.drop_table("declaration_steps")
    with op.batch_alter_table("declaration_signatories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_signatories_version_id"))

    op.drop_table("declaration_signatories")
    with op.batch_alter_table("declaration_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_comments_version_id"))

    op.drop_table("declaration_comments")
    with op.batch_alter_table("declaration_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_versions_declaration_id"))

    op.drop_table("declaration_versions")
    op.drop_table("declarations")
