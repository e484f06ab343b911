"""fundReport and donorRetention: a fund's year and donor retention (money exact, scoped)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry

from graph.reports import funds as fund_reports
from graph.reports import retention
from schema.careers.companies.types import company_by_id
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.lookahead import selects
from schema.core.permissions import Role, require_roles
from schema.core.registry import resolve
from schema.core.relay import Connection, connection, expect_id, page_args
from schema.giving.donations.types import Donation
from schema.giving.funds.types import Fund, fund_by_id
from schema.giving.types import Donor
from schema.people.alumni.types import Alumnus

# Who reads giving reports (a college officer only their college's funds: the scope in the Cypher);
# the HTTP route of the yearly PDF (schema.reports.giving.documents) admits the same roles.
GIVING_ROLES = frozenset({Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER})
GIVING = [require_roles(*GIVING_ROLES)]
T = TypeVar("T")
U = TypeVar("U")
YEAR = Annotated[int, strawberry.argument(description="The calendar year.")]


@strawberry.type(
    description="A donor of a fund, for stewardship: when they last gave and whether to contact them."
)
class Stewardship:
    """One donor who ever gave to the fund."""

    last_gift_on: date | None = strawberry.field(
        description="Date of their last gift or payment to the fund."
    )
    contactable: bool = strawberry.field(
        description="May be contacted: consent and email or phone (a company: through a consenting "
        "founder or executive)."
    )
    anonymous: bool = strawberry.field(
        description="Gave anonymously; the donor is shown only to giving roles."
    )
    donor: Donor | None = strawberry.field(
        description="The alumnus or company (null when anonymous and you are not a giving role)."
    )


@strawberry.type(description="A fund's year: money received and pledged, donors, and its stewardship list.")
class FundReport:
    """fundReport; money as decimal strings in CNY."""

    year: int = strawberry.field(description="The year reported.")
    received: str = strawberry.field(description="Gifts and payments dated in the year (CNY).")
    pledged: str = strawberry.field(
        description="Pledges dated in the year and not cancelled by its end (CNY)."
    )
    outstanding_pledges: str = strawberry.field(
        description="What remained open on pledges at the year's end, never below 0 (CNY)."
    )
    donor_count: int = strawberry.field(description="Donors of gifts and payments in the year.")
    new_donor_count: int = strawberry.field(description="Of them, with no earlier donation to the fund.")
    stewardship: list[Stewardship] = strawberry.field(
        description="Every donor who ever gave to the fund, latest gift first."
    )
    donations: list[Donation] = strawberry.field(description="The year's donations, by date.")
    fund_id: strawberry.Private[str]

    @strawberry.field(description="The fund.")
    async def fund(self, info: strawberry.Info[Context, None]) -> Fund | None:
        """The fund."""
        return await fund_by_id(info, self.fund_id)


def report_year(year: int) -> int:
    """The year of a report, or BAD_USER_INPUT."""
    if not 1900 <= year <= 2200:
        raise bad_input("year must be between 1900 and 2200")
    return year


async def _together(first: Awaitable[T], second: Awaitable[U] | None) -> tuple[T, U | None]:
    """Both results, computed at once; the second is abandoned if the first fails."""
    later = asyncio.ensure_future(second) if second is not None else None
    try:
        result = await first
        return result, (await later if later is not None else None)
    finally:
        if later is not None and not later.done():
            later.cancel()


async def _donors(
    info: strawberry.Info[Context, None], stewards: tuple[fund_reports.Steward, ...]
) -> list[Donor | None]:
    """Each steward's donor: alumni from the records read with the list, companies in one batch."""
    companies = {s.donor_id for s in stewards if s.donor_label == "Company" and s.donor_id}
    found = dict(
        zip(companies, await asyncio.gather(*(company_by_id(info, c) for c in companies)), strict=True)
    )
    out: list[Donor | None] = []
    for s in stewards:
        if s.alumnus is not None:
            info.context.loaders.alumnus.prime(s.alumnus.id, s.alumnus)
            out.append(Alumnus.from_record(s.alumnus))
        else:
            out.append(found.get(s.donor_id) if s.donor_label == "Company" and s.donor_id else None)
    return out


def _segment(name: str, segment: retention.Segment, description: str) -> Any:
    async def resolver(
        self: DonorRetention,
        info: strawberry.Info[Context, None],
        first: Annotated[int, strawberry.argument(description="Page size, at most 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
    ) -> Connection[Donor]:
        size, cursor = page_args(first, after)
        if not any(selects(info, part) for part in ("edges", "nodes", "pageInfo")):
            total = (await self.counts(info))[segment]
            return connection([], False, cursor is not None, lambda k: k, _constant(total))
        everyone = await self.segments(info)
        rows, more = retention.page_of(everyone[segment], size, cursor)
        keyed = [(_Keyed(await resolve(info, ref.label, ref.id), ref.id), key) for ref, key in rows]
        return connection(
            keyed, more, cursor is not None, lambda k: k.node, _constant(len(everyone[segment]))
        )

    resolver.__name__ = name
    return strawberry.field(resolver=resolver, description=description)


def _constant(value: int) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return value

    return count


async def _one(keys: list[str], work: Any) -> dict[str, Any]:
    value = await work
    return {k: value for k in keys}


class _Keyed:
    """A resolved donor with the id its cursor is built from."""

    def __init__(self, node: Any, node_id: str) -> None:
        self.node = node
        self.id = node_id


@strawberry.type(description="Donor retention in a year over gifts and payments (pledges do not count).")
class DonorRetention:
    """The five segments; each is a connection of donors with totalCount."""

    year: int = strawberry.field(description="The year analysed.")
    fund_id: strawberry.Private[str | None]
    college_id: strawberry.Private[str | None]

    async def segments(self, info: strawberry.Info[Context, None]) -> retention.Segments:
        """All five segments, computed once per request (one statement)."""
        found: retention.Segments = await self._once(info, "retention", retention.all_segments)
        return found

    async def counts(self, info: strawberry.Info[Context, None]) -> dict[retention.Segment, int]:
        """The five segment sizes, computed once per request (one statement)."""
        found: dict[retention.Segment, int] = await self._once(info, "retention-counts", retention.all_counts)
        return found

    async def _once(self, info: strawberry.Info[Context, None], name: str, read: Any) -> Any:
        """`read(db, scope, year, fund, college)`, shared by every segment field of the request."""
        key = f"{name}:{self.year}:{self.fund_id}:{self.college_id}"
        db, scope = info.context.db, info.context.scope
        loader = info.context.loaders.get(
            key, lambda keys: _one(keys, read(db, scope, self.year, self.fund_id, self.college_id))
        )
        return await loader.load(key)

    retained = _segment("retained", retention.Segment.RETAINED, "Gave in the year before and in the year.")
    lybunt = _segment("lybunt", retention.Segment.LYBUNT, "Gave last year but not this year (LYBUNT).")
    sybunt = _segment(
        "sybunt",
        retention.Segment.SYBUNT,
        "Gave before last year, but neither last year nor this year (SYBUNT).",
    )
    new_donors = _segment("new_donors", retention.Segment.NEW, "First gift ever in the year.")
    recaptured = _segment(
        "recaptured", retention.Segment.RECAPTURED, "Gave this year, not last year, but before."
    )


@strawberry.type
class GivingReportsQuery:
    """Root fields of the giving reports."""

    @strawberry.field(
        description="A fund's year: received, pledged, outstanding pledges, donors, donations, stewardship.",
        permission_classes=GIVING,
    )
    async def fund_report(
        self,
        info: strawberry.Info[Context, None],
        fund: Annotated[strawberry.ID, strawberry.argument(description="The fund.")],
        year: YEAR,
    ) -> FundReport:
        """Fund report."""
        year = report_year(year)
        db, scope, fund_id = info.context.db, info.context.scope, expect_id(fund, "Fund")
        with_donors = selects(info, "stewardship", "donor")
        # the year's donations are read beside the report when the query shows them
        r, donations = await _together(
            fund_reports.fund_report(db, scope, fund_id, year, with_alumni=with_donors),
            fund_reports.year_donations(db, scope, fund_id, year) if selects(info, "donations") else None,
        )
        donors = await _donors(info, r.stewardship) if with_donors else [None] * len(r.stewardship)
        return FundReport(
            year=year,
            received=r.received,
            pledged=r.pledged,
            outstanding_pledges=r.outstanding_pledges,
            donor_count=r.donor_count,
            new_donor_count=r.new_donor_count,
            fund_id=r.fund_id,
            donations=[Donation.from_record(d) for d in donations or []],
            stewardship=[
                Stewardship(
                    last_gift_on=s.last_gift_on, contactable=s.contactable, anonymous=s.anonymous, donor=d
                )
                for s, d in zip(r.stewardship, donors, strict=True)
            ],
        )

    @strawberry.field(
        description="Retained, LYBUNT, SYBUNT, new and recaptured donors of a year: for one fund, "
        "one college's funds, or all.",
        permission_classes=GIVING,
    )
    async def donor_retention(
        self,
        info: strawberry.Info[Context, None],
        year: YEAR,
        fund: Annotated[strawberry.ID | None, strawberry.argument(description="Only this fund.")] = None,
        college: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this college's funds.")
        ] = None,
    ) -> DonorRetention:
        """Donor retention."""
        return DonorRetention(
            year=report_year(year),
            fund_id=expect_id(fund, "Fund") if fund else None,
            college_id=expect_id(college, "College") if college else None,
        )
