"""Cooperation and story files of a generated bundle (DESIGN §7): validity and references."""

from __future__ import annotations

from collections import defaultdict

from graph.core import validation as v
from tests.scripts.bundle_rules import Checker, Row, dated, enum, not_before, ref


def _listed(value: str, known: set[str], what: str) -> str | None:
    """Reason a `;` list names something unknown, or None."""
    unknown = [k for k in value.split(";") if k and k not in known]
    return f"unknown {what} {', '.join(unknown)}" if unknown else None


def _cooperation(r: Row, c: Checker, needs: dict[str, set[str]]) -> list[tuple[str, str | None]]:
    kinds = [k for k in r["need_kinds"].split(";") if k]
    return [
        ("kind", enum(r["kind"], "cooperation")),
        ("status", enum(r["status"], "cooperation_status")),
        ("credit_code", ref(r["credit_code"], c.keys("companies.csv", "credit_code"), "company")),
        ("college_code", ref(r["college_code"], c.keys("colleges.csv", "code"), "college", optional=True)),
        ("start_date", dated(r["start_date"])),
        ("end_date", (v.date_error(r["end_date"]) if r["end_date"] else None) or not_before(r["end_date"], r["start_date"])),
        ("value_cny", v.amount_error(r["value_cny"]) if r["value_cny"] else None),
        ("need_kinds", None if set(kinds) <= needs[r["credit_code"]] else f"{kinds} not all needs of the company"),
        ("broker_external_ids", _listed(r["broker_external_ids"], c.keys("alumni.csv", "external_id"), "alumnus")),
    ]  # fmt: skip


def _story(r: Row, c: Checker) -> list[tuple[str, str | None]]:
    features = ("external_ids", "credit_codes", "event_codes", "chapter_codes", "college_codes")
    return [
        ("channel", enum(r["channel"], "channel")),
        ("published_on", dated(r["published_on"])),
        ("external_ids", _listed(r["external_ids"], c.keys("alumni.csv", "external_id"), "alumnus")),
        ("credit_codes", _listed(r["credit_codes"], c.keys("companies.csv", "credit_code"), "company")),
        ("event_codes", _listed(r["event_codes"], c.keys("events.csv", "code"), "event")),
        ("chapter_codes", _listed(r["chapter_codes"], c.keys("chapters.csv", "code"), "chapter")),
        ("college_codes", _listed(r["college_codes"], c.keys("colleges.csv", "code"), "college")),
        ("external_ids", None if any(r[f] for f in features) else "a story with no feature"),
    ]


def check_publicity(c: Checker) -> None:
    """Cooperations answer needs their company has; stories feature at least one known node."""
    needs: dict[str, set[str]] = defaultdict(set)
    for r in c.b["needs.csv"]:
        needs[r["credit_code"]].add(r["kind"])
    c.each("cooperations.csv", lambda r: _cooperation(r, c, needs))
    c.each("stories.csv", lambda r: _story(r, c))
    c.unique("cooperations.csv", "code")
    c.unique("stories.csv", "code")
