"""A case of the idea bank and the index of words that finds cases and open stories."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.cases import permissions
from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.municipalities.models import Municipality


class CaseTheme(enum.StrEnum):
    """The themes of the bank (those of the 30-municipality report)."""

    TASK_SHARING = "task_sharing"
    WORKING_TIME = "working_time"
    WELFARE_TECHNOLOGY = "welfare_technology"
    RESOURCE_GROUPS = "resource_groups"
    VOLUNTEERING = "volunteering"
    FULLTIME_CULTURE = "fulltime_culture"
    COMPETENCE = "competence"
    LEADERSHIP = "leadership"


class Arrangement(enum.StrEnum):
    """The working-time arrangement a case tried."""

    LONG_SHIFTS = "long_shifts"
    ANNUAL_ROTA = "annual_rota"
    RESOURCE_POOL = "resource_pool"
    ROLLING_ROTA = "rolling_rota"
    FLAT_STAFFING = "flat_staffing"
    OIL_ROTA = "oil_rota"
    DAY_EVENING_WEEKS = "day_evening_weeks"


class Case(TimestampMixin, Model):
    """One municipality's (or unit's) experience, told for every other municipality."""

    __tablename__ = "cases"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    # The built-in cases are found again by this key (the demo and the loader are idempotent).
    key: Mapped[str | None] = mapped_column(sa.String(60), unique=True)
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    place: Mapped[str] = mapped_column(sa.String(160))
    county: Mapped[str] = mapped_column(sa.String(100), default="", index=True)
    population: Mapped[int | None]
    # The chosen themes as ",a,b," so that one LIKE finds a theme.
    theme_list: Mapped[str] = mapped_column(sa.String(300), default=",")
    arrangement: Mapped[Arrangement | None] = mapped_column(enum_type(Arrangement))
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    done_text: Mapped[str] = mapped_column(sa.Text, default="")
    results_text: Mapped[str] = mapped_column(sa.Text, default="")
    contact_role: Mapped[str] = mapped_column(sa.String(200), default="")
    sources: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    municipality: Mapped[Municipality | None] = relationship()
    author: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("population IS NULL OR population >= 0", name="case_population"),
    )

    @property
    def themes(self) -> list[CaseTheme]:
        chosen = set(self.theme_list.strip(",").split(","))
        return [theme for theme in CaseTheme if theme.value in chosen]

    @themes.setter
    def themes(self, themes: list[CaseTheme]) -> None:
        chosen = {CaseTheme(theme) for theme in themes}
        self.theme_list = "," + "".join(f"{t.value}," for t in CaseTheme if t in chosen)

    @property
    def built_in(self) -> bool:
        return self.key is not None

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_case(self, user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_case(self, user)

    def __repr__(self) -> str:
        return f"<Case {self.id} {self.title}>"


class BankTerm(Model):
    """One indexed word of a case or of a story opened to all networks, with its weight."""

    __tablename__ = "bank_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    term: Mapped[str] = mapped_column(sa.String(80), index=True)
    weight: Mapped[int] = mapped_column(default=1)
