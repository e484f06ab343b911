"""The bundle on disk: DESIGN §3 file names and columns, streamed row by row with counts."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

# DESIGN §3 — a fixed contract: file names and column order.
FILES: dict[str, tuple[str, ...]] = {
    "colleges.csv": ("code", "name"),
    "classes.csv": ("code", "college_code", "name", "degree", "major", "entry_year", "graduation_year"),
    "alumni.csv": (
        "external_id", "name", "gender", "birth_year", "kinds", "email", "phone", "city_code",
        "notable", "notable_note", "consent_contact", "consent_directory",
    ),
    "education.csv": ("external_id", "class_code"),
    "staff.csv": ("external_id", "college_code", "title", "start_year", "end_year"),
    "companies.csv": ("credit_code", "name", "industry_code", "city_code", "size", "website"),
    "employment.csv": ("external_id", "credit_code", "title", "role", "start_year", "end_year"),
    "needs.csv": ("credit_code", "kind", "description"),
    "chapters.csv": (
        "code", "name", "kind", "parent_code", "college_code", "region_code", "industry_code",
        "founded_year",
    ),
    "memberships.csv": ("external_id", "chapter_code", "role", "since_year"),
    "liaisons.csv": ("external_id", "class_code"),
    "relations.csv": ("external_id_a", "external_id_b", "kind", "strength"),
    "funds.csv": ("code", "name", "kind", "college_code", "goal_cny"),
    "donations.csv": (
        "receipt_no", "donor_external_id", "donor_credit_code", "fund_code", "kind", "amount",
        "currency", "amount_cny", "date", "pledge_receipt_no", "solicitor_external_id", "anonymous",
    ),
    "events.csv": (
        "code", "name", "kind", "date", "end_date", "region_code", "organizer_college_code",
        "organizer_chapter_code",
    ),
    "attendance.csv": ("event_code", "external_id", "role"),
    "interactions.csv": (
        "id", "date", "kind", "by_external_id", "with_external_id", "with_chapter_code",
        "with_credit_code", "summary", "feedback",
    ),
    "awards.csv": ("id", "kind", "year", "title", "college_code", "chapter_code", "external_id"),
    "cooperations.csv": (
        "code", "title", "kind", "status", "credit_code", "college_code", "start_date", "end_date",
        "value_cny", "need_kinds", "broker_external_ids",
    ),
    "stories.csv": (
        "code", "title", "channel", "published_on", "url", "summary", "external_ids", "credit_codes",
        "event_codes", "chapter_codes", "college_codes",
    ),
}  # fmt: skip

# What csv writes as §3 wants it: None → empty, ints, Decimal('12.00') → 12.00, dates → ISO.
# Booleans must go through `flag` first.
Cell = str | int | Decimal | date | None


class RowWriter(Protocol):
    """What `csv.writer` returns."""

    def writerow(self, row: Iterable[Any], /) -> Any:
        """Write one row."""


def flag(value: bool) -> str:
    """A boolean as §3 spells it (csv would write True/False)."""
    return "true" if value else "false"


@dataclass(frozen=True)
class Summary:
    """What a generation wrote: rows per file (header excluded), bytes and seconds."""

    out_dir: Path
    rows: dict[str, int]
    bytes: int
    elapsed_s: float
    alumni: int
    seed: int

    @property
    def total_rows(self) -> int:
        """Rows over all files."""
        return sum(self.rows.values())

    def lines(self) -> list[str]:
        """A human summary, one file per line, then the totals."""
        width = max(len(name) for name in self.rows)
        out = [f"{name:<{width}}  {count:>9,}" for name, count in self.rows.items()]
        out.append(
            f"{self.total_rows:,} rows, {self.bytes / 1e6:.1f} MB in {self.elapsed_s:.1f} s "
            f"→ {self.out_dir} (alumni={self.alumni}, seed={self.seed})"
        )
        return out


@dataclass
class BundleWriter:
    """All eighteen CSV files open at once; `row()` appends one row and counts it."""

    out_dir: Path
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FILES, 0))
    _handles: list[IO[str]] = field(default_factory=list)
    _csv: dict[str, RowWriter] = field(default_factory=dict)

    def open(self) -> None:
        """Create the folder and every file with its header row."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name, columns in FILES.items():
            fh = (self.out_dir / name).open("w", encoding="utf-8", newline="")
            self._handles.append(fh)
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            self._csv[name] = writer

    def row(self, name: str, values: Iterable[Cell]) -> None:
        """Write one row of `name` (values in the file's column order)."""
        self._csv[name].writerow(values)
        self.counts[name] += 1

    def close(self) -> None:
        """Flush and close every file."""
        for fh in self._handles:
            fh.close()
        self._handles.clear()

    def size(self) -> int:
        """Bytes written over all files."""
        return sum((self.out_dir / name).stat().st_size for name in FILES)


@contextmanager
def open_bundle(out_dir: Path) -> Iterator[BundleWriter]:
    """A BundleWriter whose files are closed however generation ends."""
    writer = BundleWriter(out_dir)
    writer.open()
    try:
        yield writer
    finally:
        writer.close()
