"""Stories (GJORT-LÆRT-LURT) told at a gathering, their themes and the ideas others leave."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type, utcnow
from heltidnett.extensions import Model
from heltidnett.stories import permissions

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.files.models import StoredFile
    from heltidnett.gatherings.models import Gathering
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


class Theme(enum.StrEnum):
    """The fixed list of themes a story can be tagged with."""

    ANCHORING = "anchoring"
    EMPLOYEE_INVOLVEMENT = "employee_involvement"
    PARTY_COOPERATION = "party_cooperation"
    MAPPING = "mapping"
    WORKING_TIME = "working_time"
    TASK_SHARING = "task_sharing"
    COMPETENCE = "competence"
    LEADERSHIP = "leadership"
    WELFARE_TECHNOLOGY = "welfare_technology"
    VOLUNTEERING = "volunteering"
    RESOURCE_GROUPS = "resource_groups"
    RECRUITMENT = "recruitment"


class StoryStatus(enum.StrEnum):
    """draft → published."""

    DRAFT = "draft"
    PUBLISHED = "published"


class IdeaKind(enum.StrEnum):
    """An idea for the host municipality, or a question to it."""

    IDEA = "idea"
    QUESTION = "question"


class Story(TimestampMixin, Model):
    """One municipality's GJORT-LÆRT-LURT story, told at one gathering."""

    __tablename__ = "stories"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    gathering_id: Mapped[int] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    done_text: Mapped[str] = mapped_column(sa.Text, default="")
    learned_text: Mapped[str] = mapped_column(sa.Text, default="")
    smart_text: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[StoryStatus] = mapped_column(enum_type(StoryStatus), default=StoryStatus.DRAFT)
    published_at: Mapped[datetime | None]
    # The municipality's choice to show the published story in the national idea bank.
    open_to_all: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    poster_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stored_files.id", ondelete="SET NULL")
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    network: Mapped[Network] = relationship()
    municipality: Mapped[Municipality] = relationship()
    gathering: Mapped[Gathering] = relationship()
    poster: Mapped[StoredFile | None] = relationship()
    author: Mapped[User | None] = relationship()
    theme_rows: Mapped[list[StoryTheme]] = relationship(
        back_populates="story", cascade="all, delete-orphan"
    )
    ideas: Mapped[list[Idea]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="Idea.created_at"
    )

    @property
    def themes(self) -> list[Theme]:
        """The story's themes in the order of the fixed list."""
        chosen = {row.theme for row in self.theme_rows}
        return [theme for theme in Theme if theme in chosen]

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_story(self, user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_story(self, user)

    def __repr__(self) -> str:
        return f"<Story {self.id} {self.title}>"


class StoryTheme(Model):
    """One theme of a story."""

    __tablename__ = "story_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        sa.ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[Theme] = mapped_column(enum_type(Theme))

    story: Mapped[Story] = relationship(back_populates="theme_rows")

    __table_args__ = (sa.UniqueConstraint("story_id", "theme"),)


class Idea(Model):
    """An idea or a question another member leaves on a story; the host may take it home."""

    __tablename__ = "story_ideas"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        sa.ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[IdeaKind] = mapped_column(enum_type(IdeaKind), default=IdeaKind.IDEA)
    text: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    author_municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    taken_home_at: Mapped[datetime | None]
    taken_home_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # A question's answer from the host municipality (or the network's facilitator).
    answer: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    story: Mapped[Story] = relationship(back_populates="ideas")
    # Loaded with the ideas, so a story page costs the same however many ideas it has.
    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="selectin")
    author_municipality: Mapped[Municipality | None] = relationship(lazy="selectin")
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id], lazy="selectin")

    @property
    def taken_home(self) -> bool:
        return self.taken_home_at is not None

    @property
    def is_question(self) -> bool:
        return self.kind == IdeaKind.QUESTION

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    def can_view(self, user: Viewer) -> bool:
        return self.story.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        """The host municipality (and the network's facilitators) decide what to take home."""
        return self.story.can_edit(user)


@dataclass(frozen=True, slots=True)
class Harvest:
    """What a municipality of a network took home from the ideas of the others there."""

    network: Network
    municipality: Municipality

    def can_view(self, user: Viewer) -> bool:
        """Every member of the network (each idea only on a story they may read)."""
        return self.network.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_write_for(user, self.network.id, self.municipality.id)
