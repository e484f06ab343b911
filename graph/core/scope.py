"""What a caller may see, as Cypher parameters; every read filters by it inside its statement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, LiteralString


@dataclass(frozen=True)
class Scope:
    """A caller's reach over personal data. Built by the API from the token; plain data here."""

    all_alumni: bool = False
    college_code: str | None = None
    chapter_code: str | None = None
    alumnus_id: str | None = None
    directory: bool = False
    giving: bool = False

    def params(self) -> dict[str, Any]:
        """The `$scope` map every scoped statement receives."""
        return {
            "all": self.all_alumni,
            "college": self.college_code,
            "chapter": self.chapter_code,
            "alumnus": self.alumnus_id,
            "directory": self.directory,
            "giving": self.giving,
        }


FULL = Scope(all_alumni=True, directory=True, giving=True)

# `n` is an Alumnus. In scope: everyone for the office; a college's students and staff for its
# officer; a chapter's members for its organizer; oneself; consenting alumni in the directory.
ALUMNUS_IN_SCOPE: LiteralString = (
    "($scope.all"
    " OR ($scope.college IS NOT NULL AND ("
    "EXISTS { (n)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(:College {code: $scope.college}) }"
    " OR EXISTS { (n)-[:WORKED_AT_SCHOOL]->(:College {code: $scope.college}) }))"
    " OR ($scope.chapter IS NOT NULL"
    " AND EXISTS { (n)-[:MEMBER_OF]->(:Chapter {code: $scope.chapter}) })"
    " OR n.id = $scope.alumnus)"
)
ALUMNUS_VISIBLE: LiteralString = (
    "(" + ALUMNUS_IN_SCOPE + " OR ($scope.directory AND n.consentDirectory = true))"
)
# Contact details: within scope (the directory alone is not enough) and with consent, or oneself.
CONTACT_VISIBLE: LiteralString = (
    "(n.id = $scope.alumnus OR (coalesce(n.consentContact, false) AND " + ALUMNUS_IN_SCOPE + "))"
)

# `f` is a Fund: its giving data (sums, donations) is for the office and fundraisers, and for a
# college officer when the fund is their college's.
FUND_GIVING: LiteralString = (
    "($scope.giving OR ($scope.college IS NOT NULL"
    " AND EXISTS { (f)-[:OF_COLLEGE]->(:College {code: $scope.college}) }))"
)
# `n` is a Donation: visible on the same terms as its fund's giving data.
DONATION_VISIBLE: LiteralString = (
    "($scope.giving OR ($scope.college IS NOT NULL"
    " AND EXISTS { (n)-[:TO]->(:Fund)-[:OF_COLLEGE]->(:College {code: $scope.college}) }))"
)

# For callers who see every alumnus ($scope.all) or all giving data ($scope.giving) the predicates
# above reduce to constants; the planner cannot know that (plans are cached for every parameter
# value), and on 10,000 rows the unused EXISTS branches cost as much as the rest of the statement.
# `specialised` gives the reduced text, derived from the fixed text only.
_FOR_EVERYONE: tuple[tuple[LiteralString, LiteralString], ...] = (
    (ALUMNUS_VISIBLE, "true"),
    (CONTACT_VISIBLE, "(n.id = $scope.alumnus OR coalesce(n.consentContact, false))"),
    (ALUMNUS_IN_SCOPE, "true"),
)
_FOR_GIVING: tuple[tuple[LiteralString, LiteralString], ...] = (
    (FUND_GIVING, "true"),
    (DONATION_VISIBLE, "true"),
)
# Compiled reads (graph.compiled) make one statement text per document, so the remembered texts
# are bounded (least recently used first out).
_REDUCED_MAX = 1024


@lru_cache(maxsize=_REDUCED_MAX)
def reduced(query: LiteralString, *, everyone: bool, giving: bool) -> LiteralString:
    """`query` with the predicates that are constant for such a caller replaced by `true`."""
    text: str = query
    for predicate, constant in (_FOR_EVERYONE if everyone else ()) + (_FOR_GIVING if giving else ()):
        text = text.replace(predicate, constant)
    return text  # derived from fixed text only


def specialised(query: LiteralString, params: Mapping[str, Any] | None) -> LiteralString:
    """The text to run for the statement's `$scope`: reduced for the office and giving roles."""
    scope = (params or {}).get("scope")
    if not isinstance(scope, Mapping):
        return query
    everyone, giving = scope.get("all") is True, scope.get("giving") is True
    return reduced(query, everyone=everyone, giving=giving) if everyone or giving else query
