"""The `importBundle` mutation: a bundle uploaded as a .zip of CSV files or an .xlsx workbook."""

from __future__ import annotations

import io
from typing import IO, Annotated, Any

import strawberry
from strawberry.file_uploads import Upload

from graph.bundle.importer import import_bundle
from graph.bundle.report import BundleError, ImportReport
from graph.core import audit
from graph.core.db import Tx
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.permissions import Role, principal_of, require_roles


@strawberry.type(description="One file of an imported bundle.")
class ImportedFile:
    """Counts of one file."""

    file: str = strawberry.field(description="The file (or sheet) name, e.g. alumni.csv.")
    read: int = strawberry.field(description="Data rows read (blank lines not counted).")
    imported: int = strawberry.field(description="Rows written (created, updated or already up to date).")
    rejected: int = strawberry.field(description="Rows refused; see `rejected` for why.")
    error: str | None = strawberry.field(description="Why the whole file was not imported, if it was not.")


@strawberry.type(description="A row that was not imported, and why.")
class RejectedRow:
    """One problem of one row (a row may have several)."""

    file: str = strawberry.field(description="The file (or sheet) name.")
    line: int = strawberry.field(description="Line in the file (the header is line 1), or row of the sheet.")
    column: str = strawberry.field(description="The column at fault (`row` for a row with too many cells).")
    reason: str = strawberry.field(description="What is wrong.")


@strawberry.type(description="What an import changed in the graph.")
class ImportCounts:
    """Write counters of an import."""

    nodes_created: int = strawberry.field(description="Nodes created.")
    nodes_updated: int = strawberry.field(description="Existing nodes whose properties changed.")
    relationships_created: int = strawberry.field(description="Relationships created.")
    relationships_updated: int = strawberry.field(
        description="Existing relationships whose properties changed."
    )
    relationships_removed: int = strawberry.field(
        description="Relationships removed because a row named another target (or none)."
    )


@strawberry.type(description="Result of importBundle.")
class ImportBundlePayload:
    """The import report; `userErrors` lists files (or the upload) that could not be read at all."""

    files: list[ImportedFile] = strawberry.field(description="Counts per file, in load order.")
    counts: ImportCounts = strawberry.field(description="What changed in the graph.")
    rejected: list[RejectedRow] = strawberry.field(description="Rows not imported, by file and line.")
    elapsed_seconds: float = strawberry.field(description="How long the import took.")
    user_errors: list[UserError] = strawberry.field(
        description="Files (field `file`, file name) or the upload (field `file`) that could not be read."
    )


def payload(report: ImportReport, errors: list[UserError]) -> ImportBundlePayload:
    """The GraphQL view of an import report."""
    c = report.counts
    return ImportBundlePayload(
        files=[ImportedFile(file=f.file, read=f.read, imported=f.imported, rejected=f.rejected, error=f.error)
               for f in report.files.values()],
        counts=ImportCounts(
            nodes_created=c.nodes_created,
            nodes_updated=c.nodes_updated,
            relationships_created=c.relationships_created,
            relationships_updated=c.relationships_updated,
            relationships_removed=c.relationships_deleted,
        ),
        rejected=[RejectedRow(file=p.file, line=p.line, column=p.column, reason=p.reason)
                  for p in report.sorted_problems()],
        elapsed_seconds=round(report.elapsed_s, 3),
        user_errors=errors + [
            UserError(field=["file", p.file], code=UserErrorCode.INVALID, message=p.reason)
            for p in report.file_problems
        ],
    )  # fmt: skip


def _stream(upload: Any) -> IO[bytes]:
    """The uploaded file as a binary stream (Starlette's UploadFile keeps it spooled to disk)."""
    if isinstance(upload, bytes | bytearray):
        return io.BytesIO(upload)
    stream: IO[bytes] = upload.file
    return stream


async def _audit(info: strawberry.Info[Context, None], report: ImportReport) -> None:
    principal = principal_of(info)
    actor = audit.Actor(principal.subject, principal.role.value)
    summary = {f.file: [f.read, f.imported, f.rejected] for f in report.files.values()}

    async def work(tx: Tx) -> None:
        await audit.record(tx, actor, audit.Change("importBundle", [], {}, {"files": summary}))

    await info.context.db.write(work)


@strawberry.type
class BundleMutation:
    """Bulk import."""

    @strawberry.mutation(
        description=(
            "Import a bundle (DESIGN §3): a .zip of CSV files or an .xlsx workbook with one sheet per file. "
            "Idempotent upsert by natural key; bad rows are skipped and listed in `rejected`."
        ),
        permission_classes=[require_roles(Role.ADMIN)],
    )
    async def import_bundle(
        self,
        info: strawberry.Info[Context, None],
        file: Annotated[Upload, strawberry.argument(description="The .zip or .xlsx, as a multipart upload.")],
    ) -> ImportBundlePayload:
        """Run the import on the uploaded file and audit it."""
        try:
            report = await import_bundle(info.context.db, _stream(file))
        except BundleError as exc:
            error = UserError(field=["file"], code=UserErrorCode.INVALID, message=str(exc))
            return payload(ImportReport(), [error])
        await _audit(info, report)
        return payload(report, [])
