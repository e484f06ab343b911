"""The fixed contract of DESIGN §3: file names, columns, load order and cell conventions."""

from __future__ import annotations

import re

# File → columns, in load order: every file comes after the files its references point to.
COLUMNS: dict[str, tuple[str, ...]] = {
    "colleges.csv": ("code", "name"),
    "classes.csv": ("code", "college_code", "name", "degree", "major", "entry_year", "graduation_year"),
    "companies.csv": ("credit_code", "name", "industry_code", "city_code", "size", "website"),
    "chapters.csv": (
        "code",
        "name",
        "kind",
        "parent_code",
        "college_code",
        "region_code",
        "industry_code",
        "founded_year",
    ),
    "alumni.csv": (
        "external_id",
        "name",
        "gender",
        "birth_year",
        "kinds",
        "email",
        "phone",
        "city_code",
        "notable",
        "notable_note",
        "consent_contact",
        "consent_directory",
    ),
    "education.csv": ("external_id", "class_code"),
    "staff.csv": ("external_id", "college_code", "title", "start_year", "end_year"),
    "employment.csv": ("external_id", "credit_code", "title", "role", "start_year", "end_year"),
    "needs.csv": ("credit_code", "kind", "description"),
    "memberships.csv": ("external_id", "chapter_code", "role", "since_year"),
    "liaisons.csv": ("external_id", "class_code"),
    "relations.csv": ("external_id_a", "external_id_b", "kind", "strength"),
    "funds.csv": ("code", "name", "kind", "college_code", "goal_cny"),
    "events.csv": (
        "code",
        "name",
        "kind",
        "date",
        "end_date",
        "region_code",
        "organizer_college_code",
        "organizer_chapter_code",
    ),
    "attendance.csv": ("event_code", "external_id", "role"),
    "donations.csv": (
        "receipt_no",
        "donor_external_id",
        "donor_credit_code",
        "fund_code",
        "kind",
        "amount",
        "currency",
        "amount_cny",
        "date",
        "pledge_receipt_no",
        "solicitor_external_id",
        "anonymous",
    ),
    "interactions.csv": (
        "id",
        "date",
        "kind",
        "by_external_id",
        "with_external_id",
        "with_chapter_code",
        "with_credit_code",
        "summary",
        "feedback",
    ),
    "awards.csv": ("id", "kind", "year", "title", "college_code", "chapter_code", "external_id"),
    "cooperations.csv": (
        "code",
        "title",
        "kind",
        "status",
        "credit_code",
        "college_code",
        "start_date",
        "end_date",
        "value_cny",
        "need_kinds",
        "broker_external_ids",
    ),
    "stories.csv": (
        "code",
        "title",
        "channel",
        "published_on",
        "url",
        "summary",
        "external_ids",
        "credit_codes",
        "event_codes",
        "chapter_codes",
        "college_codes",
    ),
}
FILES: tuple[str, ...] = tuple(COLUMNS)
LIST_SEPARATOR = ";"

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "@", "\t", "\r", "+", "-")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def formula_like(text: str) -> bool:
    """True when a spreadsheet could run the text: starts with = @ tab CR, or +/- and is not a number.

    `-5`, `1200.00` and `+8613800138000` (a normalised phone) stay as they are.
    """
    if not text.startswith(_FORMULA_START):
        return False
    return not (text[0] in "+-" and _PLAIN_NUMBER.match(text))


def neutralise(text: str) -> str:
    """A cell value safe to open in a spreadsheet: formula-like text (or text already starting
    with an apostrophe) gets a leading apostrophe, which `unquote` removes again on import."""
    return "'" + text if formula_like(text) or text.startswith("'") else text


def unquote(text: str) -> str:
    """Undo `neutralise`: drop one apostrophe that protects formula-like text or another apostrophe."""
    if text.startswith("'") and (formula_like(text[1:]) or text[1:].startswith("'")):
        return text[1:]
    return text


def sheet_file(sheet_name: str) -> str | None:
    """The bundle file a workbook sheet stands for ('alumni' or 'alumni.csv'), or None."""
    name = sheet_name.strip().lower()
    if not name.endswith(".csv"):
        name += ".csv"
    return name if name in COLUMNS else None
