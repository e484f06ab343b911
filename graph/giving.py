"""The vocabulary of funds, donations and awards, and who may see giving data."""

from __future__ import annotations

from enum import StrEnum
from typing import LiteralString


class FundKind(StrEnum):
    """Purposes of donation funds."""

    COLLEGE_DEVELOPMENT = "COLLEGE_DEVELOPMENT"
    STUDENT_INNOVATION = "STUDENT_INNOVATION"
    CAMPUS_CULTURE = "CAMPUS_CULTURE"
    SCHOLARSHIP = "SCHOLARSHIP"
    OTHER = "OTHER"


class FundStatus(StrEnum):
    """Whether a fund still takes donations."""

    OPEN = "OPEN"
    CLOSED = "CLOSED"


class DonationKind(StrEnum):
    """A promise (PLEDGE), a one-off gift (GIFT) or a payment toward a pledge (PAYMENT)."""

    PLEDGE = "PLEDGE"
    GIFT = "GIFT"
    PAYMENT = "PAYMENT"


class AwardKind(StrEnum):
    """Awards of the annual evaluation."""

    COLLEGE_WORK = "COLLEGE_WORK"
    BREAKTHROUGH = "BREAKTHROUGH"
    OUTSTANDING_CHAPTER = "OUTSTANDING_CHAPTER"
    OUTSTANDING_INDIVIDUAL = "OUTSTANDING_INDIVIDUAL"


# Money received: gifts and payments (pledges are promises, counted once paid).
RECEIVED_KINDS: LiteralString = "['GIFT', 'PAYMENT']"

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
