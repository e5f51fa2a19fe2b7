"""Gatherings (samlinger) of a network: agenda items, methods, materials and registrations."""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.files.models import StoredFile
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


class GatheringKind(enum.StrEnum):
    """What sort of gathering it is."""

    NETWORK = "network"
    COORDINATOR = "coordinator"
    DIGITAL = "digital"


class GatheringStatus(enum.StrEnum):
    """planned → published → held."""

    PLANNED = "planned"
    PUBLISHED = "published"
    HELD = "held"


class AgendaKind(enum.StrEnum):
    """What happens in an agenda item."""

    WELCOME = "welcome"
    TALK = "talk"
    PLENARY = "plenary"
    GROUP_WORK = "group_work"
    MUNICIPALITY_WORK = "municipality_work"
    REFLECTION = "reflection"
    BREAK = "break"
    MEAL = "meal"
    OTHER = "other"


class Gathering(TimestampMixin, Model):
    """A gathering in a network's series: numbered, dated, at a place."""

    __tablename__ = "gatherings"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    kind: Mapped[GatheringKind] = mapped_column(
        enum_type(GatheringKind), default=GatheringKind.NETWORK
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    theme: Mapped[str] = mapped_column(sa.String(500), default="")
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[GatheringStatus] = mapped_column(
        enum_type(GatheringStatus), default=GatheringStatus.PLANNED
    )
    registration_deadline: Mapped[date | None]
    preparation: Mapped[str] = mapped_column(sa.Text, default="")
    changes_reserved: Mapped[bool] = mapped_column(default=True)
    day_ends_at: Mapped[time] = mapped_column(default=time(17, 30))
    published_at: Mapped[datetime | None]

    network: Mapped[Network] = relationship()
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="gathering",
        cascade="all, delete-orphan",
        order_by="(AgendaItem.day, AgendaItem.starts_at, AgendaItem.id)",
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="gathering",
        cascade="all, delete-orphan",
        order_by="(Registration.last_name, Registration.first_name)",
    )

    __table_args__ = (
        sa.UniqueConstraint("network_id", "kind", "number"),
        sa.CheckConstraint("ends_on >= starts_on", name="dates_in_order"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )

    @property
    def days(self) -> list[date]:
        """Every day of the gathering, first to last."""
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + timedelta(days=i) for i in range(max(count, 1))]

    def can_view(self, user: Viewer) -> bool:
        from heltidnett.gatherings import permissions

        return permissions.can_view_gathering(user, self)

    def can_edit(self, user: Viewer) -> bool:
        from heltidnett.gatherings import permissions

        return permissions.can_edit_gathering(user, self)

    def __repr__(self) -> str:
        return f"<Gathering {self.id} {self.title}>"


class Method(TimestampMixin, Model):
    """A working method of the library (IGP, gallery walk …) with steps, roles and timings."""

    __tablename__ = "gathering_methods"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    steps: Mapped[str] = mapped_column(sa.Text, default="")  # one step a line
    roles: Mapped[str] = mapped_column(sa.String(300), default="")  # comma-separated
    timing: Mapped[str] = mapped_column(sa.String(200), default="")

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def can_view(self, user: Viewer) -> bool:
        from heltidnett.gatherings import permissions

        return permissions.can_view_methods(user)

    def can_edit(self, user: Viewer) -> bool:
        from heltidnett.gatherings import permissions

        return permissions.can_keep_methods(user)

    def __repr__(self) -> str:
        return f"<Method {self.id} {self.name}>"


class AgendaItem(TimestampMixin, Model):
    """One point of a gathering's programme: a day, a start, a duration and what happens."""

    __tablename__ = "agenda_items"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date]
    starts_at: Mapped[time]
    duration_minutes: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[AgendaKind] = mapped_column(enum_type(AgendaKind), default=AgendaKind.OTHER)
    speaker: Mapped[str] = mapped_column(sa.String(300), default="")
    method_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("gathering_methods.id", ondelete="SET NULL"), index=True
    )
    steps: Mapped[str] = mapped_column(sa.Text, default="")
    roles: Mapped[str] = mapped_column(sa.String(300), default="")
    timing: Mapped[str] = mapped_column(sa.String(200), default="")
    changed_at: Mapped[datetime | None]

    gathering: Mapped[Gathering] = relationship(back_populates="items")
    method: Mapped[Method | None] = relationship()
    materials: Mapped[list[Material]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Material.id"
    )

    __table_args__ = (sa.CheckConstraint("duration_minutes > 0", name="duration_positive"),)

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.day, self.starts_at)

    @property
    def end_dt(self) -> datetime:
        return self.start_dt + timedelta(minutes=self.duration_minutes)

    @property
    def ends_at(self) -> time:
        return self.end_dt.time()

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def changed_since_publishing(self) -> bool:
        """Changed after the programme was published."""
        published = self.gathering.published_at
        return bool(published and self.changed_at and self.changed_at > published)

    def can_view(self, user: Viewer) -> bool:
        return self.gathering.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.gathering.can_edit(user)


class Material(TimestampMixin, Model):
    """A link or an uploaded file for an agenda item."""

    __tablename__ = "agenda_materials"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    url: Mapped[str | None] = mapped_column(sa.String(500))
    file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stored_files.id", ondelete="SET NULL"), index=True
    )

    item: Mapped[AgendaItem] = relationship(back_populates="materials")
    file: Mapped[StoredFile | None] = relationship()

    def can_view(self, user: Viewer) -> bool:
        return self.item.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.item.can_edit(user)


class Registration(TimestampMixin, Model):
    """A person registered for a gathering: which days, and the dinner."""

    __tablename__ = "gathering_registrations"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    last_name: Mapped[str] = mapped_column(sa.String(100))
    first_name: Mapped[str] = mapped_column(sa.String(100))
    email: Mapped[str] = mapped_column(sa.String(255))
    phone: Mapped[str] = mapped_column(sa.String(50), default="")
    job_title: Mapped[str] = mapped_column(sa.String(200), default="")
    organisation: Mapped[str] = mapped_column(sa.String(200), default="")
    days: Mapped[list[str]] = mapped_column(sa.JSON, default=list)  # ISO dates
    dinner: Mapped[bool] = mapped_column(default=False)

    gathering: Mapped[Gathering] = relationship(back_populates="registrations")
    municipality: Mapped[Municipality | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("gathering_id", "email"),)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def attends(self, day: date) -> bool:
        return day.isoformat() in (self.days or [])

    def can_view(self, user: Viewer) -> bool:
        from heltidnett.gatherings import permissions

        return permissions.can_view_registration(user, self)

    def can_edit(self, user: Viewer) -> bool:
        return self.can_view(user)
