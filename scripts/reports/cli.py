"""Arguments of `alumni-graph report`; the documents are written by `scripts.reports.commands`.

Kept apart so that building the CLI's parser imports neither the report queries nor the PDF and
workbook writers (they load when `report` runs).
"""

from __future__ import annotations

import argparse

KINDS = ("fund", "retention", "scorecard")
FORMATS = ("csv", "pdf", "xlsx")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The `report` subcommand and its options."""
    r = sub.add_parser("report", help="write a yearly document: fund report, scorecard, retention lists")
    r.add_argument("kind", choices=KINDS)
    r.add_argument("code", nargs="?", help="fund code (for `report fund`)")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--format", choices=FORMATS, default="pdf", help="for `report fund`")
    r.add_argument("--fund", help="fund code (for `report retention`)")
    r.add_argument("--college", help="college code (for `report retention`)")
    r.add_argument("--out", help="output file (default under out/)")
    return r
