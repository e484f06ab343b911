"""The vocabulary of funds, donations and awards, and who may see giving data."""

from __future__ import annotations

from typing import LiteralString

from graph.model import (
    AwardKind as AwardKind,
)  # re-exported: one vocabulary, in graph.model
from graph.model import (
    DonationKind as DonationKind,
)
from graph.model import (
    FundKind as FundKind,
)
from graph.model import (
    FundStatus as FundStatus,
)

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
