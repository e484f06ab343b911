"""What `alumni-graph report fund|scorecard|retention` writes: the yearly documents of the alumni office."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.core.db import Database
from graph.core.scope import FULL
from graph.reports import documents, retention, scorecards
from graph.reports.retention import Segment
from scripts.reports import fund as fund_docs
from scripts.reports.tables import Sheet, write_workbook

WRITERS = {"csv": fund_docs.write_csv, "xlsx": fund_docs.write_xlsx, "pdf": fund_docs.write_pdf}


async def fund_report(db: Database, args: argparse.Namespace) -> Path:
    """Write the fund's yearly report in the chosen format."""
    fund_id = await documents.id_by_code(db, "Fund", args.code)
    doc = await documents.fund_document(db, FULL, fund_id, args.year)
    out = Path(args.out or f"out/fund-{args.code}-{args.year}.{args.format}")
    out.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[args.format](doc, out)
    return out


async def scorecard(db: Database, args: argparse.Namespace) -> Path:
    """Write the college scorecard and chapter activity of a year to XLSX."""
    colleges = await scorecards.college_scorecard(db, FULL, args.year)
    chapters = await scorecards.chapter_activity(db, FULL, args.year)
    named = await documents.names(db, [c.college_id for c in colleges])
    chapter_names = await documents.names(db, [c.chapter_id for c in chapters])
    sheets = [
        Sheet(
            f"Colleges {args.year}",
            [
                "College",
                "Code",
                "Alumni",
                "Complete profiles",
                "Events",
                "Attendance",
                "Interactions",
                "Raised (CNY)",
                "Donors",
                "Largest gift (CNY)",
                "Cooperations",
                "Cooperation value (CNY)",
                "Stories",
            ],
            [
                [
                    *named.get(c.college_id, ("", "")),
                    c.alumni_count,
                    c.complete_profiles,
                    c.events_held,
                    c.attendance,
                    c.interactions,
                    c.raised_cny,
                    c.donor_count,
                    c.largest_gift_cny,
                    c.cooperations,
                    c.cooperation_value_cny,
                    c.stories,
                ]
                for c in colleges
            ],
        ),
        Sheet(
            f"Chapters {args.year}",
            ["Chapter", "Code", "Events", "Attendance", "Members", "New members", "Interactions"],
            [
                [
                    *chapter_names.get(c.chapter_id, ("", "")),
                    c.events_organized,
                    c.attendance,
                    c.member_count,
                    c.new_members,
                    c.interactions,
                ]
                for c in chapters
            ],
        ),
    ]
    out = Path(args.out or f"out/scorecard-{args.year}.xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(sheets, out)
    return out


async def retention_lists(db: Database, args: argparse.Namespace) -> Path:
    """Write the five retention segments (one sheet each) to XLSX."""
    fund_id = await documents.id_by_code(db, "Fund", args.fund) if args.fund else None
    college_id = await documents.id_by_code(db, "College", args.college) if args.college else None
    segments = await retention.all_segments(db, FULL, args.year, fund_id, college_id)  # one statement
    sheets = []
    for segment in Segment:
        refs = [ref for ref, _ in segments[segment]]
        named = await documents.names(db, [r.id for r in refs])
        rows: list[list[str | int]] = [[*named.get(r.id, ("", "")), r.label] for r in refs]
        sheets.append(Sheet(segment.value, ["Donor", "Key", "Kind"], rows))
    out = Path(args.out or f"out/retention-{args.year}.xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(sheets, out)
    return out


HANDLERS = {"fund": fund_report, "scorecard": scorecard, "retention": retention_lists}
