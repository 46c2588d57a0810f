"""French administrative geography: régions, départements, communes (Etalab reference data)."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.extensions import db


class Region(db.Model):
    """A région, keyed by its INSEE code ("44" for Grand Est)."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    zone: Mapped[str] = mapped_column(String(10), nullable=False, default="metro")

    departments: Mapped[list[Department]] = relationship(back_populates="region", order_by="Department.code")

    def __repr__(self) -> str:
        return f"<Region {self.code} {self.name}>"


class Department(db.Model):
    """A département, keyed by its code ("55", "2A", "971")."""

    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), nullable=False, index=True)

    region: Mapped[Region] = relationship(back_populates="departments")

    def __repr__(self) -> str:
        return f"<Department {self.code} {self.name}>"


class Commune(db.Model):
    """A current commune (INSEE code), with its population and postal codes."""

    __tablename__ = "communes"

    insee: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    # Lowercase, accent-free, separators folded: what autocompletion matches a prefix on.
    search_name: Mapped[str] = mapped_column(String(100), nullable=False)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"), nullable=False, index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), nullable=False, index=True)
    population: Mapped[int | None] = mapped_column(Integer)
    postal_codes: Mapped[str] = mapped_column(String(200), nullable=False, default="")  # space-separated

    # "unnested": reached through an outer join (a user's optional commune), these render as
    # LEFT OUTER JOINs in the same chain. Nested inner joins made SQLite materialise all
    # 35,000 communes on every user or write-up load (~70 ms each, benchmarks/RESULTS.md).
    department: Mapped[Department] = relationship(lazy="joined", innerjoin="unnested")
    region: Mapped[Region] = relationship(lazy="joined", innerjoin="unnested")

    __table_args__ = (Index("ix_communes_search_name_population", "search_name", "population"),)

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()

    def to_dict(self) -> dict:
        """The JSON shape used by the API (autocompletion and write-up details)."""
        return {
            "insee": self.insee,
            "name": self.name,
            "department": {"code": self.department.code, "name": self.department.name},
            "region": {"code": self.region.code, "name": self.region.name},
            "population": self.population,
            "postal_codes": self.postal_code_list,
        }

    def __repr__(self) -> str:
        return f"<Commune {self.insee} {self.name}>"


class PostalCode(db.Model):
    """One (postal code, commune) pair: a postal code serves several communes and back."""

    __tablename__ = "postal_codes"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    commune_insee: Mapped[str] = mapped_column(
        ForeignKey("communes.insee", ondelete="CASCADE"), primary_key=True, index=True
    )
