"""Compiled statements of the giving reports: the figures come from the very Cypher the resolvers run
(graph.reports), the rows' nested fields from the fixed tables, all in one statement."""

from __future__ import annotations

from typing import LiteralString

from graph.compiled.statements import Read, projection
from graph.core.scope import reduced
from graph.reports.funds import STEWARDS, STEWARDS_ORDER, TOTALS
from graph.reports.retention import SEGMENTED
from graph.reports.scorecards import SCORECARD

_REPORT_SLOTS = {
    "f": "f",
    "start": "start",
    "end": "end",
    "received": "receivedFen",
    "pledged": "pledgedFen",
    "outstanding": "outstandingFen",
    "donors": "donorCount",
    "newdonors": "newDonorCount",
}


# The stewardship list of graph.reports.funds as one list `stewards` of rows [shown donor, anonymous,
# lastGiftOn, contactable, donorName, donorId]: the donor is hidden from callers without the giving
# scope when any gift to the fund was anonymous. (Read in a CALL: Neo4j 5 refuses an aggregation in
# a COLLECT subquery nested in a projection.)
STEWARDS_CALL: LiteralString = (
    " CALL (f) { " + STEWARDS + " WITH donorId, donorName, anonymous, lastGiftOn, contactable,"
    " CASE WHEN anonymous AND NOT $scope.giving THEN null ELSE donor END AS shown"
    " ORDER BY "
    + STEWARDS_ORDER
    + " RETURN collect([shown, anonymous, lastGiftOn, contactable, donorName, donorId]) AS stewards }"
)


def fund_report_statement(read: Read, *, everyone: bool, giving: bool) -> LiteralString:
    """fundReport (`$fund`, `$year`), projected: one record with `rows` (none: no such fund in scope).
    The stewardship list is read only when the selection shows it."""
    slots = dict(_REPORT_SLOTS)
    body = TOTALS
    if any(name == "stewardship" for name, _, _ in read.links):
        slots["stewards"] = "stewards"
        body += STEWARDS_CALL
    shaped = projection(read, slots, everyone=everyone, giving=giving)
    text = "RETURN COLLECT { " + body + " RETURN " + shaped + " } AS rows"
    return reduced(text, everyone=everyone, giving=giving)


_SCORE_SLOTS = {
    "c": "c",
    "alumni": "alumniCount",
    "complete": "completeProfiles",
    "events": "eventsHeld",
    "attendance": "attendance",
    "interactions": "interactions",
    "raised": "raisedFen",
    "donors": "donorCount",
    "largest": "largestFen",
    "cooperations": "cooperations",
    "cooperation": "cooperationFen",
    "stories": "stories",
}
# The sort keys of collegeScorecard (CollegeMetric values), as numbers in the resolver's order.
SCORE_METRICS: tuple[tuple[str, LiteralString], ...] = (
    ("alumni_count", "alumniCount"),
    ("complete_profiles", "completeProfiles"),
    ("events_held", "eventsHeld"),
    ("attendance", "coalesce(attendance, 0)"),
    ("interactions", "interactions"),
    ("raised_cny", "coalesce(raisedFen, 0)"),
    ("donor_count", "donorCount"),
    ("largest_gift_cny", "coalesce(largestFen, 0)"),
    ("cooperations", "cooperations"),
    ("cooperation_value_cny", "coalesce(cooperationFen, 0)"),
    ("stories", "stories"),
)


def scorecard_statement(read: Read, *, everyone: bool, giving: bool) -> LiteralString:
    """collegeScorecard (`$year`): one record with `rows`, each `[[metric, …], projection]`, by code."""
    shaped = projection(read, _SCORE_SLOTS, everyone=everyone, giving=giving)
    metrics = "[" + ", ".join(expr for _, expr in SCORE_METRICS) + "]"
    text = (
        "RETURN COLLECT { "
        + SCORECARD
        + " RETURN ["
        + metrics
        + ", "
        + shaped
        + "] ORDER BY c.code } AS rows"
    )
    return reduced(text, everyone=everyone, giving=giving)


def retention_counts_statement(*, everyone: bool, giving: bool) -> LiteralString:
    """donorRetention's segment sizes (`$year`, `$fund`, `$college`): one record with `rows`
    `[segment, total]`."""
    text = (
        "RETURN COLLECT { "
        + SEGMENTED
        + " WITH segment WHERE segment IS NOT NULL WITH segment, count(*) AS total"
        " RETURN [segment, total] } AS rows"
    )
    return reduced(text, everyone=everyone, giving=giving)


# Every donor of every segment, ordered as graph.reports.retention orders them (name, then id).
_EVERY_DONOR: LiteralString = (
    "CALL () { " + SEGMENTED + " WITH donor, segment WHERE segment IS NOT NULL"
    " RETURN segment, donor, coalesce(donor.name, '') AS name, donor.id AS id ORDER BY name, id }"
    " WITH collect([segment, donor, name, id]) AS all_"
)
_SIZES: LiteralString = (
    "[s_ IN ['RETAINED', 'LYBUNT', 'SYBUNT', 'NEW', 'RECAPTURED']"
    " | [s_, size([x_ IN all_ WHERE x_[0] = s_])]]"
)


def retention_statement(
    pages: tuple[tuple[str, tuple[Read, ...]], ...], *, everyone: bool, giving: bool
) -> LiteralString:
    """donorRetention with pages of donors: one record with `rows` = [[segment, size] …, [page …]];
    each page (`$pN`: segment, first, limit, afterKey, afterId, as schema.compiled.giving_arguments
    reads a page) is [first, had a cursor, [[name, id, projection …] …]] (one more than asked)."""
    built = []
    for param, reads in pages:
        p: LiteralString = "$" + param  # a parameter name the compiler chose (p + a number)
        shaped = "".join(", " + projection(r, {"n": "v_"}, everyone=everyone, giving=giving) for r in reads)
        built.append(
            "["
            + p
            + ".first, "
            + p
            + ".afterId IS NOT NULL, COLLECT { UNWIND all_ AS x_ WITH x_ WHERE x_[0] = "
            + p
            + ".segment AND ("
            + p
            + ".afterId IS NULL OR x_[2] > "
            + p
            + ".afterKey OR (x_[2] = "
            + p
            + ".afterKey AND x_[3] > "
            + p
            + ".afterId)) WITH x_ ORDER BY x_[2], x_[3] LIMIT "
            + p
            + ".limit WITH x_[1] AS v_, x_[2] AS n_, x_[3] AS i_ RETURN [n_, i_"
            + shaped
            + "] }]"
        )
    text = _EVERY_DONOR + " RETURN [" + _SIZES + ", [" + ", ".join(built) + "]] AS rows"
    return reduced(text, everyone=everyone, giving=giving)
