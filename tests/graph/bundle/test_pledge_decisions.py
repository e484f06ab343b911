"""The decisions of `graph.bundle.pledges` on random files: a pledge is never paid above its amount
once the file is imported, and the decisions do not depend on the order of the rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.bundle.pledges import Decision, Facts, Plan, Row, StoredPayment, StoredPledge

PARTY = ("F", "A:1")
Payment = tuple[int, int]  # (fen, day offset)


def row(line: int, receipt: str, fen: int, day: int, pledge: str | None = None) -> Row:
    return Row(line, receipt, fen, *PARTY, date(2024, 1, 1) + timedelta(days=day), "amount", "donor", pledge)


@st.composite
def files(draw: st.DrawFn) -> tuple[int, list[int], int | None, dict[int, Payment], list[Payment]]:
    """(stored pledge, stored payments that fit it, restated pledge, restated payments, new payments)."""
    pledge = draw(st.integers(1, 1000))
    stored: list[int] = []
    for fen in draw(st.lists(st.integers(1, 400), max_size=5)):
        if sum(stored) + fen <= pledge:
            stored.append(fen)
    restated_pledge = draw(st.none() | st.integers(1, 1500))
    amounts = st.tuples(st.integers(1, 600), st.integers(0, 30))
    restated = draw(st.dictionaries(st.integers(0, max(len(stored) - 1, 0)), amounts)) if stored else {}
    new = draw(st.lists(amounts, max_size=5))
    return pledge, stored, restated_pledge, restated, new


def decide(
    pledge: int,
    stored: list[int],
    restated_pledge: int | None,
    payments: list[Row],
) -> Plan:
    known = Facts(
        pledges={
            "P": StoredPledge("PLEDGE", pledge, False, *PARTY, sum(stored), frozenset([PARTY] * bool(stored)))
        },
        payments={f"S{i}": StoredPayment(fen, PARTY[0], "P") for i, fen in enumerate(stored)},
        closed={},
    )
    plan = Plan(paid={"P"} if payments else set())
    pledge_row = row(1, "P", restated_pledge, 0) if restated_pledge is not None else None
    Decision(plan, known, "P", payments).run(pledge_row)
    return plan


@settings(max_examples=300, deadline=None)
@given(files(), st.randoms(use_true_random=False))
def test_a_pledge_is_never_paid_above_its_amount_whatever_the_order_of_the_rows(
    file: tuple[int, list[int], int | None, dict[int, Payment], list[Payment]], shuffle: random.Random
) -> None:
    pledge, stored, restated_pledge, restated, new = file
    payments = [row(10 + i, f"S{i}", fen, day, "P") for i, (fen, day) in restated.items()]
    payments += [row(100 + i, f"N{i}", fen, day, "P") for i, (fen, day) in enumerate(new)]
    # when
    plan = decide(pledge, stored, restated_pledge, payments)
    shuffled = list(payments)
    shuffle.shuffle(shuffled)
    again = decide(pledge, stored, restated_pledge, shuffled)
    # then
    assert again.problems == plan.problems
    final = restated_pledge if restated_pledge is not None and 1 not in plan.problems else pledge
    paid = {f"S{i}": fen for i, fen in enumerate(stored)}
    paid |= {p.receipt: p.fen for p in payments if p.line not in plan.problems}
    assert sum(paid.values()) <= final
    lowered = restated_pledge is not None and restated_pledge < pledge
    assert (1 in plan.problems) <= lowered  # only a lowered pledge is refused
