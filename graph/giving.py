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
from graph.scope import DONATION_VISIBLE as DONATION_VISIBLE
from graph.scope import FUND_GIVING as FUND_GIVING

# Money received: gifts and payments (pledges are promises, counted once paid).
RECEIVED_KINDS: LiteralString = "['GIFT', 'PAYMENT']"

# The giving predicates live with the other scope predicates (graph.scope).
