"""Importing a bundle: files in load order, rows validated, checked against the graph, upserted in batches.

Each batch is one write transaction (all or nothing); a rejected row is reported and skipped,
valid rows are written. Rows that point at a row later in the same file (a chapter's parent, a
payment's pledge) wait until the end of the file and are written once their target exists.
Donation rows are held to the rules that need the graph (`graph.bundle.giving`) just before
their batch is written; the rules between pledges and payments are decided for the whole file in
a first pass over donations.csv (`graph.bundle.pledges`), so row order does not matter.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.bundle import giving, lookup, pledges, publicity
from graph.bundle.batches import Chunk, chunks
from graph.bundle.format import FILES
from graph.bundle.reader import MAX_UNCOMPRESSED_BYTES, open_bundle
from graph.bundle.report import BundleError, Counts, FileProblem, ImportReport, RowProblem
from graph.bundle.rows import Draft, FileSpec
from graph.bundle.specs import SPECS
from graph.bundle.tables import Bundle, Table
from graph.bundle.upsert import STATEMENTS
from graph.core.db import Database, Tx, WriteCounts
from graph.core.migrations import is_current
from graph.core.model import DonationKind, Label

BATCH_ROWS = 5000

# (file, position, size): bytes of a CSV file read so far and its size, or rows of a sheet and None.
Progress = Callable[[str, int, int | None], None]


async def import_bundle(
    db: Database,
    source: Path | IO[bytes],
    *,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
) -> ImportReport:
    """Import a folder, CSV file, zip or workbook; BundleError when the source itself is unusable."""
    started = time.perf_counter()
    if not await is_current(db):
        raise BundleError("the database schema is not current: run `alumni-graph migrate` first")
    report = ImportReport()
    with open_bundle(source, max_uncompressed=max_uncompressed) as bundle:
        for problem in bundle.problems:
            report.fail(problem)
        if not bundle.files and not bundle.problems:
            raise BundleError("no bundle files found (expected any of " + ", ".join(FILES) + ")")
        merged = await lookup.merged_alumni(db)
        for file in bundle.files:
            await _import_file(db, bundle, file, report, progress, batch_rows, merged)
    report.elapsed_s = time.perf_counter() - started
    return report


async def _import_file(
    db: Database,
    bundle: Bundle,
    file: str,
    report: ImportReport,
    progress: Progress | None,
    batch_rows: int,
    merged: dict[str, str],
) -> None:
    report.file(file)
    try:
        with bundle.table(file) as table:
            run = FileRun(db, SPECS[file], table, report, batch_rows, merged)
            if run.spec.label is Label.DONATION:
                with bundle.table(file) as first_pass:
                    run.plan = await run.survey(first_pass)
            await run.run(progress)
    except FileProblem as exc:
        report.fail(exc)


def _take(source: Iterator[Chunk]) -> list[Chunk | None]:
    """The next chunk in a box the caller empties: a finished future may outlive its result's use."""
    return [next(source, None)]


@dataclass
class FileRun:
    """The import of one file."""

    db: Database
    spec: FileSpec
    table: Table
    report: ImportReport
    batch_rows: int
    merged: dict[str, str] = field(default_factory=dict)  # merged-away student number → kept one
    deferred: list[Draft] = field(default_factory=list)
    plan: pledges.Plan = field(default_factory=pledges.Plan)  # donations: decided for the whole file

    def __post_init__(self) -> None:
        self.spec.check_header(self.table.header)
        self.present = self.spec.present(self.table.header)
        self.stats = self.report.file(self.spec.file)

    async def run(self, progress: Progress | None) -> None:
        """Stream the rows, write them batch by batch, then settle the rows that waited.

        The next batch is read and validated in a worker thread while the current one is written,
        so Python's work overlaps the database's.
        """
        source = chunks(self.spec, self.table, self.batch_rows)
        upcoming = asyncio.ensure_future(asyncio.to_thread(_take, source))
        try:
            while (chunk := (await upcoming).pop()) is not None:
                upcoming = asyncio.ensure_future(asyncio.to_thread(_take, source))
                self.stats.read += chunk.read
                for row in chunk.rejected:
                    self.report.reject(row.problems)
                await self.flush(chunk.rows, final=False)
                if progress:
                    progress(self.spec.file, chunk.position, self.table.size)
        finally:
            await asyncio.wait([upcoming])  # the worker must be done with the file before it closes
            if not upcoming.cancelled():
                upcoming.exception()  # seen: an error of the loop body takes precedence
            source.close()
        await self.settle()

    async def survey(self, table: Table) -> pledges.Plan:
        """Donations: validate the whole file and find its references, writing nothing, so that every
        pledge and payment row is decided as the whole file leaves it (`graph.bundle.pledges`)."""
        survey = pledges.Survey()
        source = chunks(self.spec, table, self.batch_rows)
        try:
            while (chunk := (await asyncio.to_thread(_take, source)).pop()) is not None:
                rows = [d for d in chunk.rows if pledges.involved(d)]  # gifts need no look-up here
                found = await lookup.existing(self.db, lookup.wanted(rows))
                for row in rows:
                    if self.resolve(row, found, set(), final=False) != "rejected":
                        survey.add(row)
        except FileProblem:
            pass  # unreadable from some line on: the rows before it are decided, and `run` reports it
        finally:
            source.close()
        return await pledges.decide(self.db, survey)

    async def flush(self, batch: list[Draft], *, final: bool, pending: set[Any] | None = None) -> list[Draft]:
        """Check references of a batch and write the rows that are ready; returns the rows that wait.

        `pending`: keys of rows of this file not written yet (default: the batch's own keys); a row
        pointing at one of them waits.
        """
        if not batch:
            return []
        found = await lookup.existing(self.db, lookup.wanted(batch))
        if pending is None:
            pending = {self.own_key(d) for d in batch} if self.spec.self_ref else set()
        ready: list[Draft] = []
        waiting: list[Draft] = []
        for row in batch:
            verdict = self.resolve(row, found, pending, final=final)
            if verdict == "ready":
                ready.append(row)
            elif verdict == "wait":
                (waiting if final else self.deferred).append(row)
            else:
                self.report.reject(row.problems)
        await self.write(await self.within_rules(await self.without_cycles(ready)))
        return waiting

    def resolve(self, row: Draft, found: lookup.Found, pending: set[Any], *, final: bool) -> str:
        """'ready', 'wait' (its target row in this file is not written yet) or 'rejected'."""
        wait = False
        self.refuse_merged(row)
        for ref in row.refs:
            info = found.get(ref.label, {})
            if ref.label is Label.ALUMNUS and ref.key in self.merged:
                continue  # refused above, with the record it was merged into
            if ref.column == self.spec.self_ref and ref.key in pending:
                wait = True
            elif ref.key not in info:
                if ref.column == self.spec.self_ref and not final:
                    wait = True  # it may come later in the file
                else:
                    row.problem(ref.column, f"unknown {lookup.NOUNS[ref.label]} {ref.key}")
            elif ref.label is Label.DONATION and info[ref.key] != DonationKind.PLEDGE:
                row.problem(ref.column, f"{ref.key} is a {info[ref.key]}, not a PLEDGE")
        if row.problems:
            return "rejected"
        return "wait" if wait else "ready"

    async def settle(self) -> None:
        """Write the rows that waited for a later row of the file, round by round."""
        while self.deferred:
            rows, self.deferred = self.deferred, []
            pending = {self.own_key(d) for d in rows}
            waiting: list[Draft] = []
            for start in range(0, len(rows), self.batch_rows):
                waiting += await self.flush(
                    rows[start : start + self.batch_rows], final=True, pending=pending
                )
            if len(waiting) == len(rows):  # nothing moved: the rows point at each other
                for row in waiting:
                    column = self.spec.self_ref or ""
                    row.problem(
                        column, f"{row.values[column]} is not imported: these rows refer to each other"
                    )
                    self.report.reject(row.problems)
                return
            self.deferred = waiting

    async def without_cycles(self, ready: list[Draft]) -> list[Draft]:
        """Chapters whose new parent already lies below them are rejected (PART_OF stays a tree)."""
        if self.spec.label is not Label.CHAPTER:
            return ready
        pairs = [
            {"code": d.values["code"], "parent": d.values["parent_code"]}
            for d in ready
            if d.values.get("parent_code")
        ]
        looped = await lookup.cycles(self.db, pairs)
        kept: list[Draft] = []
        for row in ready:
            if row.values["code"] in looped:
                parent, code = row.values["parent_code"], row.values["code"]
                row.problem("parent_code", f"{parent} is already part of {code}: that would make a cycle")
                self.report.reject(row.problems)
            else:
                kept.append(row)
        return kept

    async def within_rules(self, ready: list[Draft]) -> list[Draft]:
        """Donations that break a rule needing the graph (`graph.bundle.giving`) are rejected, and
        cooperations naming a need kind their company has no need of."""
        if self.spec.label is Label.COOPERATION and ready:
            kept, refused = await publicity.without_unknown_needs(self.db, ready)
            for row in refused:
                self.report.reject(row.problems)
            return kept
        if self.spec.label is not Label.DONATION or not ready:
            return ready
        graph = await giving.state(self.db, ready)
        kept = giving.judge(ready, graph, self.plan, pledge_column=self.present.get("pledge", False))
        for row in ready:
            if row.problems:
                self.report.reject(row.problems)
        return kept

    async def write(self, ready: list[Draft]) -> None:
        """One write transaction for the rows; counts what changed."""
        if not ready:
            return
        statement = STATEMENTS.get(self.spec.file) or publicity.STATEMENTS[self.spec.file]
        batch = [d.param(self.own_key(d)) for d in ready]

        async def work(tx: Tx) -> tuple[list[dict[str, Any]], WriteCounts]:
            return await tx.rows_counted(statement, {"rows": batch, "present": self.present})

        rows, counts = await self.db.write(work)
        # The driver's result objects sit in reference cycles that only a full collection frees;
        # emptying the list frees the batch's rows now, which keeps memory flat on large files.
        batch.clear()
        self.count(counts, int(rows[0]["updated"]) if rows else 0)
        self.settled(ready, set(rows[0]["lines"]) if rows else set())

    def settled(self, ready: list[Draft], written: set[int]) -> None:
        """Count the rows written; a row not written (its target was deleted meanwhile) is reported."""
        for row in ready:
            if row.line in written:
                self.stats.imported += 1
            else:
                gone = RowProblem(
                    self.spec.file, row.line, "row", "a record it refers to was deleted meanwhile"
                )
                self.report.reject([gone])

    def count(self, counts: WriteCounts, updated: int) -> None:
        """Add a statement's counters to the report."""
        node_file = self.spec.label is not None
        self.report.counts.add(
            Counts(
                nodes_created=counts.nodes_created,
                nodes_updated=updated if node_file else 0,
                relationships_created=counts.relationships_created,
                relationships_updated=0 if node_file else updated,
                relationships_deleted=counts.relationships_deleted,
            )
        )

    def refuse_merged(self, row: Draft) -> None:
        """A student number merged away by mergeAlumni is not brought back, nor linked to."""
        if self.spec.label is Label.ALUMNUS and self.own_key(row) in self.merged:
            key = self.own_key(row)
            row.problem(
                self.spec.key[0], f"alumnus {key} was merged into {self.merged[key]}; update that record"
            )
        for ref in row.refs:
            if ref.label is Label.ALUMNUS and ref.key in self.merged:
                row.problem(ref.column, f"alumnus {ref.key} was merged into {self.merged[ref.key]}")

    def own_key(self, row: Draft) -> Any:
        """The natural key of a node row (None for relationship files)."""
        return row.values[self.spec.key[0]] if self.spec.label is not None else None
