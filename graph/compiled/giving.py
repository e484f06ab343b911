"""The fixed tables of compiled reads for giving: funds, donations, the Donor union and the rows of
the giving reports (fundReport, its stewardship list, collegeScorecard).

Columns and links mirror what the resolvers read (graph.giving, graph.reports); money columns
return integer fen (or the stored decimal strings) and `formats` turn them into the response's
decimal strings with the same functions the resolvers use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, LiteralString

from graph.compiled.kinds import Kind, Link
from graph.core.money import from_fen, ratio, to_fen
from graph.core.pages import encode_cursor
from graph.core.scope import ALUMNUS_VISIBLE, DONATION_VISIBLE, FUND_GIVING, reduced
from graph.giving.donations import fen_of
from graph.giving.vocabulary import RECEIVED_KINDS

# -- predicates over placeholders ---------------------------------------------------------------


def _over(predicate: str, var: str, slot: str) -> LiteralString:
    """A predicate of `graph.core.scope` over `var`, rewritten over the placeholder of `slot`."""
    text: LiteralString = re.sub(rf"\b{var}\b", f"<{slot}>", predicate)  # fixed text, a fixed name
    return text


def _local(predicate: str, var: str, name: str) -> LiteralString:
    """A predicate of `graph.core.scope` over `var`, rewritten over a subquery's own variable."""
    text: LiteralString = re.sub(rf"\b{var}\b", name, predicate)  # fixed text, a fixed name
    return text


def _alumnus_visible(slot: str, everyone: bool) -> LiteralString:
    return _over(reduced(ALUMNUS_VISIBLE, everyone=everyone, giving=False), "n", slot)


def _donation_visible(slot: str, giving: bool) -> LiteralString:
    return _over(reduced(DONATION_VISIBLE, everyone=False, giving=giving), "n", slot)


def _fund_giving(slot: str, giving: bool) -> LiteralString:
    return _over(reduced(FUND_GIVING, everyone=False, giving=giving), "f", slot)


# -- formats (the resolvers' own money functions) -------------------------------------------------


def _money(fen: Any) -> str:
    return from_fen(fen)


def _goal_fen(pair: list[Any]) -> int | None:
    """Goal in fen: stored cents, or cents of the stored decimal (as graph.giving.funds.fund)."""
    goal_fen, goal_cny = pair
    if goal_fen is not None:
        return int(goal_fen)
    return to_fen(goal_cny) if goal_cny else None


def _goal(pair: list[Any]) -> str | None:
    goal = _goal_fen(pair)
    return from_fen(goal) if goal is not None else None


def _raised(triple: list[Any]) -> str | None:
    return from_fen(triple[0]) if triple[0] is not None else None


def _progress(triple: list[Any]) -> float | None:
    raised, goal = triple[0], _goal_fen(triple[1:])
    return ratio(raised, goal) if raised is not None and goal is not None else None


def _paid(payments: list[list[Any]] | None) -> str | None:
    """CNY paid toward a pledge (None for other kinds), as Donation.paidCny sums it."""
    if payments is None:
        return None
    return from_fen(sum(fen_of(fen, amount) for fen, amount in payments))


MONEY: Callable[[Any], Any] = _money

# -- kinds ----------------------------------------------------------------------------------------


def _donor(everyone: bool) -> Kind:
    """`Donor = Alumnus | Company`: an alumnus outside the caller's view is null, as the loaders say."""
    return Kind(
        ("n",),
        {},
        {},
        members=(
            ("Alumnus", "<n>:Alumnus AND " + _alumnus_visible("n", everyone)),
            ("Company", "<n>:Company"),
        ),
    )


def _raised_expr(giving: bool) -> LiteralString:
    """The fund's received fen (gifts and payments), null outside the caller's giving scope."""
    return (
        "CASE WHEN "
        + _fund_giving("n", giving)
        + " THEN reduce(s_ = 0, x_ IN COLLECT { MATCH (<n>)<-[:TO]-(d_:Donation) WHERE d_.kind IN "
        + RECEIVED_KINDS
        + " RETURN coalesce(d_.amountCnyFen, 0) } | s_ + x_) END"
    )


def _fund(giving: bool) -> Kind:
    # raisedCny and progress read the same column (`[raised fen, goal fen, goal decimal]`), once
    raised = "[" + _raised_expr(giving) + ", <n>.goalCnyFen, <n>.goalCny]"
    columns: dict[str, LiteralString] = {
        "id": "<n>.id",
        "code": "<n>.code",
        "name": "<n>.name",
        "kind": "<n>.kind",
        "goalCny": "[<n>.goalCnyFen, <n>.goalCny]",
        "status": "coalesce(<n>.status, 'OPEN')",
        "createdAt": "toString(<n>.createdAt)",
        "updatedAt": "toString(<n>.updatedAt)",
        "raisedCny": raised,
        "progress": raised,
    }
    # A page of the fund's donations within the caller's giving scope, newest first, as
    # graph.giving.donations.OF_FUNDS pages it; `<arg>` is the page (schema.compiled.giving_arguments).
    page = (
        "UNWIND [[<arg>, COLLECT { MATCH (<pn>)<-[:TO]-(d_:Donation) WHERE "
        + _local(reduced(DONATION_VISIBLE, everyone=False, giving=giving), "n", "d_")
        + " AND (<arg>.afterId IS NULL OR toString(d_.date) < <arg>.afterKey"
        " OR (toString(d_.date) = <arg>.afterKey AND d_.id < <arg>.afterId))"
        " WITH d_ ORDER BY toString(d_.date) DESC, d_.id DESC LIMIT <arg>.limit RETURN d_ }]] AS x_"
        " WITH x_[0] AS <ca>, x_[1] AS <cp>"
    )
    links = {
        "college": Link("College", False, "MATCH (<pn>)-[:OF_COLLEGE]->(<cn>:College)"),
        "donations": Link("DonationConnection", False, page, share=(("f", "n"),)),
    }
    formats = {"goalCny": _goal, "raisedCny": _raised, "progress": _progress}
    return Kind(("n",), columns, links, formats)


def _donation(everyone: bool, giving: bool) -> Kind:
    visible = _donation_visible("cn", giving)
    columns: dict[str, LiteralString] = {
        "id": "<n>.id",
        "receiptNo": "<n>.receiptNo",
        "kind": "<n>.kind",
        "amount": "<n>.amount",
        "currency": "coalesce(<n>.currency, 'CNY')",
        "amountCny": "<n>.amountCny",
        "date": "toString(<n>.date)",
        "anonymous": "coalesce(<n>.anonymous, false)",
        "createdAt": "toString(<n>.createdAt)",
        "updatedAt": "toString(<n>.updatedAt)",
        "paidCny": "CASE WHEN <n>.kind = 'PLEDGE' THEN COLLECT { MATCH (<n>)<-[:PAYS]-(q_:Donation) WHERE "
        + _local(reduced(DONATION_VISIBLE, everyone=False, giving=giving), "n", "q_")
        + " RETURN [q_.amountCnyFen, q_.amountCny] } END",
    }
    links = {
        "donor": Link("Donor", False, "MATCH (<pn>)-[:FROM]->(<cn>)"),
        "fund": Link("Fund", False, "MATCH (<pn>)-[:TO]->(<cn>:Fund)"),
        "pledge": Link("Donation", False, "MATCH (<pn>)-[:PAYS]->(<cn>:Donation) WHERE " + visible),
        "payments": Link(
            "Donation",
            True,
            "MATCH (<pn>)<-[:PAYS]-(<cn>:Donation) WHERE " + visible,
            "<cn>.date DESC, <cn>.id",
        ),
        "solicitor": Link(
            "Alumnus",
            False,
            "MATCH (<pn>)-[:SOLICITED_BY]->(<cn>:Alumnus) WHERE " + _alumnus_visible("cn", everyone),
        ),
    }
    return Kind(("n",), columns, links, {"paidCny": _paid})


def _fund_report(giving: bool) -> Kind:
    """A fund's year: `<f>` the fund, `<start>`/`<end>` the year, the figures of graph.reports.funds."""
    # the rows of graph.compiled.reports.STEWARDS_CALL: [shown donor, anonymous, lastGiftOn,
    # contactable, donorName, donorId]
    stewards = (
        "UNWIND <pstewards> AS x_ WITH x_[0] AS <cs>, x_[1] AS <ca>, x_[2] AS <cl>, x_[3] AS <ck>,"
        " x_[4] AS <cm>, x_[5] AS <ci>"
    )
    columns: dict[str, LiteralString] = {
        "year": "$year",
        "received": "<received>",
        "pledged": "<pledged>",
        "outstandingPledges": "<outstanding>",
        "donorCount": "<donors>",
        "newDonorCount": "<newdonors>",
    }
    donations = (
        "MATCH (<pf>)<-[:TO]-(<cn>:Donation) WHERE "
        + _donation_visible("cn", giving)
        + " AND <pstart> <= <cn>.date <= <pend>"
    )
    links = {
        "stewardship": Link("Stewardship", True, stewards, "<cl> DESC, <cm>, <ci>"),
        "donations": Link("Donation", True, donations, "<cn>.date, <cn>.receiptNo"),
        "fund": Link("Fund", False, bind=(("n", "f"),)),
    }
    formats = {"received": MONEY, "pledged": MONEY, "outstandingPledges": MONEY}
    slots = ("f", "start", "end", "received", "pledged", "outstanding", "donors", "newdonors", "stewards")
    return Kind(slots, columns, links, formats)


def _cursor(pair: list[Any]) -> str:
    return encode_cursor(pair[0], pair[1])


_NEWEST: LiteralString = "toString(<cn>.date) DESC, <cn>.id DESC"
_PAGE_ITEMS: LiteralString = "UNWIND <pp>[0..<pa>.first] AS <cn>"


def _donation_page(giving: bool) -> Kind:
    """A fund's page of donations: `<f>` the fund, `<a>` the page asked, `<p>` its donations (one
    more than asked: whether more follow)."""
    count = (
        "COUNT { MATCH (<f>)<-[:TO]-(t_:Donation) WHERE "
        + _local(reduced(DONATION_VISIBLE, everyone=False, giving=giving), "n", "t_")
        + " }"
    )
    links = {
        "nodes": Link("Donation", True, _PAGE_ITEMS, _NEWEST),
        "edges": Link("DonationEdge", True, _PAGE_ITEMS, _NEWEST),
        "pageInfo": Link("PageInfo", False, bind=(("a", "a"), ("p", "p"))),
    }
    return Kind(("f", "a", "p"), {"totalCount": count}, links)


_DONATION_EDGE = Kind(
    ("n",),
    {"cursor": "[toString(<n>.date), <n>.id]"},
    {"node": Link("Donation", False, bind=(("n", "n"),))},
    {"cursor": _cursor},
)
# Where a nested page sits in its list (`<a>` the page asked, `<p>` its items, one more than asked).
_PAGE_INFO = Kind(
    ("a", "p"),
    {
        "hasNextPage": "size(<p>) > <a>.first",
        "hasPreviousPage": "<a>.afterId IS NOT NULL",
        "startCursor": "CASE WHEN size(<p>) > 0 AND <a>.first > 0"
        " THEN [toString(<p>[0].date), <p>[0].id] END",
        "endCursor": "CASE WHEN size(<p>) > 0 AND <a>.first > 0 THEN [toString(<p>[0..<a>.first][-1].date),"
        " <p>[0..<a>.first][-1].id] END",
    },
    {},
    {
        "startCursor": lambda v: None if v is None else _cursor(v),
        "endCursor": lambda v: None if v is None else _cursor(v),
    },
)

_STEWARDSHIP = Kind(
    ("s", "a", "l", "k", "m", "i"),
    {
        "lastGiftOn": "toString(<l>)",
        "contactable": "coalesce(<k>, false)",
        "anonymous": "coalesce(<a>, false)",
    },
    {"donor": Link("Donor", False, bind=(("n", "s"),))},
)

# collegeScorecard's figures as graph.reports.scorecards binds them (null sums read as 0).
SCORE_COLUMNS: dict[str, LiteralString] = {
    "alumniCount": "<alumni>",
    "completeProfiles": "<complete>",
    "eventsHeld": "<events>",
    "attendance": "coalesce(<attendance>, 0)",
    "interactions": "<interactions>",
    "raisedCny": "<raised>",
    "donorCount": "<donors>",
    "largestGiftCny": "<largest>",
    "cooperations": "<cooperations>",
    "cooperationValueCny": "<cooperation>",
    "stories": "<stories>",
}
_COLLEGE_SCORE = Kind(
    (
        "c",
        "alumni",
        "complete",
        "events",
        "attendance",
        "interactions",
        "raised",
        "donors",
        "largest",
        "cooperations",
        "cooperation",
        "stories",
    ),
    SCORE_COLUMNS,
    {"college": Link("College", False, bind=(("n", "c"),))},
    {"raisedCny": MONEY, "largestGiftCny": MONEY, "cooperationValueCny": MONEY},
)


def giving_kinds(everyone: bool, giving: bool) -> dict[str, Kind]:
    """The giving tables for such a caller (registered in graph.compiled.kinds)."""
    return {
        "Donor": _donor(everyone),
        "Fund": _fund(giving),
        "Donation": _donation(everyone, giving),
        "FundReport": _fund_report(giving),
        "Stewardship": _STEWARDSHIP,
        "DonationConnection": _donation_page(giving),
        "DonationEdge": _DONATION_EDGE,
        "PageInfo": _PAGE_INFO,
        "CollegeScore": _COLLEGE_SCORE,
    }


BY_ID: dict[str, LiteralString] = {
    "Fund": "MATCH (n:Fund {id: $id})",
    "Donation": "MATCH (n:Donation {id: $id}) WHERE " + DONATION_VISIBLE,
}
