"""Donations year by year, 2015 to date: gifts, monthly giving, pledges paid in parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from scripts.seed.giving import CENTENNIAL, FIRST_YEAR, Donor, donors, in_cny
from scripts.seed.rand import AS_OF, THIS_YEAR, chance, date_between, day_in, money, round_gift
from scripts.seed.world import World
from scripts.seed.writer import flag

_SCALE = {"CNY": 1.0, "USD": 7.0, "EUR": 8.0}
_RANK = {"PLEDGE": 0, "PAYMENT": 1, "GIFT": 2}  # a pledge is receipted before its same-day payment


@dataclass
class Draft:
    """A donation before its receipt number is known (numbers follow date order within a year)."""

    day: date
    seq: int
    donor: Donor
    kind: str
    fund: int
    amount: Decimal
    solicitor: str | None
    anonymous: bool
    pledge: Draft | None = None
    receipt: str = ""
    cny: Decimal = Decimal(0)  # the CNY value at receipt
    paid_cny: Decimal = Decimal(0)  # a pledge's: the CNY value of its payments so far


@dataclass
class Pledge:
    """A pledge and the payments still to come: (year, amount), at most one a year."""

    draft: Draft
    schedule: list[tuple[int, Decimal]]


@dataclass
class Ledger:
    """Donations of one generation, produced and written a year at a time."""

    world: World
    pool: list[str]
    open: list[Pledge] = field(default_factory=list)
    pledged: set[str] = field(default_factory=set)
    seq: int = 0

    def draft(self, donor: Donor, kind: str, day: date, fund: int, amount: Decimal) -> Draft:
        """A new donation by `donor`, with a solicitor for the larger ones."""
        self.seq += 1
        big = kind == "PLEDGE" or amount * Decimal(_SCALE[donor.currency]) >= 50_000
        anonymous = donor.anonymous or chance(self.world.rng, 0.005)
        return Draft(day, self.seq, donor, kind, fund, amount, self._solicitor(donor, fund, big), anonymous)

    def _solicitor(self, donor: Donor, fund: int, big: bool) -> str | None:
        rng, world = self.world.rng, self.world
        if not chance(rng, 0.8 if big else 0.12):
            return None
        college = world.funds[fund][1]
        local = world.fundraisers[college] if college >= 0 else world.fundraisers[donor.college]
        return world.people.ids[rng.choice(local)] if local else rng.choice(self.pool)


def _fund(ledger: Ledger, donor: Donor, year: int) -> int:
    rng, funds = ledger.world.rng, ledger.world.funds
    if year >= THIS_YEAR - 1 and chance(rng, 0.3):
        return next(i for i, (code, _) in enumerate(funds) if code == CENTENNIAL)
    return donor.fund if chance(rng, 0.7) else rng.randrange(len(funds))


def _amount(ledger: Ledger, donor: Donor, year: int) -> Decimal:
    rng, scale = ledger.world.rng, _SCALE[donor.currency]
    if year == THIS_YEAR and donor.currency == "CNY" and chance(rng, 0.05):
        return money(1926 if chance(rng, 0.5) else 2026)  # centennial gifts: founding year, this year
    return round_gift(rng, donor.low / scale, donor.high / scale)


def _gifts(ledger: Ledger, donor: Donor, year: int) -> list[Draft]:
    rng = ledger.world.rng
    if not donor.first <= year <= donor.last or not chance(rng, donor.often):
        return []
    if donor.monthly and year < donor.first + 3:  # monthly giving lasts a few years
        amount, fund, day = round_gift(rng, 50 / _SCALE[donor.currency], 500), donor.fund, rng.randint(1, 28)
        days = [date(year, m, day) for m in range(1, 13) if date(year, m, day) <= AS_OF]
        return [ledger.draft(donor, "GIFT", d, fund, amount) for d in days]
    count = 1 + chance(rng, 0.35) + chance(rng, 0.1)
    return [
        ledger.draft(
            donor, "GIFT", day_in(rng, year), _fund(ledger, donor, year), _amount(ledger, donor, year)
        )
        for _ in range(count)
    ]


def _pledge(ledger: Ledger, donor: Donor, year: int) -> list[Draft]:
    rng = ledger.world.rng
    key = donor.ext_id or donor.credit_code or ""
    if not donor.pledges or year < donor.first or key in ledger.pledged or not chance(rng, 0.3):
        return []
    ledger.pledged.add(key)
    size = (5.0 if donor.credit_code else 1.0) / _SCALE[donor.currency]
    amount = round_gift(rng, 100_000 * size, 4_000_000 * size)
    draft = ledger.draft(donor, "PLEDGE", day_in(rng, year), donor.fund, amount)
    ledger.open.append(Pledge(draft, _schedule(ledger, draft)))
    return [draft]


def _schedule(ledger: Ledger, pledge: Draft) -> list[tuple[int, Decimal]]:
    """Equal yearly parts (the last takes the rounding); a quarter of pledges stop early."""
    rng = ledger.world.rng
    parts = rng.randint(2, 5)
    share = money(pledge.amount / parts)
    amounts = [share] * (parts - 1) + [pledge.amount - share * (parts - 1)]
    paid = parts if chance(rng, 0.75) else rng.randint(1, parts - 1)
    start = pledge.day.year + (0 if pledge.day.month <= 9 else 1)
    return [(start + i, amounts[i]) for i in range(paid)]


def _payments(ledger: Ledger, year: int) -> list[Draft]:
    """This year's part of every open pledge, dated on or after the pledge."""
    rng, due = ledger.world.rng, []
    for pledge in ledger.open:
        if not pledge.schedule or pledge.schedule[0][0] != year:
            continue
        _, amount = pledge.schedule.pop(0)
        p = pledge.draft
        first = p.day if p.day.year == year else date(year, 1, 1)
        day = date_between(rng, first, min(date(year, 12, 31), AS_OF))
        draft = ledger.draft(p.donor, "PAYMENT", day, p.fund, amount)
        draft.pledge, draft.solicitor, draft.anonymous = p, p.solicitor, p.anonymous
        due.append(draft)
    ledger.open = [p for p in ledger.open if p.schedule and p.schedule[0][0] <= THIS_YEAR]
    return due


def _valued(batch: list[Draft]) -> list[Draft]:
    """The drafts with their CNY value; a payment's never above what is still open on its pledge
    (a foreign pledge's parts are valued at later rates), and a payment with nothing open is left out."""
    kept: list[Draft] = []
    for d in batch:
        d.cny = in_cny(d.amount, d.donor.currency, d.day.year)
        if d.pledge is not None:
            d.cny = min(d.cny, d.pledge.cny - d.pledge.paid_cny)
            if d.cny <= 0:
                continue
            d.pledge.paid_cny += d.cny
        kept.append(d)
    return kept


def _write(ledger: Ledger, year: int, batch: list[Draft]) -> None:
    world = ledger.world
    batch.sort(key=lambda d: (d.day, _RANK[d.kind], d.seq))
    for n, d in enumerate(_valued(batch), start=1):
        d.receipt = f"HX{year}{n:06d}"
        fund = world.funds[d.fund][0]
        cny = d.cny
        world.out.row(
            "donations.csv",
            (
                d.receipt, d.donor.ext_id, d.donor.credit_code, fund, d.kind, d.amount, d.donor.currency, cny,
                d.day.isoformat(), d.pledge.receipt if d.pledge else None, d.solicitor, flag(d.anonymous),
            ),
        )  # fmt: skip


def build_donations(world: World) -> None:
    """Every donor's giving, one calendar year at a time, receipts numbered in date order."""
    pool = [world.people.ids[p] for group in world.fundraisers for p in group]
    ledger = Ledger(world, pool)
    everyone = donors(world)
    for year in range(FIRST_YEAR, THIS_YEAR + 1):
        batch: list[Draft] = []
        for donor in everyone:
            batch += _gifts(ledger, donor, year)
            batch += _pledge(ledger, donor, year)
        batch += _payments(ledger, year)  # after this year's pledges: some start paying at once
        _write(ledger, year, batch)
