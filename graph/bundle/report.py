"""What an import did: per-file counts, rejected rows, file-level problems and write counters."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.bundle.format import FILES


class BundleError(Exception):
    """The bundle as a whole cannot be read (not a folder, workbook or zip; unsafe archive...)."""


class FileProblem(Exception):
    """One file of the bundle cannot be read at all; nothing of it is imported."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass(frozen=True, order=True)
class RowProblem:
    """A rejected row: `file:line: column: reason` (line 1 is the header)."""

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.reason}"


@dataclass
class Counts:
    """Write counters summed over every statement of the import."""

    nodes_created: int = 0
    nodes_updated: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_deleted: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another statement's counters."""
        self.nodes_created += other.nodes_created
        self.nodes_updated += other.nodes_updated
        self.relationships_created += other.relationships_created
        self.relationships_updated += other.relationships_updated
        self.relationships_deleted += other.relationships_deleted

    @property
    def changes(self) -> int:
        """Nodes and relationships created, updated or deleted."""
        return (
            self.nodes_created
            + self.nodes_updated
            + self.relationships_created
            + self.relationships_updated
            + self.relationships_deleted
        )


@dataclass
class FileReport:
    """One file: rows read (data rows, blank lines not counted), imported and rejected."""

    file: str
    read: int = 0
    imported: int = 0
    rejected: int = 0
    error: str | None = None


@dataclass
class ImportReport:
    """The outcome of one import."""

    files: dict[str, FileReport] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    file_problems: list[FileProblem] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    elapsed_s: float = 0.0

    def file(self, name: str) -> FileReport:
        """The report of one file (created on first use)."""
        return self.files.setdefault(name, FileReport(name))

    def reject(self, problems: list[RowProblem]) -> None:
        """Record one rejected row with every problem found in it."""
        self.problems.extend(problems)
        self.file(problems[0].file).rejected += 1

    def fail(self, problem: FileProblem) -> None:
        """Record a file that could not be read."""
        self.file_problems.append(problem)
        self.file(problem.file).error = problem.reason

    def sorted_problems(self) -> list[RowProblem]:
        """Rejected rows in load order of their files, then by line."""
        order = {name: i for i, name in enumerate(FILES)}
        return sorted(self.problems, key=lambda p: (order.get(p.file, len(order)), p.line, p.column))

    @property
    def rows_read(self) -> int:
        """Data rows read over all files."""
        return sum(f.read for f in self.files.values())

    @property
    def rows_imported(self) -> int:
        """Rows written over all files."""
        return sum(f.imported for f in self.files.values())

    @property
    def rejected(self) -> int:
        """Rows rejected over all files."""
        return sum(f.rejected for f in self.files.values())
