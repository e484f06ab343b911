"""Per-file validity and cross-file references of a generated bundle (see bundle_rules)."""

from __future__ import annotations

from pathlib import Path

from graph.core import validation as v
from tests.scripts.bundle_checks_giving import check_engagement, check_giving
from tests.scripts.bundle_checks_publicity import check_publicity
from tests.scripts.bundle_rules import Checker, Row, boolean, enum, not_before, read_bundle, ref, year


def _institutions(c: Checker) -> None:
    colleges = c.keys("colleges.csv", "code")
    c.each("colleges.csv", lambda r: [("code", v.code_error(r["code"])), ("name", v.text_error(r["name"]))])
    c.each(
        "classes.csv",
        lambda r: [
            ("code", v.code_error(r["code"])),
            ("college_code", ref(r["college_code"], colleges, "college")),
            ("name", v.text_error(r["name"])),
            ("degree", enum(r["degree"], "degree")),
            ("major", v.text_error(r["major"])),
            ("entry_year", year(r["entry_year"])),
            ("graduation_year", year(r["graduation_year"])),
            ("graduation_year", None if r["entry_year"] <= r["graduation_year"] <= "2025" else "bad years"),
        ],
    )
    c.unique("colleges.csv", "code")
    c.unique("classes.csv", "code")


def _alumnus(r: Row) -> list[tuple[str, str | None]]:
    kinds = r["kinds"].split(";")
    return [
        ("external_id", v.external_id_error(r["external_id"])),
        ("name", v.text_error(r["name"])),
        ("gender", enum(r["gender"], "gender")),
        ("birth_year", year(r["birth_year"])),
        ("kinds", next((enum(k, "kinds") for k in kinds if enum(k, "kinds")), None)),
        ("kinds", None if len(set(kinds)) == len(kinds) else "repeated kind"),
        ("email", v.email_error(r["email"]) if r["email"] else None),
        ("phone", v.phone_error(r["phone"]) if r["phone"] else None),
        ("city_code", v.region_code_error(r["city_code"]) if r["city_code"] else None),
        ("notable", boolean(r["notable"])),
        ("notable_note", None if bool(r["notable_note"]) == (r["notable"] == "true") else "note iff notable"),
        ("consent_contact", boolean(r["consent_contact"])),
        ("consent_directory", boolean(r["consent_directory"])),
    ]


def _studies(c: Checker) -> None:
    alumni, classes = c.keys("alumni.csv", "external_id"), c.keys("classes.csv", "code")
    birth = {r["external_id"]: int(r["birth_year"]) for r in c.b["alumni.csv"]}
    entry = {r["code"]: int(r["entry_year"]) for r in c.b["classes.csv"]}
    c.each(
        "education.csv",
        lambda r: [
            ("external_id", ref(r["external_id"], alumni, "alumnus")),
            ("class_code", ref(r["class_code"], classes, "class")),
            ("class_code", None if entry[r["class_code"]] - birth[r["external_id"]] >= 16 else "too young"),
        ],
    )
    c.unique("education.csv", "external_id", "class_code")


def _staff(c: Checker) -> None:
    staff = {r["external_id"] for r in c.b["alumni.csv"] if "STAFF" in r["kinds"].split(";")}
    colleges = c.keys("colleges.csv", "code")
    c.each(
        "staff.csv",
        lambda r: [
            ("external_id", ref(r["external_id"], staff, "STAFF alumnus")),
            ("college_code", ref(r["college_code"], colleges, "college")),
            ("title", v.text_error(r["title"])),
            ("start_year", year(r["start_year"])),
            ("end_year", year(r["end_year"], optional=True)),
            ("end_year", not_before(r["end_year"], r["start_year"])),
        ],
    )
    c.unique("staff.csv", "external_id", "college_code")


def _people(c: Checker) -> None:
    c.each("alumni.csv", _alumnus)
    c.unique("alumni.csv", "external_id")
    _studies(c)
    _staff(c)


def _companies(c: Checker) -> None:
    companies = c.keys("companies.csv", "credit_code")
    c.each(
        "companies.csv",
        lambda r: [
            ("credit_code", v.credit_code_error(r["credit_code"])),
            ("name", v.text_error(r["name"])),
            ("industry_code", v.industry_code_error(r["industry_code"])),
            ("city_code", v.region_code_error(r["city_code"])),
            ("size", enum(r["size"], "size")),
            ("website", None if r["website"][:12] in ("", "https://www.") else "bad website"),
        ],
    )
    c.each(
        "needs.csv",
        lambda r: [
            ("credit_code", ref(r["credit_code"], companies, "company")),
            ("kind", enum(r["kind"], "need")),
            ("description", v.text_error(r["description"])),
        ],
    )
    c.unique("companies.csv", "credit_code")
    c.unique("companies.csv", "name")
    c.unique("needs.csv", "credit_code", "kind", "description")


def _careers(c: Checker) -> None:
    alumni, companies = c.keys("alumni.csv", "external_id"), c.keys("companies.csv", "credit_code")
    _companies(c)
    c.each(
        "employment.csv",
        lambda r: [
            ("external_id", ref(r["external_id"], alumni, "alumnus")),
            ("credit_code", ref(r["credit_code"], companies, "company")),
            ("title", v.text_error(r["title"])),
            ("role", enum(r["role"], "employment_role")),
            ("start_year", year(r["start_year"])),
            ("end_year", year(r["end_year"], optional=True)),
            ("end_year", not_before(r["end_year"], r["start_year"])),
        ],
    )
    c.unique("employment.csv", "external_id", "credit_code")


def _chapter(r: Row, c: Checker) -> list[tuple[str, str | None]]:
    kind = r["kind"]
    return [
        ("code", v.code_error(r["code"])),
        ("name", v.text_error(r["name"])),
        ("kind", enum(kind, "chapter")),
        ("parent_code", ref(r["parent_code"], c.keys("chapters.csv", "code"), "chapter", kind == "GENERAL")),
        (
            "college_code",
            ref(r["college_code"], c.keys("colleges.csv", "code"), "college", kind != "COLLEGE"),
        ),
        ("region_code", v.region_code_error(r["region_code"]) if r["region_code"] else None),
        ("region_code", None if bool(r["region_code"]) == (kind == "REGIONAL") else "region iff REGIONAL"),
        ("industry_code", v.industry_code_error(r["industry_code"]) if r["industry_code"] else None),
        (
            "industry_code",
            None if bool(r["industry_code"]) == (kind == "INDUSTRY") else "industry iff INDUSTRY",
        ),
        ("founded_year", year(r["founded_year"])),
    ]


def _association(c: Checker) -> None:
    alumni, chapters = c.keys("alumni.csv", "external_id"), c.keys("chapters.csv", "code")
    founded = {r["code"]: r["founded_year"] for r in c.b["chapters.csv"]}
    c.each("chapters.csv", lambda r: _chapter(r, c))
    c.each(
        "memberships.csv",
        lambda r: [
            ("external_id", ref(r["external_id"], alumni, "alumnus")),
            ("chapter_code", ref(r["chapter_code"], chapters, "chapter")),
            ("role", enum(r["role"], "member_role")),
            ("since_year", year(r["since_year"])),
            ("since_year", not_before(r["since_year"], founded[r["chapter_code"]])),
        ],
    )
    presidents = [r["chapter_code"] for r in c.b["memberships.csv"] if r["role"] == "PRESIDENT"]
    if sorted(presidents) != sorted(chapters):
        c.problems.append("memberships.csv: every chapter needs exactly one PRESIDENT")
    c.unique("chapters.csv", "code")
    c.unique("memberships.csv", "external_id", "chapter_code")


def _network(c: Checker) -> None:
    alumni = c.keys("alumni.csv", "external_id")
    studied = {(r["external_id"], r["class_code"]) for r in c.b["education.csv"]}
    c.each(
        "liaisons.csv",
        lambda r: [
            ("class_code", None if (r["external_id"], r["class_code"]) in studied else "liaison not in class")
        ],
    )
    c.each(
        "relations.csv",
        lambda r: [
            ("external_id_a", ref(r["external_id_a"], alumni, "alumnus")),
            ("external_id_b", ref(r["external_id_b"], alumni, "alumnus")),
            ("external_id_b", None if r["external_id_a"] != r["external_id_b"] else "knows themself"),
            ("kind", enum(r["kind"], "relation")),
            ("strength", None if r["strength"] in "12345" and r["strength"] else "strength must be 1-5"),
        ],
    )
    pairs = [tuple(sorted((r["external_id_a"], r["external_id_b"]))) for r in c.b["relations.csv"]]
    if len(pairs) != len(set(pairs)):
        c.problems.append("relations.csv: a pair of alumni appears twice")
    c.unique("liaisons.csv", "external_id", "class_code")


def check_bundle(folder: Path) -> tuple[dict[str, list[Row]], list[str]]:
    """The bundle's rows and every problem found in them."""
    checker = Checker(read_bundle(folder))
    steps = (_institutions, _people, _careers, _association, _network, check_giving, check_engagement)
    for step in (*steps, check_publicity):
        step(checker)
    return checker.b, checker.problems
