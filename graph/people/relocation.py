"""Moving an alumnus's relationships onto another alumnus, one fixed relationship type at a time.

Cypher cannot take a relationship type as a parameter, so every type an alumnus can have
(DESIGN §2) is written out here as fixed text, with how two ties to the same node combine.
A tie the kept alumnus already has (same type, same other node; KNOWS in either direction)
is not duplicated: its unset properties are filled from the moved one, then the rule of the
type combines the rest (earliest start, most senior role...). Ties to the alumni being merged
(KNOWS between two records of one person) would become self-loops and are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Tx


def _senior(prop: LiteralString, order: tuple[LiteralString, ...]) -> LiteralString:
    """`e.prop` becomes `r.prop` when that comes earlier in `order` (most senior first)."""

    def rank(var: LiteralString) -> LiteralString:
        whens = " ".join("WHEN '" + v + "' THEN " + str(i) for i, v in enumerate(order))
        return "CASE " + var + "." + prop + " " + whens + " ELSE 99 END"

    return (
        " SET e."
        + prop
        + " = CASE WHEN "
        + rank("r")
        + " < "
        + rank("e")
        + " THEN r."
        + prop
        + " ELSE e."
        + prop
        + " END"
    )


_EARLIEST_START: LiteralString = (
    " SET e.startYear = CASE WHEN r.startYear < e.startYear THEN r.startYear ELSE e.startYear END"
)
# The union of two spans: it is current (no end) when either is, else ends at the later end.
_SPAN_END: LiteralString = (
    " SET e.endYear = CASE WHEN mine.endYear IS NULL OR r.endYear IS NULL THEN null"
    " WHEN r.endYear > mine.endYear THEN r.endYear ELSE mine.endYear END"
)


@dataclass(frozen=True)
class Move:
    """One relationship type seen from the alumnus: direction, how ties combine, single-valued."""

    type: LiteralString
    outgoing: bool
    combine: LiteralString = ""
    single: bool = False  # the alumnus has at most one (LIVES_IN): the kept one's stays

    @property
    def statement(self) -> LiteralString:
        """Move every such tie of the `$merged` alumni, in their order, to `$keep`; returns how many.

        The subquery runs once per tie and sees what earlier runs wrote, so a tie two merged
        alumni both have becomes one tie of the kept alumnus, filled from the first one first.
        """
        old = _tie(self.outgoing, "(m)", "r", self.type)
        new = _tie(self.outgoing, "(k)", "n", self.type)
        return (
            "MATCH (k:Alumnus {id: $keep}) UNWIND $merged AS merged"
            " MATCH (m:Alumnus {id: merged}) MATCH " + old + ""
            " WHERE NOT (t:Alumnus AND t.id IN $group)"
            " CALL (k, t, r) { OPTIONAL MATCH " + self._existing + " WITH k, t, r, head(collect(e)) AS e"
            " CALL (k, t, r, e) { WITH * WHERE e IS NULL CREATE "
            + new
            + " SET n = properties(r) }"
            + self._combine
            + " } DELETE r RETURN count(r) AS moved"
        )

    @property
    def _existing(self) -> LiteralString:
        """The kept alumnus's tie that a moved one joins: same type and node (KNOWS: either way)."""
        if self.single:
            return "(k)-[e:" + self.type + "]->()"
        if self.type == "KNOWS":
            return "(k)-[e:" + self.type + "]-(t)"
        return _tie(self.outgoing, "(k)", "e", self.type)

    @property
    def _combine(self) -> LiteralString:
        """Fill the joined tie's unset properties from the moved one, then apply the type's rule."""
        if self.single:
            return ""
        return (
            " CALL (r, e) { WITH r, e, properties(e) AS mine, properties(r) AS theirs"
            " WHERE e IS NOT NULL SET e += theirs SET e += mine" + self.combine + " }"
        )


def _tie(outgoing: bool, alumnus: LiteralString, var: LiteralString, rel: LiteralString) -> LiteralString:
    """`alumnus`-[var:rel]->(t), or the other way round."""
    if outgoing:
        return alumnus + "-[" + var + ":" + rel + "]->(t)"
    return alumnus + "<-[" + var + ":" + rel + "]-(t)"


MOVES: tuple[Move, ...] = (
    Move("STUDIED_IN", outgoing=True),
    Move("LIAISON_FOR", outgoing=True),
    Move("LIVES_IN", outgoing=True, single=True),
    Move("WORKED_AT_SCHOOL", outgoing=True, combine=_EARLIEST_START + _SPAN_END),
    Move(
        "WORKS_AT",
        outgoing=True,
        combine=_EARLIEST_START + _SPAN_END + _senior("role", ("FOUNDER", "EXECUTIVE", "EMPLOYEE")),
    ),
    Move(
        "MEMBER_OF",
        outgoing=True,
        combine=(
            " SET e.sinceYear = CASE WHEN r.sinceYear < e.sinceYear THEN r.sinceYear ELSE e.sinceYear END"
            + _senior("role", ("PRESIDENT", "VICE_PRESIDENT", "SECRETARY", "MEMBER"))
        ),
    ),
    Move("ATTENDED", outgoing=True, combine=_senior("role", ("ORGANIZER", "SPEAKER", "GUEST"))),
    Move(
        "KNOWS",
        outgoing=True,
        combine=" SET e.strength = CASE WHEN r.strength > e.strength THEN r.strength ELSE e.strength END",
    ),
    Move(
        "KNOWS",
        outgoing=False,
        combine=" SET e.strength = CASE WHEN r.strength > e.strength THEN r.strength ELSE e.strength END",
    ),
    Move("FROM", outgoing=False),
    Move("SOLICITED_BY", outgoing=False),
    Move("BY", outgoing=False),
    Move("WITH", outgoing=False),
    Move("TO", outgoing=False),
    Move("BROKERED_BY", outgoing=False),  # DESIGN §7: cooperations they introduced
    Move("FEATURES", outgoing=False),  # DESIGN §7: stories about them
)

SELF_LOOPS = "KNOWS_WITHIN_MERGE"  # KNOWS between the merged records, dropped rather than moved
_SELF_LOOPS: LiteralString = (
    "MATCH (m:Alumnus)-[r:KNOWS]-(x:Alumnus) WHERE m.id IN $merged AND x.id IN $group"
    " WITH DISTINCT r DELETE r RETURN count(r) AS dropped"
)
_LEFT: LiteralString = (
    "UNWIND $merged AS merged MATCH (m:Alumnus {id: merged})-[r]-()"
    " RETURN merged, type(r) AS type, count(r) AS n ORDER BY type"
)


async def relocate(tx: Tx, keep: str, merged: list[str]) -> dict[str, int]:
    """Move every tie of the `merged` alumni to `keep`: one statement per type, whatever their number.

    Returns the ties handled per type (and SELF_LOOPS dropped). Ties of a type this module does
    not know stay on the merged alumni; see `leftover`.
    """
    params = {"keep": keep, "merged": merged, "group": [keep, *merged]}
    handled: dict[str, int] = {}
    for move in MOVES:
        row = await tx.row(move.statement, params)
        handled[move.type] = handled.get(move.type, 0) + int(row["moved"] if row else 0)
    row = await tx.row(_SELF_LOOPS, params)
    handled[SELF_LOOPS] = int(row["dropped"] if row else 0)
    return {k: v for k, v in handled.items() if v}


async def leftover(tx: Tx, merged: list[str]) -> dict[str, dict[str, int]]:
    """Ties still on the merged alumni after `relocate` (types nobody taught this module), by alumnus."""
    left: dict[str, dict[str, int]] = {}
    for r in await tx.rows(_LEFT, {"merged": merged}):
        left.setdefault(r["merged"], {})[r["type"]] = int(r["n"])
    return left
