"""The row rules of every bundle file (DESIGN §3): converters, required cells, cross-column checks."""

from __future__ import annotations

from graph.bundle import cells as c
from graph.bundle import checks
from graph.bundle.rows import Col, FileSpec
from graph.model import (
    AlumnusKind,
    AttendanceRole,
    AwardKind,
    ChapterKind,
    CompanySize,
    Degree,
    DonationKind,
    EmploymentRole,
    EventKind,
    FundKind,
    Gender,
    InteractionKind,
    Label,
    MembershipRole,
    NeedKind,
)

NAME = Col("name", c.text(100), prop="name", required=True)
ALUMNUS_A = Col("external_id", c.external_id, field="a", ref=Label.ALUMNUS, required=True)


SPECS: dict[str, FileSpec] = {
    s.file: s
    for s in (
        FileSpec("colleges.csv", (Col("code", c.code, required=True), NAME), ("code",), Label.COLLEGE),
        FileSpec(
            "classes.csv",
            (
                Col("code", c.code, required=True),
                Col("college_code", c.code, field="college", ref=Label.COLLEGE),
                NAME,
                Col("degree", c.enum(Degree), prop="degree"),
                Col("major", c.text(100), prop="major"),
                Col("entry_year", c.year, prop="entryYear"),
                Col("graduation_year", c.year, prop="graduationYear"),
            ),
            ("code",),
            Label.CLASS,
            check=checks.ordered("entry_year", "graduation_year", "before entry_year"),
        ),
        FileSpec(
            "companies.csv",
            (
                Col("credit_code", c.credit_code, required=True),
                NAME,
                Col("industry_code", c.industry, field="industry"),
                Col("city_code", c.region, field="city"),
                Col("size", c.enum(CompanySize), prop="size"),
                Col("website", c.website, prop="website"),
            ),
            ("credit_code",),
            Label.COMPANY,
            check=checks.pinyin,
        ),
        FileSpec(
            "chapters.csv",
            (
                Col("code", c.code, required=True),
                NAME,
                Col("kind", c.enum(ChapterKind), prop="kind", required=True),
                Col("parent_code", c.code, field="parent", ref=Label.CHAPTER),
                Col("college_code", c.code, field="college", ref=Label.COLLEGE),
                Col("region_code", c.region, field="region"),
                Col("industry_code", c.industry, field="industry"),
                Col("founded_year", c.year, prop="foundedYear"),
            ),
            ("code",),
            Label.CHAPTER,
            self_ref="parent_code",
            check=checks.chapter,
        ),
        FileSpec(
            "alumni.csv",
            (
                Col("external_id", c.external_id, required=True),
                NAME,
                Col("gender", c.enum(Gender), prop="gender"),
                Col("birth_year", c.year, prop="birthYear"),
                Col("kinds", c.enum_list(AlumnusKind), prop="kinds"),
                Col("email", c.email, prop="email"),
                Col("phone", c.phone, prop="phone"),
                Col("city_code", c.region, field="city"),
                Col("notable", c.boolean, prop="notable"),
                Col("notable_note", c.text(2000), prop="notableNote"),
                Col("consent_contact", c.boolean, prop="consentContact"),
                Col("consent_directory", c.boolean, prop="consentDirectory"),
            ),
            ("external_id",),
            Label.ALUMNUS,
            check=checks.pinyin,
        ),
        FileSpec(
            "education.csv",
            (ALUMNUS_A, Col("class_code", c.code, field="b", ref=Label.CLASS, required=True)),
            ("external_id", "class_code"),
        ),
        FileSpec(
            "staff.csv",
            (
                ALUMNUS_A,
                Col("college_code", c.code, field="b", ref=Label.COLLEGE, required=True),
                Col("title", c.text(100), prop="title"),
                Col("start_year", c.year, prop="startYear"),
                Col("end_year", c.year, prop="endYear"),
            ),
            ("external_id", "college_code"),
            check=checks.ordered("start_year", "end_year", "before start_year"),
        ),
        FileSpec(
            "employment.csv",
            (
                ALUMNUS_A,
                Col("credit_code", c.credit_code, field="b", ref=Label.COMPANY, required=True),
                Col("title", c.text(100), prop="title"),
                Col("role", c.enum(EmploymentRole), prop="role"),
                Col("start_year", c.year, prop="startYear"),
                Col("end_year", c.year, prop="endYear"),
            ),
            ("external_id", "credit_code"),
            check=checks.ordered("start_year", "end_year", "before start_year"),
        ),
        FileSpec(
            "needs.csv",
            (
                Col("credit_code", c.credit_code, field="a", ref=Label.COMPANY, required=True),
                Col("kind", c.enum(NeedKind), field="kind", required=True),
                Col("description", c.text(500), field="description"),
            ),
            ("credit_code", "kind", "description"),
        ),
        FileSpec(
            "memberships.csv",
            (
                ALUMNUS_A,
                Col("chapter_code", c.code, field="b", ref=Label.CHAPTER, required=True),
                Col("role", c.enum(MembershipRole), prop="role"),
                Col("since_year", c.year, prop="sinceYear"),
            ),
            ("external_id", "chapter_code"),
        ),
        FileSpec(
            "liaisons.csv",
            (ALUMNUS_A, Col("class_code", c.code, field="b", ref=Label.CLASS, required=True)),
            ("external_id", "class_code"),
        ),
        FileSpec(
            "relations.csv",
            (
                Col("external_id_a", c.external_id, field="a", ref=Label.ALUMNUS, required=True),
                Col("external_id_b", c.external_id, field="b", ref=Label.ALUMNUS, required=True),
                Col("kind", c.text(50), prop="kind"),
                Col("strength", c.integer(1, 5), prop="strength"),
            ),
            ("external_id_a", "external_id_b"),
            check=checks.relation,
            unordered_key=True,
        ),
        FileSpec(
            "funds.csv",
            (
                Col("code", c.code, required=True),
                NAME,
                Col("kind", c.enum(FundKind), prop="kind", required=True),
                Col("college_code", c.code, field="college", ref=Label.COLLEGE),
                Col("goal_cny", c.amount),
            ),
            ("code",),
            Label.FUND,
            check=checks.fund,
        ),
        FileSpec(
            "events.csv",
            (
                Col("code", c.code, required=True),
                NAME,
                Col("kind", c.enum(EventKind), prop="kind", required=True),
                Col("date", c.iso_date, prop="date", required=True),
                Col("end_date", c.iso_date, prop="endDate"),
                Col("region_code", c.region, field="region"),
                Col("organizer_college_code", c.code, field="college", ref=Label.COLLEGE),
                Col("organizer_chapter_code", c.code, field="chapter", ref=Label.CHAPTER),
            ),
            ("code",),
            Label.EVENT,
            check=checks.ordered("date", "end_date", "before date"),
        ),
        FileSpec(
            "attendance.csv",
            (
                Col("event_code", c.code, field="b", ref=Label.EVENT, required=True),
                ALUMNUS_A,
                Col("role", c.enum(AttendanceRole), prop="role"),
            ),
            ("event_code", "external_id"),
        ),
        FileSpec(
            "donations.csv",
            (
                Col("receipt_no", c.code, required=True),
                Col("donor_external_id", c.external_id, field="donorAlumnus", ref=Label.ALUMNUS),
                Col("donor_credit_code", c.credit_code, field="donorCompany", ref=Label.COMPANY),
                Col("fund_code", c.code, field="fund", ref=Label.FUND, required=True),
                Col("kind", c.enum(DonationKind), prop="kind", required=True),
                Col("amount", c.amount, required=True),
                Col("currency", c.currency),
                Col("amount_cny", c.amount),
                Col("date", c.iso_date, prop="date", required=True),
                Col("pledge_receipt_no", c.code, field="pledge", ref=Label.DONATION),
                Col("solicitor_external_id", c.external_id, field="solicitor", ref=Label.ALUMNUS),
                Col("anonymous", c.boolean, prop="anonymous"),
            ),
            ("receipt_no",),
            Label.DONATION,
            self_ref="pledge_receipt_no",
            check=checks.donation,
            one_of=(("donor_external_id", "donor_credit_code"),),
        ),
        FileSpec(
            "interactions.csv",
            (
                Col("id", c.stable(Label.INTERACTION), required=True),
                Col("date", c.iso_date, prop="date", required=True),
                Col("kind", c.enum(InteractionKind), prop="kind", required=True),
                Col("by_external_id", c.external_id, field="by", ref=Label.ALUMNUS),
                Col("with_external_id", c.external_id, field="withAlumnus", ref=Label.ALUMNUS),
                Col("with_chapter_code", c.code, field="withChapter", ref=Label.CHAPTER),
                Col("with_credit_code", c.credit_code, field="withCompany", ref=Label.COMPANY),
                Col("summary", c.text(2000), prop="summary"),
                Col("feedback", c.text(2000), prop="feedback"),
            ),
            ("id",),
            Label.INTERACTION,
        ),
        FileSpec(
            "awards.csv",
            (
                Col("id", c.stable(Label.AWARD), required=True),
                Col("kind", c.enum(AwardKind), prop="kind", required=True),
                Col("year", c.year, prop="year", required=True),
                Col("title", c.text(200), prop="title"),
                Col("college_code", c.code, field="college", ref=Label.COLLEGE),
                Col("chapter_code", c.code, field="chapter", ref=Label.CHAPTER),
                Col("external_id", c.external_id, field="alumnus", ref=Label.ALUMNUS),
            ),
            ("id",),
            Label.AWARD,
            check=checks.one_recipient,
            one_of=(("college_code", "chapter_code", "external_id"),),
        ),
    )
}
