"""The vocabulary of funds, donations and awards, and who may see giving data."""

from __future__ import annotations

from typing import LiteralString

from graph.core.model import AwardKind as AwardKind
from graph.core.model import DonationKind as DonationKind
from graph.core.model import FundKind as FundKind
from graph.core.model import FundStatus as FundStatus
from graph.core.scope import DONATION_VISIBLE as DONATION_VISIBLE
from graph.core.scope import FUND_GIVING as FUND_GIVING

# Money received: gifts and payments (pledges are promises, counted once paid).
RECEIVED_KINDS: LiteralString = "['GIFT', 'PAYMENT']"

# The giving predicates live with the other scope predicates (graph.core.scope).
