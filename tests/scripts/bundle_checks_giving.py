"""Giving and engagement files of a generated bundle: validity, references, pledge structure."""

from __future__ import annotations

from graph.core import validation as v
from tests.scripts.bundle_rules import Checker, Row, boolean, dated, enum, not_before, one_of, ref, year


def _toward(r: Row, pledges: dict[str, Row]) -> list[tuple[str, str | None]]:
    """A payment names a pledge of the same donor, fund and currency, dated no later."""
    paying = r["kind"] == "PAYMENT"
    pledge = pledges.get(r["pledge_receipt_no"])
    same = pledge is not None and all(
        pledge[k] == r[k] for k in ("donor_external_id", "donor_credit_code", "fund_code", "currency")
    )
    return [
        (
            "pledge_receipt_no",
            None if bool(r["pledge_receipt_no"]) == paying else "payments (only) name a pledge",
        ),
        (
            "pledge_receipt_no",
            None if not paying or same else "not a pledge of the same donor, fund and currency",
        ),
        ("pledge_receipt_no", not_before(r["date"], pledge["date"]) if paying and pledge else None),
    ]


def _donor(r: Row, c: Checker) -> list[tuple[str, str | None]]:
    alumni, companies = c.keys("alumni.csv", "external_id"), c.keys("companies.csv", "credit_code")
    return [
        ("donor_external_id", one_of(r, "donor_external_id", "donor_credit_code")),
        ("donor_external_id", ref(r["donor_external_id"], alumni, "alumnus", True)),
        ("donor_credit_code", ref(r["donor_credit_code"], companies, "company", True)),
    ]


def _donation(r: Row, c: Checker, pledges: dict[str, Row], staff: set[str]) -> list[tuple[str, str | None]]:
    cny = r["amount_cny"] or r["currency"] != "CNY"
    return [
        *_donor(r, c),
        *_toward(r, pledges),
        ("receipt_no", v.code_error(r["receipt_no"])),
        ("fund_code", ref(r["fund_code"], c.keys("funds.csv", "code"), "fund")),
        ("kind", enum(r["kind"], "donation")),
        ("amount", v.amount_error(r["amount"])),
        ("currency", enum(r["currency"], "currency")),
        ("amount_cny", v.amount_error(r["amount_cny"]) if cny else None),
        ("date", dated(r["date"])),
        ("date", None if r["date"] >= "2015-01-01" else "before 2015"),
        ("solicitor_external_id", ref(r["solicitor_external_id"], staff, "STAFF solicitor", True)),
        ("anonymous", boolean(r["anonymous"])),
    ]


def check_giving(c: Checker) -> None:
    """Funds and donations, including the pledge/payment structure."""
    colleges = c.keys("colleges.csv", "code")
    c.each(
        "funds.csv",
        lambda r: [
            ("code", v.code_error(r["code"])),
            ("name", v.text_error(r["name"])),
            ("kind", enum(r["kind"], "fund")),
            ("college_code", ref(r["college_code"], colleges, "college", True)),
            ("goal_cny", v.amount_error(r["goal_cny"])),
        ],
    )
    pledges = {r["receipt_no"]: r for r in c.b["donations.csv"] if r["kind"] == "PLEDGE"}
    staff = {r["external_id"] for r in c.b["alumni.csv"] if "STAFF" in r["kinds"].split(";")}
    c.each("donations.csv", lambda r: _donation(r, c, pledges, staff))
    c.unique("funds.csv", "code")
    c.unique("donations.csv", "receipt_no")


def _event(r: Row, c: Checker) -> list[tuple[str, str | None]]:
    return [
        ("code", v.code_error(r["code"])),
        ("name", v.text_error(r["name"])),
        ("kind", enum(r["kind"], "event")),
        ("date", dated(r["date"])),
        ("end_date", dated(r["end_date"], optional=True)),
        ("end_date", not_before(r["end_date"], r["date"])),
        ("region_code", v.region_code_error(r["region_code"])),
        ("organizer_college_code", one_of(r, "organizer_college_code", "organizer_chapter_code")),
        (
            "organizer_college_code",
            ref(r["organizer_college_code"], c.keys("colleges.csv", "code"), "college", True),
        ),
        (
            "organizer_chapter_code",
            ref(r["organizer_chapter_code"], c.keys("chapters.csv", "code"), "chapter", True),
        ),
    ]


def _interaction(r: Row, c: Checker, staff: set[str]) -> list[tuple[str, str | None]]:
    alumni = c.keys("alumni.csv", "external_id")
    return [
        ("id", None if r["id"].startswith("INT-") and r["id"][4:].isdigit() else "ids look like INT-000123"),
        ("date", dated(r["date"])),
        ("kind", enum(r["kind"], "interaction")),
        ("by_external_id", ref(r["by_external_id"], staff, "STAFF alumnus")),
        ("with_external_id", one_of(r, "with_external_id", "with_chapter_code", "with_credit_code")),
        ("with_external_id", ref(r["with_external_id"], alumni, "alumnus", True)),
        ("with_chapter_code", ref(r["with_chapter_code"], c.keys("chapters.csv", "code"), "chapter", True)),
        (
            "with_credit_code",
            ref(r["with_credit_code"], c.keys("companies.csv", "credit_code"), "company", True),
        ),
        ("summary", v.text_error(r["summary"])),
        ("feedback", v.text_error(r["feedback"]) if r["feedback"] else None),
    ]


_AWARD_TARGET = {
    "COLLEGE_WORK": "college_code",
    "OUTSTANDING_CHAPTER": "chapter_code",
    "OUTSTANDING_INDIVIDUAL": "external_id",
}


def _award(r: Row, c: Checker) -> list[tuple[str, str | None]]:
    target = _AWARD_TARGET.get(r["kind"])
    return [
        ("id", v.code_error(r["id"])),
        ("kind", enum(r["kind"], "award")),
        ("year", year(r["year"])),
        ("title", v.text_error(r["title"])),
        ("college_code", one_of(r, "college_code", "chapter_code", "external_id")),
        ("college_code", ref(r["college_code"], c.keys("colleges.csv", "code"), "college", True)),
        ("chapter_code", ref(r["chapter_code"], c.keys("chapters.csv", "code"), "chapter", True)),
        ("external_id", ref(r["external_id"], c.keys("alumni.csv", "external_id"), "alumnus", True)),
        ("kind", None if target is None or r[target] else f"{r['kind']} goes to a {target}"),
    ]


def check_engagement(c: Checker) -> None:
    """Events, attendance, interactions and awards."""
    staff = {r["external_id"] for r in c.b["alumni.csv"] if "STAFF" in r["kinds"].split(";")}
    events, alumni = c.keys("events.csv", "code"), c.keys("alumni.csv", "external_id")
    c.each("events.csv", lambda r: _event(r, c))
    c.each(
        "attendance.csv",
        lambda r: [
            ("event_code", ref(r["event_code"], events, "event")),
            ("external_id", ref(r["external_id"], alumni, "alumnus")),
            ("role", enum(r["role"], "attendance_role")),
        ],
    )
    c.each("interactions.csv", lambda r: _interaction(r, c, staff))
    c.each("awards.csv", lambda r: _award(r, c))
    for name, key in (("events.csv", "code"), ("interactions.csv", "id"), ("awards.csv", "id")):
        c.unique(name, key)
    c.unique("attendance.csv", "event_code", "external_id")
