"""The Cypher that reads each bundle file back out of the graph, page by page in key order.

Every statement pages over one owner label by its natural key (`$after`, `$limit`) and returns
`owner` and `rows`: the CSV rows of that owner as maps keyed by column, in a fixed order.
"""

from __future__ import annotations

from typing import LiteralString


def _page(label: LiteralString, key: LiteralString, rows: LiteralString) -> LiteralString:
    return (
        "MATCH (n:" + label + ") WHERE n." + key + " > $after WITH n ORDER BY n." + key + " LIMIT $limit"
        " RETURN n." + key + " AS owner, " + rows + " AS rows ORDER BY owner"
    )


def _one(rel: LiteralString, label: LiteralString, key: LiteralString) -> LiteralString:
    """The key of the node a single-valued link points to (the smallest, should there be several)."""
    return (
        "head(COLLECT { MATCH (n)-[:" + rel + "]->(t:" + label + ") RETURN t." + key + " AS k ORDER BY k })"
    )


def _keys(rel: LiteralString, label: LiteralString, key: LiteralString) -> LiteralString:
    """The distinct keys of the nodes a many-valued link points to, in order (a `;` list in the CSV)."""
    return (
        "COLLECT { MATCH (n)-[:" + rel + "]->(t:" + label + ") WITH DISTINCT t." + key + " AS k"
        " RETURN k ORDER BY k }"
    )


def _rels(rel: LiteralString, label: LiteralString, key: LiteralString, row: LiteralString) -> LiteralString:
    """One row per relationship `r` from the owner `n` to `t`, ordered by the target's key."""
    return (
        "COLLECT { MATCH (n)-[r:" + rel + "]->(t:" + label + ") WITH n, r, t ORDER BY t." + key
        + " RETURN {" + row + "} }"
    )  # fmt: skip


EXPORTS: dict[str, LiteralString] = {
    "colleges.csv": _page("College", "code", "[{code: n.code, name: n.name}]"),
    "classes.csv": _page(
        "Class",
        "code",
        "[{code: n.code, college_code: " + _one("OF_COLLEGE", "College", "code") + ", name: n.name,"
        " degree: n.degree, major: n.major, entry_year: n.entryYear, graduation_year: n.graduationYear}]",
    ),
    "companies.csv": _page(
        "Company",
        "creditCode",
        "[{credit_code: n.creditCode, name: n.name, industry_code: "
        + _one("IN_INDUSTRY", "Industry", "code")
        + ", city_code: "
        + _one("LOCATED_IN", "Region", "code")
        + ", size: n.size, website: n.website}]",
    ),
    "chapters.csv": _page(
        "Chapter",
        "code",
        "[{code: n.code, name: n.name, kind: n.kind, parent_code: "
        + _one("PART_OF", "Chapter", "code")
        + ", college_code: "
        + _one("OF_COLLEGE", "College", "code")
        + ", region_code: "
        + _one("IN_REGION", "Region", "code")
        + ", industry_code: "
        + _one("FOCUSES_ON", "Industry", "code")
        + ", founded_year: n.foundedYear}]",
    ),
    "alumni.csv": _page(
        "Alumnus",
        "externalId",
        "[{external_id: n.externalId, name: n.name, gender: n.gender, birth_year: n.birthYear,"
        " kinds: n.kinds, email: n.email, phone: n.phone, city_code: "
        + _one("LIVES_IN", "Region", "code")
        + ", notable: n.notable, notable_note: n.notableNote, consent_contact: n.consentContact,"
        " consent_directory: n.consentDirectory}]",
    ),
    "education.csv": _page(
        "Alumnus",
        "externalId",
        _rels("STUDIED_IN", "Class", "code", "external_id: n.externalId, class_code: t.code"),
    ),
    "staff.csv": _page(
        "Alumnus",
        "externalId",
        _rels(
            "WORKED_AT_SCHOOL",
            "College",
            "code",
            "external_id: n.externalId, college_code: t.code, title: r.title, start_year: r.startYear,"
            " end_year: r.endYear",
        ),
    ),
    "employment.csv": _page(
        "Alumnus",
        "externalId",
        _rels(
            "WORKS_AT",
            "Company",
            "creditCode",
            "external_id: n.externalId, credit_code: t.creditCode, title: r.title, role: r.role,"
            " start_year: r.startYear, end_year: r.endYear",
        ),
    ),
    "needs.csv": _page(
        "Company",
        "creditCode",
        "COLLECT { MATCH (n)-[:NEEDS]->(x:Need) WITH n, x ORDER BY x.kind, coalesce(x.description, '')"
        " RETURN {credit_code: n.creditCode, kind: x.kind, description: x.description} }",
    ),
    "memberships.csv": _page(
        "Alumnus",
        "externalId",
        _rels(
            "MEMBER_OF",
            "Chapter",
            "code",
            "external_id: n.externalId, chapter_code: t.code, role: r.role, since_year: r.sinceYear",
        ),
    ),
    "liaisons.csv": _page(
        "Alumnus",
        "externalId",
        _rels("LIAISON_FOR", "Class", "code", "external_id: n.externalId, class_code: t.code"),
    ),
    "relations.csv": _page(
        "Alumnus",
        "externalId",
        _rels(
            "KNOWS",
            "Alumnus",
            "externalId",
            "external_id_a: n.externalId, external_id_b: t.externalId, kind: r.kind, strength: r.strength",
        ),
    ),
    "funds.csv": _page(
        "Fund",
        "code",
        "[{code: n.code, name: n.name, kind: n.kind, college_code: "
        + _one("OF_COLLEGE", "College", "code")
        + ", goal_cny: n.goalCny}]",
    ),
    "events.csv": _page(
        "Event",
        "code",
        "[{code: n.code, name: n.name, kind: n.kind, date: toString(n.date), end_date: toString(n.endDate),"
        " region_code: "
        + _one("IN_REGION", "Region", "code")
        + ", organizer_college_code: "
        + _one("ORGANIZED_BY", "College", "code")
        + ", organizer_chapter_code: "
        + _one("ORGANIZED_BY", "Chapter", "code")
        + "}]",
    ),
    "attendance.csv": _page(
        "Event",
        "code",
        "COLLECT { MATCH (n)<-[r:ATTENDED]-(t:Alumnus) WITH n, r, t ORDER BY t.externalId"
        " RETURN {event_code: n.code, external_id: t.externalId, role: r.role} }",
    ),
    "donations.csv": _page(
        "Donation",
        "receiptNo",
        "[{receipt_no: n.receiptNo, donor_external_id: "
        + _one("FROM", "Alumnus", "externalId")
        + ", donor_credit_code: "
        + _one("FROM", "Company", "creditCode")
        + ", fund_code: "
        + _one("TO", "Fund", "code")
        + ", kind: n.kind, amount: n.amount,"
        " currency: n.currency, amount_cny: n.amountCny, date: toString(n.date), pledge_receipt_no: "
        + _one("PAYS", "Donation", "receiptNo")
        + ", solicitor_external_id: "
        + _one("SOLICITED_BY", "Alumnus", "externalId")
        + ", anonymous: n.anonymous}]",
    ),
    "interactions.csv": _page(
        "Interaction",
        "id",
        "[{id: n.id, date: toString(n.date), kind: n.kind, by_external_id: "
        + _one("BY", "Alumnus", "externalId")
        + ", with_external_id: "
        + _one("WITH", "Alumnus", "externalId")
        + ", with_chapter_code: "
        + _one("WITH", "Chapter", "code")
        + ", with_credit_code: "
        + _one("WITH", "Company", "creditCode")
        + ", summary: n.summary, feedback: n.feedback}]",
    ),
    "awards.csv": _page(
        "Award",
        "id",
        "[{id: n.id, kind: n.kind, year: n.year, title: n.title, college_code: "
        + _one("TO", "College", "code")
        + ", chapter_code: "
        + _one("TO", "Chapter", "code")
        + ", external_id: "
        + _one("TO", "Alumnus", "externalId")
        + "}]",
    ),
    "cooperations.csv": _page(
        "Cooperation",
        "code",
        "[{code: n.code, title: n.title, kind: n.kind, status: n.status, credit_code: "
        + _one("WITH", "Company", "creditCode")
        + ", college_code: "
        + _one("OF_COLLEGE", "College", "code")
        + ", start_date: toString(n.startDate), end_date: toString(n.endDate), value_cny: n.valueCny,"
        " need_kinds: "
        + _keys("ANSWERS", "Need", "kind")
        + ", broker_external_ids: "
        + _keys("BROKERED_BY", "Alumnus", "externalId")
        + "}]",
    ),
    "stories.csv": _page(
        "Story",
        "code",
        "[{code: n.code, title: n.title, channel: n.channel, published_on: toString(n.publishedOn),"
        " url: n.url, summary: n.summary, external_ids: "
        + _keys("FEATURES", "Alumnus", "externalId")
        + ", credit_codes: "
        + _keys("FEATURES", "Company", "creditCode")
        + ", event_codes: "
        + _keys("FEATURES", "Event", "code")
        + ", chapter_codes: "
        + _keys("FEATURES", "Chapter", "code")
        + ", college_codes: "
        + _keys("FEATURES", "College", "code")
        + "}]",
    ),
}
