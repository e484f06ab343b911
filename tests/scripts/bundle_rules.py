"""Every rule a generated bundle must keep, checked row by row without a database.

The column lists are copied from DESIGN §3 on purpose (not imported from the generator), so a
drift in the generator's contract shows up here.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from graph.core import validation as v

SPEC: dict[str, str] = {
    "colleges.csv": "code,name",
    "classes.csv": "code,college_code,name,degree,major,entry_year,graduation_year",
    "alumni.csv": "external_id,name,gender,birth_year,kinds,email,phone,city_code,notable,notable_note,"
    "consent_contact,consent_directory",
    "education.csv": "external_id,class_code",
    "staff.csv": "external_id,college_code,title,start_year,end_year",
    "companies.csv": "credit_code,name,industry_code,city_code,size,website",
    "employment.csv": "external_id,credit_code,title,role,start_year,end_year",
    "needs.csv": "credit_code,kind,description",
    "chapters.csv": "code,name,kind,parent_code,college_code,region_code,industry_code,founded_year",
    "memberships.csv": "external_id,chapter_code,role,since_year",
    "liaisons.csv": "external_id,class_code",
    "relations.csv": "external_id_a,external_id_b,kind,strength",
    "funds.csv": "code,name,kind,college_code,goal_cny",
    "donations.csv": "receipt_no,donor_external_id,donor_credit_code,fund_code,kind,amount,currency,amount_cny,"
    "date,pledge_receipt_no,solicitor_external_id,anonymous",
    "events.csv": "code,name,kind,date,end_date,region_code,organizer_college_code,organizer_chapter_code",
    "attendance.csv": "event_code,external_id,role",
    "interactions.csv": "id,date,kind,by_external_id,with_external_id,with_chapter_code,with_credit_code,"
    "summary,feedback",
    "awards.csv": "id,kind,year,title,college_code,chapter_code,external_id",
    "cooperations.csv": "code,title,kind,status,credit_code,college_code,start_date,end_date,value_cny,need_kinds,"
    "broker_external_ids",
    "stories.csv": "code,title,channel,published_on,url,summary,external_ids,credit_codes,event_codes,chapter_codes,"
    "college_codes",
}
ENUMS = {
    "gender": {"M", "F"},
    "kinds": {"STUDENT", "TRAINEE", "STAFF", "HONORARY"},
    "degree": {"BACHELOR", "MASTER", "DOCTORATE", "CONTINUING"},
    "size": {"MICRO", "SMALL", "MEDIUM", "LARGE"},
    "employment_role": {"FOUNDER", "EXECUTIVE", "EMPLOYEE"},
    "need": {"TECH", "FINANCE", "LEGAL", "TALENT", "TRAINING"},
    "chapter": {"GENERAL", "COLLEGE", "REGIONAL", "INDUSTRY"},
    "member_role": {"PRESIDENT", "VICE_PRESIDENT", "SECRETARY", "MEMBER"},
    "relation": {"CLASSMATE", "COLLEAGUE", "FRIEND", "MENTOR"},
    "fund": {"COLLEGE_DEVELOPMENT", "STUDENT_INNOVATION", "CAMPUS_CULTURE", "SCHOLARSHIP", "OTHER"},
    "donation": {"PLEDGE", "GIFT", "PAYMENT"},
    "currency": {"CNY", "USD", "EUR"},
    "event": {"ANNIVERSARY", "REUNION", "HOMECOMING", "GALA", "SPORTS", "COMPETITION", "LECTURE", "CEREMONY",
              "JOB_FAIR", "TRAINING", "OTHER"},
    "attendance_role": {"GUEST", "SPEAKER", "ORGANIZER"},
    "interaction": {"VISIT", "MEETING", "CALL", "MESSAGE", "FEEDBACK"},
    "award": {"COLLEGE_WORK", "BREAKTHROUGH", "OUTSTANDING_CHAPTER", "OUTSTANDING_INDIVIDUAL"},
    "cooperation": {"TECH_PROJECT", "RD_CENTER", "DISPATCH", "JOINT_TRAINING", "TRAINING_COURSE", "RECRUITMENT",
                    "OTHER"},
    "cooperation_status": {"PROPOSED", "ACTIVE", "COMPLETED", "CANCELLED"},
    "channel": {"NEWSPAPER", "WEBSITE", "MAGAZINE", "WECHAT", "OTHER"},
}  # fmt: skip
AS_OF = date(2026, 11, 26)
Row = dict[str, str]


def read_bundle(folder: Path) -> dict[str, list[Row]]:
    """Every file as a list of rows; raises if a header differs from DESIGN §3."""
    rows: dict[str, list[Row]] = {}
    for name, header in SPEC.items():
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert ",".join(reader.fieldnames or []) == header, f"{name}: header {reader.fieldnames}"
            rows[name] = list(reader)
    return rows


@dataclass
class Checker:
    """Collects `file:line: column: reason` problems over a whole bundle."""

    b: dict[str, list[Row]]
    problems: list[str] = field(default_factory=list)
    _keys: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def keys(self, name: str, column: str) -> set[str]:
        """Values of a key column (computed once)."""
        if (name, column) not in self._keys:
            self._keys[(name, column)] = {r[column] for r in self.b[name]}
        return self._keys[(name, column)]

    def each(self, name: str, check: Callable[[Row], list[tuple[str, str | None]]]) -> None:
        """Run a per-row check; it returns (column, reason or None) pairs."""
        for line, row in enumerate(self.b[name], start=2):
            self.problems += [f"{name}:{line}: {col}: {why}" for col, why in check(row) if why]

    def unique(self, name: str, *columns: str) -> None:
        """No two rows share these columns."""
        seen = Counter(tuple(r[c] for c in columns) for r in self.b[name])
        self.problems += [f"{name}: duplicate {columns}={k}" for k, n in seen.items() if n > 1]


def ref(value: str, known: set[str], what: str, optional: bool = False) -> str | None:
    """Reason a reference does not resolve, or None."""
    if not value:
        return None if optional else f"missing {what}"
    return None if value in known else f"unknown {what} {value}"


def enum(value: str, kind: str) -> str | None:
    """Reason a value is not in an enum, or None."""
    return None if value in ENUMS[kind] else f"{value!r} is not a {kind}"


def boolean(value: str) -> str | None:
    """Reason a value is not true/false, or None."""
    return None if value in ("true", "false") else f"{value!r} is not true/false"


def year(value: str, optional: bool = False) -> str | None:
    """Reason a year cell is bad, or None."""
    if not value:
        return None if optional else "missing year"
    return v.year_error(int(value)) if value.isdigit() else f"{value!r} is not a year"


def dated(value: str, optional: bool = False) -> str | None:
    """Reason a date cell is bad or later than the generator's AS_OF, or None."""
    if not value:
        return None if optional else "missing date"
    why = v.date_error(value)
    return why or (f"{value} is after {AS_OF}" if date.fromisoformat(value) > AS_OF else None)


def not_before(later: str, earlier: str) -> str | None:
    """Reason an optional year or date comes before another, or None."""
    return None if not later or later >= earlier else f"{later} is before {earlier}"


def one_of(row: Row, *columns: str) -> str | None:
    """Reason unless exactly one of the columns has a value."""
    filled = [c for c in columns if row[c]]
    return None if len(filled) == 1 else f"exactly one of {columns} expected, got {filled}"


def money(value: str) -> Decimal:
    """An amount cell as a Decimal."""
    return Decimal(value)


def pledge_totals(donations: list[Row]) -> dict[str, Decimal]:
    """Sum of payment amounts per pledge receipt."""
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for r in donations:
        if r["kind"] == "PAYMENT":
            paid[r["pledge_receipt_no"]] += money(r["amount"])
    return paid
