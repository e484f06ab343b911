"""What a caller may see, as Cypher parameters; every read filters by it inside its statement."""

from __future__ import annotations

from dataclasses import dataclass
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
