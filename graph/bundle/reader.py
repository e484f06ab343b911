"""Reading a bundle: a folder of CSV files, one bundle CSV, a .zip of CSV files or an .xlsx workbook.

Rows are streamed (one at a time, never a whole file in memory). A file that cannot be read at
all (not UTF-8, no header...) raises `FileProblem` before any of its rows is returned.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from graph.bundle import workbook
from graph.bundle.format import COLUMNS, FILES
from graph.bundle.report import BundleError, FileProblem
from graph.bundle.tables import Bundle, RawRow, Table, header_of

__all__ = ["Bundle", "Table", "check_utf8", "csv_table", "open_bundle"]

MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
_CHUNK = 1 << 20
csv.field_size_limit(1 << 24)

Opener = Callable[[], IO[bytes]]


def check_utf8(stream: IO[bytes], file: str) -> None:
    """Read the whole stream once; FileProblem unless it is UTF-8 text without NUL bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    while chunk := stream.read(_CHUNK):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            bad = exc.object[exc.start]
            where = line + exc.object.count(b"\n", 0, exc.start)
            raise FileProblem(
                file, f"not UTF-8 text (byte 0x{bad:02X} on line {where}); save it as 'CSV UTF-8'"
            ) from None
        if b"\x00" in chunk:
            where = line + chunk.count(b"\n", 0, chunk.index(b"\x00"))
            raise FileProblem(file, f"contains a NUL byte on line {where}: not a UTF-8 CSV file")
        line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise FileProblem(file, "not UTF-8 text (it ends in the middle of a character)") from None


def _csv_rows(file: str, reader: Iterator[list[str]], lines: Callable[[], int]) -> Iterator[RawRow]:
    start = lines() + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield start, cells
            start = lines() + 1
    except (csv.Error, OSError) as exc:
        raise FileProblem(
            file, f"unreadable from line {start} on ({exc}); the rows before it were imported"
        ) from None


@contextmanager
def csv_table(file: str, opener: Opener, size: int | None) -> Iterator[Table]:
    """A CSV file as a table; checks the encoding in a first pass."""
    with opener() as probe:
        check_utf8(probe, file)
    with opener() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        header = header_of(next(reader, None), file)
        rows = _csv_rows(file, reader, lambda: reader.line_num)
        yield Table(file, header, rows, size, raw.tell)


def _folder(path: Path) -> Bundle:
    found: dict[str, Path] = {}
    problems: list[FileProblem] = []
    for entry in sorted(path.iterdir()):
        name = entry.name.lower()
        if not entry.is_file() or not name.endswith(".csv"):
            continue
        if name in COLUMNS:
            found[name] = entry
        else:
            problems.append(FileProblem(entry.name, _unknown_file()))

    def table(file: str) -> AbstractContextManager[Table]:
        target = found[file]
        return csv_table(file, lambda: target.open("rb"), target.stat().st_size)

    return Bundle([f for f in FILES if f in found], problems, table)


def _unknown_file() -> str:
    return "not a bundle file name, so nothing of it was imported (expected " + ", ".join(FILES) + ")"


def _safe_members(archive: zipfile.ZipFile, limit: int) -> dict[str, zipfile.ZipInfo]:
    """Bundle files of a zip; BundleError on unsafe paths, encryption, or too much uncompressed data."""
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in archive.infolist():
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if info.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise BundleError(f"unsafe path in the archive: {info.filename}")
        total += info.file_size
        if total > limit:
            raise BundleError(f"the archive unpacks to more than {limit // (1024 * 1024)} MB")
        name = parts[-1].lower() if parts else ""
        if info.is_dir() or "__MACOSX" in parts or name.startswith(".") or not name.endswith(".csv"):
            continue
        if info.flag_bits & 0x1:
            raise BundleError(f"{info.filename} is encrypted")
        if name in found:
            raise BundleError(f"the archive holds {name} twice")
        found[name] = info
    return found


def _zip(archive: zipfile.ZipFile, limit: int) -> Bundle:
    members = _safe_members(archive, limit)
    problems = [
        FileProblem(info.filename, _unknown_file()) for n, info in members.items() if n not in COLUMNS
    ]

    def table(file: str) -> AbstractContextManager[Table]:
        info = members[file]
        return csv_table(file, lambda: archive.open(info), info.file_size)

    return Bundle([f for f in FILES if f in members], problems, table)


@contextmanager
def open_bundle(
    source: Path | IO[bytes], *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES
) -> Iterator[Bundle]:
    """Open a folder, a bundle CSV file, a .zip of CSV files or an .xlsx workbook (path or stream)."""
    if isinstance(source, Path) and source.is_dir():
        yield _folder(source)
        return
    if isinstance(source, Path) and source.suffix.lower() == ".csv" and source.is_file():
        yield _single_csv(source)
        return
    if isinstance(source, Path) and not source.is_file():
        raise BundleError(f"{source}: no such folder or file")
    if not zipfile.is_zipfile(source):
        kinds = (
            "a folder, a .csv file, a .zip of CSV files"
            if isinstance(source, Path)
            else "a .zip of CSV files"
        )
        raise BundleError(f"{_label(source)}: not {kinds} or an .xlsx workbook")
    with _open_zip(source) as archive:
        if "xl/workbook.xml" in archive.namelist():
            _safe_members(archive, max_uncompressed)
            with workbook.open_workbook(source) as book:
                yield workbook.bundle_of(book)
        else:
            yield _zip(archive, max_uncompressed)


def _single_csv(path: Path) -> Bundle:
    name = path.name.lower()
    if name not in COLUMNS:
        raise BundleError(f"{path.name}: {_unknown_file()}")
    return Bundle([name], [], lambda f: csv_table(f, lambda: path.open("rb"), path.stat().st_size))


@contextmanager
def _open_zip(source: Path | IO[bytes]) -> Iterator[zipfile.ZipFile]:
    if not isinstance(source, Path):
        source.seek(0)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"{_label(source)}: a damaged zip archive ({exc})") from None
    with archive:
        yield archive


def _label(source: Path | IO[bytes]) -> str:
    return str(source) if isinstance(source, Path) else "the upload"
