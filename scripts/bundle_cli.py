"""`alumni-graph import` and `export`: run the bundle import or export and report on the terminal."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from api.app import connection_settings
from api.settings import Settings
from graph.bundle.export import ExportReport, export_bundle
from graph.bundle.importer import Progress as ProgressHook
from graph.bundle.importer import import_bundle
from graph.bundle.report import BundleError, ImportReport
from graph.core.db import open_database


def quiet_logs() -> None:
    """Failures reach the user as one line from the command; library log records would repeat them."""
    for name in ("alumni_graph", "neo4j"):
        logging.getLogger(name).addHandler(logging.NullHandler())


@contextmanager
def progress_bar() -> Iterator[ProgressHook | None]:
    """A per-file progress bar on a terminal (bytes of CSV files, rows of sheets); nothing otherwise."""
    if not sys.stdout.isatty():
        yield None
        return
    columns = (TextColumn("{task.description:<18}"), BarColumn(), DownloadColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        tasks: dict[str, object] = {}

        def update(file: str, position: int, size: int | None) -> None:
            if file not in tasks:
                tasks[file] = bar.add_task(file, total=size)
            bar.update(tasks[file], completed=position)  # type: ignore[arg-type]

        yield update


def run_import(path: Path, settings: Settings) -> int:
    """Import a bundle; exit status 0 (all imported), 2 (rows rejected) or 1 (a file or the source failed)."""
    quiet_logs()

    async def run() -> ImportReport:
        with progress_bar() as hook:
            async with open_database(connection_settings(settings)) as db:
                return await import_bundle(db, path, progress=hook)

    try:
        report = asyncio.run(run())
    except BundleError as exc:
        print(f"alumni-graph: error: {exc}", file=sys.stderr)
        return 1
    for problem in report.sorted_problems():
        print(problem, file=sys.stderr)
    for failed in report.file_problems:
        print(f"{failed.file}: {failed.reason}", file=sys.stderr)
    print(summary(report))
    if report.file_problems:
        return 1
    return 2 if report.problems else 0


def summary(report: ImportReport) -> str:
    """Rows per file, what changed, and the throughput."""
    lines = [f"{'file':<18} {'read':>9} {'imported':>9} {'rejected':>9}"]
    for f in report.files.values():
        note = "  (not imported: see above)" if f.error else ""
        lines.append(f"{f.file:<18} {f.read:>9} {f.imported:>9} {f.rejected:>9}{note}")
    lines.append(f"{'total':<18} {report.rows_read:>9} {report.rows_imported:>9} {report.rejected:>9}")
    c = report.counts
    lines.append(
        f"nodes: {c.nodes_created} created, {c.nodes_updated} updated; relationships: "
        f"{c.relationships_created} created, {c.relationships_updated} updated, "
        f"{c.relationships_deleted} removed"
    )
    seconds = max(report.elapsed_s, 1e-9)
    lines.append(
        f"{report.rows_read} rows in {report.elapsed_s:.2f} s: {report.rows_read / seconds:,.0f} rows/s, "
        f"{(c.nodes_created + c.relationships_created) / seconds:,.0f} nodes+relationships created/s"
    )
    return "\n".join(lines)


def run_export(folder: Path, settings: Settings) -> int:
    """Export every bundle file into the folder."""
    quiet_logs()

    async def run() -> ExportReport:
        async with open_database(connection_settings(settings)) as db:
            return await export_bundle(db, folder)

    report = asyncio.run(run())
    for file, rows in report.rows.items():
        print(f"{file:<18} {rows:>9}")
    print(f"{report.total} rows written to {folder}")
    return 0
