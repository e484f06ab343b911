"""The generated data looks like a real university's: proportions, structure and scale."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.seed import generate
from tests.scripts.bundle_rules import ENUMS, pledge_totals
from tests.scripts.conftest import Generated

pytestmark = pytest.mark.unit


def _share(rows: list[dict[str, str]], test: str, value: str = "true") -> float:
    return sum(r[test] == value for r in rows) / len(rows)


def test_about_one_percent_notable_and_seventy_percent_consenting(bundle: Generated) -> None:
    alumni = bundle.rows["alumni.csv"]
    assert 0.005 <= _share(alumni, "notable") <= 0.02
    assert 0.65 <= _share(alumni, "consent_contact") <= 0.75
    assert 0.3 <= _share(alumni, "consent_directory") <= 0.6
    assert sum(bool(r["email"]) for r in alumni) / len(alumni) > 0.7
    assert sum(bool(r["phone"]) for r in alumni) / len(alumni) > 0.65


def test_mostly_students_with_every_kind_and_some_people_of_several_kinds(bundle: Generated) -> None:
    kinds = [r["kinds"].split(";") for r in bundle.rows["alumni.csv"]]
    counts = Counter(k for ks in kinds for k in ks)
    assert counts["STUDENT"] / len(kinds) > 0.75
    assert set(counts) == ENUMS["kinds"]
    assert sum(len(ks) > 1 for ks in kinds) >= 20


def test_names_are_chinese_with_common_surnames_first_and_a_few_foreign(bundle: Generated) -> None:
    names = [r["name"] for r in bundle.rows["alumni.csv"]]
    top = [s for s, _ in Counter(n[0] for n in names).most_common(3)]
    assert set(top) <= {"王", "李", "张", "刘"}
    assert 0.9 < sum(len(n) in (2, 3) for n in names) / len(names) < 1.0
    assert any(" " in n for n in names)


def test_birth_years_fit_the_first_class(bundle: Generated) -> None:
    birth = {r["external_id"]: int(r["birth_year"]) for r in bundle.rows["alumni.csv"]}
    classes = {r["code"]: r for r in bundle.rows["classes.csv"]}
    first: dict[str, int] = {}
    for r in bundle.rows["education.csv"]:
        first.setdefault(r["external_id"], int(classes[r["class_code"]]["entry_year"]))
    ages = [entry - birth[person] for person, entry in first.items()]
    assert min(ages) >= 16
    assert Counter(a for a in ages if a <= 19).total() / len(ages) > 0.5  # most start a bachelor at 17-19


def test_most_alumni_are_in_one_class_some_in_two_or_three(bundle: Generated) -> None:
    per = Counter(Counter(r["external_id"] for r in bundle.rows["education.csv"]).values())
    assert per[1] > 0.75 * per.total()
    assert per[2] + per[3] > 0.03 * per.total()


def test_classes_span_1960_to_2025_in_every_degree_and_most_have_a_liaison(bundle: Generated) -> None:
    classes = bundle.rows["classes.csv"]
    years = [int(r["graduation_year"]) for r in classes]
    assert min(years) < 1975
    assert max(years) == 2025
    assert {r["degree"] for r in classes} == ENUMS["degree"]
    with_liaison = {r["class_code"] for r in bundle.rows["liaisons.csv"]}
    assert len(with_liaison) >= 0.8 * len(classes)


def test_people_live_mostly_in_big_chinese_cities_and_some_abroad(bundle: Generated) -> None:
    cities = Counter(r["city_code"] for r in bundle.rows["alumni.csv"] if r["city_code"])
    top = {c for c, _ in cities.most_common(6)}
    assert {"110100", "310100", "440300"} <= top
    abroad = sum(n for c, n in cities.items() if not c[0].isdigit()) / cities.total()
    assert 0.04 < abroad < 0.12


def test_companies_span_many_industries_and_a_few_are_foreign(bundle: Generated) -> None:
    companies = bundle.rows["companies.csv"]
    assert len({r["industry_code"][:2] for r in companies}) >= 30
    assert 0.03 < sum(r["credit_code"].startswith("X-") for r in companies) / len(companies) < 0.15
    assert {r["size"] for r in companies} == ENUMS["size"]


def test_most_alumni_are_employed_with_founders_executives_and_past_jobs(bundle: Generated) -> None:
    jobs = bundle.rows["employment.csv"]
    assert len({r["external_id"] for r in jobs}) > 0.75 * len(bundle.rows["alumni.csv"])
    assert {r["role"] for r in jobs} == ENUMS["employment_role"]
    assert 0.2 < sum(bool(r["end_year"]) for r in jobs) / len(jobs) < 0.7


def test_chapters_of_every_kind_under_the_general_association(bundle: Generated) -> None:
    chapters = bundle.rows["chapters.csv"]
    general = [r["code"] for r in chapters if r["kind"] == "GENERAL"]
    assert len(general) == 1
    assert {r["parent_code"] for r in chapters if r["kind"] != "GENERAL"} == set(general)
    assert {r["kind"] for r in chapters} == ENUMS["chapter"]
    assert 55 <= len(chapters) <= 150
    assert {r["college_code"] for r in chapters if r["kind"] == "COLLEGE"} == {
        r["code"] for r in bundle.rows["colleges.csv"]
    }
    assert any(r["region_code"][:1].isalpha() for r in chapters if r["kind"] == "REGIONAL"), (
        "overseas chapters"
    )
    assert {r["role"] for r in bundle.rows["memberships.csv"]} == ENUMS["member_role"]


def test_relations_are_mostly_within_classes_and_companies(bundle: Generated) -> None:
    kinds = Counter(r["kind"] for r in bundle.rows["relations.csv"])
    assert set(kinds) == ENUMS["relation"]
    assert (kinds["CLASSMATE"] + kinds["COLLEAGUE"]) / kinds.total() > 0.6


def test_a_fund_of_every_kind_and_a_development_fund_per_college(bundle: Generated) -> None:
    funds = bundle.rows["funds.csv"]
    assert {r["kind"] for r in funds} == ENUMS["fund"]
    developing = {r["college_code"] for r in funds if r["kind"] == "COLLEGE_DEVELOPMENT"}
    assert developing == {r["code"] for r in bundle.rows["colleges.csv"]}


def test_donations_over_the_years_in_every_shape(bundle: Generated) -> None:
    gifts = bundle.rows["donations.csv"]
    assert len(gifts) >= 2 * len(bundle.rows["alumni.csv"])
    assert {r["date"][:4] for r in gifts} == {str(y) for y in range(2015, 2027)}
    assert {r["kind"] for r in gifts} == ENUMS["donation"]
    assert {r["currency"] for r in gifts} == ENUMS["currency"]
    assert 0 < _share(gifts, "anonymous") < 0.05
    assert any(r["donor_credit_code"] for r in gifts)
    assert 0.05 < sum(bool(r["solicitor_external_id"]) for r in gifts) / len(gifts) < 0.5


def test_payments_never_exceed_their_pledge_and_follow_it_across_year_ends(bundle: Generated) -> None:
    gifts = bundle.rows["donations.csv"]
    pledges = {r["receipt_no"]: r for r in gifts if r["kind"] == "PLEDGE"}
    paid = pledge_totals(gifts)
    later: defaultdict[str, set[str]] = defaultdict(set)
    for r in gifts:
        if r["kind"] == "PAYMENT":
            assert r["date"] >= pledges[r["pledge_receipt_no"]]["date"]
            later[r["pledge_receipt_no"]].add(r["date"][:4])
    assert all(total <= Decimal(pledges[no]["amount"]) for no, total in paid.items())
    assert any(total == Decimal(pledges[no]["amount"]) for no, total in paid.items()), "some fully paid"
    assert any(total < Decimal(pledges[no]["amount"]) for no, total in paid.items()), "some outstanding"
    assert any(len(years) > 1 for years in later.values()), "payments in parts across year ends"


def test_events_of_every_kind_with_attendance_and_outreach_to_chapters_and_notables(
    bundle: Generated,
) -> None:
    assert {r["kind"] for r in bundle.rows["events.csv"]} == ENUMS["event"]
    assert {r["role"] for r in bundle.rows["attendance.csv"]} == ENUMS["attendance_role"]
    touches = bundle.rows["interactions.csv"]
    notable = {r["external_id"] for r in bundle.rows["alumni.csv"] if r["notable"] == "true"}
    assert any(r["with_chapter_code"] and r["kind"] == "VISIT" for r in touches)
    assert any(r["with_external_id"] in notable and r["feedback"] for r in touches)
    assert notable - {r["with_external_id"] for r in touches}, "some notable alumni are due a visit"


def test_awards_of_every_kind_every_year(bundle: Generated) -> None:
    by_year = defaultdict(set)
    for r in bundle.rows["awards.csv"]:
        by_year[r["year"]].add(r["kind"])
    assert set(by_year) == {str(y) for y in range(2015, 2026)}
    assert all(kinds == ENUMS["award"] for kinds in by_year.values())


@pytest.mark.parametrize("alumni", [1000, 6000])
def test_counts_scale_with_the_number_of_alumni(alumni: int, tmp_path: Path) -> None:
    # when
    rows = generate(tmp_path / "b", alumni).rows
    # then
    assert rows["alumni.csv"] == alumni
    assert rows["companies.csv"] == round(alumni / 8)
    assert rows["donations.csv"] >= 2 * alumni
    assert 0.7 * alumni < rows["employment.csv"] < 2.5 * alumni
    assert 0.5 * alumni < rows["relations.csv"] < 2 * alumni
    assert 55 <= rows["chapters.csv"] <= 150
    assert rows["events.csv"] >= 100
    assert alumni / 250 * 12 * 0.9 <= rows["stories.csv"] <= alumni / 250 * 12 * 1.1 + 6 * 12


def test_cooperations_of_every_kind_and_status_with_a_few_percent_of_alumni_enterprises(
    bundle: Generated,
) -> None:
    rows = bundle.rows["cooperations.csv"]
    assert {r["kind"] for r in rows} == ENUMS["cooperation"]
    assert {r["status"] for r in rows} == ENUMS["cooperation_status"]
    enterprises = {r["credit_code"] for r in bundle.rows["employment.csv"] if not r["end_year"]}
    partners = {r["credit_code"] for r in rows}
    assert partners <= enterprises
    assert 0.02 <= len(partners) / len(enterprises) <= 0.1 or len(partners) == 12
    assert any(r["need_kinds"] for r in rows) or len(rows) < 30


def test_stories_every_year_on_every_channel(bundle: Generated) -> None:
    rows = bundle.rows["stories.csv"]
    assert {r["channel"] for r in rows} == ENUMS["channel"]
    assert {r["published_on"][:4] for r in rows} == {str(y) for y in range(2015, 2027)}
    for column in ("external_ids", "credit_codes", "event_codes", "chapter_codes"):
        assert any(r[column] for r in rows), column
