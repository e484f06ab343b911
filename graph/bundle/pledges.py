"""The pledges of a donations.csv file as the whole file leaves them, decided before any row is written.

A first pass over the file (`graph.bundle.importer.FileRun.survey`: rows validated and their
references found, nothing written) keeps one small `Row` per pledge and payment row. `decide`
then reads what is stored about those pledges and payments and judges every pledge and payment
row by `graph.giving.donation_rules`' wording, so the outcome depends on the set of rows, never on
their order in the file:

- a pledge row restating a stored pledge is refused when it lowers the pledge below what is paid
  on it (the stored payments and the file's payment rows toward it), or moves it to another fund
  or donor while it has payments; otherwise the pledge is the row's, else the stored one;
- a payment row is checked against its pledge as the file leaves it: not cancelled (when the
  payment arrives), of the payment's fund and donor, never above what is still open. A restated
  payment that does not grow always fits; the others (new, moved in, grown) are counted in date
  order, then receipt number, and each that would pay more than is still open is refused (a
  refused restated payment keeps its stored amount, so it keeps counting as stored).

Memory: one `Row` per pledge and payment row (like the file's duplicate-key index), and the
reasons of the refused rows; stored facts are read in slices of `KEYS_PER_READ` keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import LiteralString

from graph.bundle.rows import Draft
from graph.core.db import Database, returned_columns
from graph.core.db import Row as Record
from graph.core.model import DonationKind
from graph.giving.donation_rules import CANCELLED, OTHER_PARTY, PAID_STAYS, above_open, below_paid

KEYS_PER_READ = 5000
# A donor as "A:<student number>" or "C:<credit code>", as `donor_of` gives it for a row.
DONOR: LiteralString = "CASE WHEN x:Alumnus THEN 'A:' + x.externalId ELSE 'C:' + x.creditCode END"
_FUND_OF: LiteralString = "head([(d)-[:TO]->(f:Fund) | f.code])"
_PLEDGE_RETURN: LiteralString = (
    "RETURN k AS key, d.kind AS kind, coalesce(d.amountCnyFen, 0) AS fen,"
    " d.cancelledOn IS NOT NULL AS cancelled, " + _FUND_OF + " AS fund,"
    " head([(d)-[:FROM]->(x) WHERE x:Alumnus OR x:Company | " + DONOR + "]) AS donor,"
    " [(q:Donation)-[:PAYS]->(d) | [coalesce(q.amountCnyFen, 0), head([(q)-[:TO]->(f:Fund) | f.code]),"
    " head([(q)-[:FROM]->(x) WHERE x:Alumnus OR x:Company | " + DONOR + "])]] AS payments"
)  # fmt: skip
_PLEDGES: LiteralString = "UNWIND $keys AS k MATCH (d:Donation {receiptNo: k}) " + _PLEDGE_RETURN
_PAYMENT_RETURN: LiteralString = (
    "RETURN k AS key, coalesce(d.amountCnyFen, 0) AS fen, " + _FUND_OF + " AS fund,"
    " head([(d)-[:PAYS]->(p:Donation) | p.receiptNo]) AS pledge"
)
_PAYMENTS: LiteralString = "UNWIND $keys AS k MATCH (d:Donation {receiptNo: k}) " + _PAYMENT_RETURN
_FUNDS_RETURN: LiteralString = "RETURN k AS key, f.status = 'CLOSED' AS closed"
_FUNDS: LiteralString = "UNWIND $keys AS k MATCH (f:Fund {code: k}) " + _FUNDS_RETURN
Party = tuple[str | None, str | None]  # (fund code, donor as `donor_of` gives it)


def donor_of(d: Draft) -> str:
    """The row's donor as the statements give it."""
    alumnus = d.values.get("donor_external_id")
    return f"A:{alumnus}" if alumnus is not None else f"C:{d.values.get('donor_credit_code')}"


def donor_column(d: Draft) -> str:
    """The column that names the row's donor."""
    return "donor_external_id" if d.values.get("donor_external_id") is not None else "donor_credit_code"


def amount_column(d: Draft) -> str:
    """The column an amount problem is reported in: amount_cny when given, else amount."""
    return "amount_cny" if d.values.get("amount_cny") is not None else "amount"


def involved(d: Draft) -> bool:
    """A pledge or payment row (the others play no part in the decisions)."""
    return d.values["kind"] in (DonationKind.PLEDGE, DonationKind.PAYMENT)


@dataclass(frozen=True, slots=True)
class Row:
    """What the decision needs of a pledge or payment row."""

    line: int
    receipt: str
    fen: int
    fund: str
    donor: str
    day: date
    money_column: str
    donor_column: str
    pledge: str | None = None  # a payment's pledge


@dataclass(frozen=True, slots=True)
class StoredPledge:
    """A stored donation that rows name as a pledge (or restate as one)."""

    kind: str
    fen: int
    cancelled: bool
    fund: str | None
    donor: str | None
    paid: int  # its payments, in fen
    payers: frozenset[Party]


@dataclass(frozen=True, slots=True)
class StoredPayment:
    """The stored donation a payment row restates: its CNY value, fund and pledge."""

    fen: int
    fund: str | None
    pledge: str | None


@dataclass
class Survey:
    """The pledge and payment rows of a file whose references exist (first pass)."""

    pledges: dict[str, Row] = field(default_factory=dict)
    payments: list[Row] = field(default_factory=list)

    def add(self, d: Draft) -> None:
        """Keep a valid row if it is a pledge or a payment."""
        if not involved(d):
            return
        row = Row(
            d.line,
            d.values["receipt_no"],
            int(d.props["amountCnyFen"]),
            d.values["fund_code"],
            donor_of(d),
            d.values["date"],
            amount_column(d),
            donor_column(d),
            d.values.get("pledge_receipt_no"),
        )
        if d.values["kind"] == DonationKind.PLEDGE:
            self.pledges[row.receipt] = row
        else:
            self.payments.append(row)


@dataclass
class Plan:
    """The decisions of `decide`: the problems of refused rows, by line; the pledges paid in the file."""

    problems: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    paid: set[str] = field(default_factory=set)

    def refuse(self, row: Row, column: str, reason: str) -> None:
        """Record why a row is refused."""
        self.problems.setdefault(row.line, []).append((column, reason))

    def apply(self, d: Draft) -> None:
        """Give a row the problems decided for it."""
        for column, reason in self.problems.get(d.line, ()):
            d.problem(column, reason)


@dataclass(frozen=True)
class Facts:
    """What is stored about the survey's pledges, restated payments and funds."""

    pledges: dict[str, StoredPledge]
    payments: dict[str, StoredPayment]
    closed: dict[str, bool]


@dataclass(frozen=True)
class Pledge:
    """A pledge as the file leaves it."""

    fen: int
    party: Party
    cancelled: bool


def _slices(keys: Iterable[str]) -> list[list[str]]:
    ordered = sorted(set(keys))
    return [ordered[i : i + KEYS_PER_READ] for i in range(0, len(ordered), KEYS_PER_READ)]


async def _read(
    db: Database, query: LiteralString, clause: LiteralString, keys: Iterable[str]
) -> list[Record]:
    """The rows of a statement over the keys, `KEYS_PER_READ` keys a statement."""
    out: list[Record] = []
    for part in _slices(keys):
        out += await db.read_table(query, returned_columns(clause), {"keys": part})
    return out


async def facts(db: Database, survey: Survey) -> Facts:
    """Read what is stored about the pledges, payments and funds the survey names."""
    keys = set(survey.pledges) | {p.pledge for p in survey.payments if p.pledge is not None}
    pledges = {
        r["key"]: StoredPledge(
            r["kind"],
            int(r["fen"]),
            bool(r["cancelled"]),
            r["fund"],
            r["donor"],
            sum(int(fen) for fen, _, _ in r["payments"]),
            frozenset((fund, donor) for _, fund, donor in r["payments"]),
        )
        for r in await _read(db, _PLEDGES, _PLEDGE_RETURN, keys)
    }
    payments = {
        r["key"]: StoredPayment(int(r["fen"]), r["fund"], r["pledge"])
        for r in await _read(db, _PAYMENTS, _PAYMENT_RETURN, (p.receipt for p in survey.payments))
    }
    funds = {p.fund for p in survey.payments} | {p.fund for p in survey.pledges.values()}
    closed = {r["key"]: bool(r["closed"]) for r in await _read(db, _FUNDS, _FUNDS_RETURN, funds)}
    return Facts(pledges, payments, closed)


async def decide(db: Database, survey: Survey) -> Plan:
    """Judge every pledge and payment row of the survey (see the module's docstring)."""
    known = await facts(db, survey)
    toward: dict[str, list[Row]] = defaultdict(list)
    for payment in survey.payments:
        if payment.pledge is not None:
            toward[payment.pledge].append(payment)
    plan = Plan(paid=set(toward))
    for key in sorted(set(survey.pledges) | set(toward)):
        Decision(plan, known, key, toward.get(key, [])).run(survey.pledges.get(key))
    return plan


@dataclass
class Decision:
    """One pledge: its row in the file (if any) and the payment rows toward it."""

    plan: Plan
    known: Facts
    key: str
    payments: list[Row]

    def run(self, row: Row | None) -> None:
        """Decide the pledge row, then the payments against the pledge as the file leaves it."""
        stored = self.known.pledges.get(self.key)
        arriving = [p for p in self.payments if not (self._arrives(p) and self.known.closed.get(p.fund))]
        pledge = self._pledge(row, stored, arriving)
        if pledge is None:
            return  # no such pledge: the import refuses its payments as unknown
        fitting = [p for p in arriving if self._keeps_to(p, pledge)]
        self._amounts(fitting, pledge, stored.paid if stored else 0)

    def _restates(self, p: Row) -> StoredPayment | None:
        """The stored payment the row restates, when it pays toward this pledge."""
        stored = self.known.payments.get(p.receipt)
        return stored if stored is not None and stored.pledge == self.key else None

    def _arrives(self, p: Row) -> bool:
        """New, moved to another fund or pledge, or worth more than the stored payment."""
        stored = self.known.payments.get(p.receipt)
        if stored is None or (p.fund, p.pledge) != (stored.fund, stored.pledge):
            return True
        return p.fen > stored.fen

    def _pledge(self, row: Row | None, stored: StoredPledge | None, arriving: list[Row]) -> Pledge | None:
        """The pledge as the file leaves it: the row's, unless the row is refused."""
        kept = None
        if stored is not None and stored.kind == DonationKind.PLEDGE:
            kept = Pledge(stored.fen, (stored.fund, stored.donor), stored.cancelled)
        if row is None:
            return kept
        goes = stored is None or row.fund != stored.fund or row.fen > stored.fen
        if goes and self.known.closed.get(row.fund):
            return kept  # the import refuses the row: the fund is closed
        if kept is not None and stored is not None and self._refused(row, stored, arriving):
            return kept
        return Pledge(row.fen, (row.fund, row.donor), kept.cancelled if kept else False)

    def _refused(self, row: Row, stored: StoredPledge, arriving: list[Row]) -> bool:
        """A stored pledge moved to another fund or donor while paid, or lowered below what is paid."""
        own = (row.fund, row.donor)
        payers = stored.payers | {(p.fund, p.donor) for p in self.payments}
        if own != (stored.fund, stored.donor) and any(payer != own for payer in payers):
            self.plan.refuse(row, "fund_code" if row.fund != stored.fund else row.donor_column, PAID_STAYS)
            return True
        # What is paid if the row is kept: payments of another party or arriving at a cancelled
        # pledge are refused (they stay as stored); the others count as the file states them.
        paid = stored.paid
        for p in arriving:
            if (p.fund, p.donor) == own and not (stored.cancelled and self._arrives(p)):
                held = self._restates(p)
                paid += p.fen - (held.fen if held else 0)
        if row.fen < stored.fen and row.fen < paid:
            self.plan.refuse(row, row.money_column, below_paid(paid))
            return True
        return False

    def _keeps_to(self, p: Row, pledge: Pledge) -> bool:
        """A payment arriving at a cancelled pledge, or of another fund or donor, is refused."""
        if pledge.cancelled and self._arrives(p):
            self.plan.refuse(p, "pledge_receipt_no", CANCELLED)
            return False
        if pledge.party != (p.fund, p.donor):
            self.plan.refuse(p, "pledge_receipt_no", OTHER_PARTY)
            return False
        return True

    def _amounts(self, fitting: list[Row], pledge: Pledge, stored_paid: int) -> None:
        """Restated payments that do not grow fit; the others count in date order, then receipt."""
        committed = stored_paid  # what is paid if every payment still undecided keeps its stored value
        counted: list[Row] = []
        for p in fitting:
            held = self._restates(p)
            if held is not None and p.fen <= held.fen:
                committed -= held.fen - p.fen
            else:
                counted.append(p)
        for p in sorted(counted, key=lambda p: (p.day, p.receipt)):
            held = self._restates(p)
            others = committed - (held.fen if held else 0)
            still_open = pledge.fen - others
            if p.fen > still_open:
                self.plan.refuse(p, p.money_column, above_open(still_open))
            else:
                committed = others + p.fen
