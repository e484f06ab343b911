"""File-level problems, other sources (BOM, xlsx, zip) and formula neutralisation."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from graph.bundle.export import export_bundle
from graph.bundle.format import neutralise, unquote
from graph.bundle.importer import import_bundle
from graph.bundle.report import BundleError
from graph.core.db import Database
from graph.core.migrations import migrate
from tests.bundle_support import SMALL, label_counts, small_bundle, write

COLLEGES = "code,name\nCS,计算机学院\nEE,电子工程学院\n"


async def test_a_file_that_is_not_utf8_is_refused_whole_and_the_others_imported(
    db: Database, tmp_path: Path
) -> None:
    # given
    bundle = write(tmp_path / "b", "colleges.csv", COLLEGES, encoding="gbk")
    write(bundle, "funds.csv", "code,name,kind\nF1,基金,OTHER\n")
    # when
    report = await import_bundle(db, bundle)
    # then
    assert [str(p) for p in report.file_problems] == [
        "colleges.csv: not UTF-8 text (byte 0xBC on line 2); save it as 'CSV UTF-8'"
    ]
    assert await label_counts(db) == {"Fund": 1}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no header row (the first line must name the columns)"),
        ("\nCS,计算机学院\n", "no header row (the first line must name the columns)"),
        ("name\n计算机学院\n", "missing column code in the header"),
        ("code,name,code\nCS,x,y\n", "column code appears twice in the header"),
    ],
    ids=["empty", "blank-first-line", "no-key-column", "twice"],
)
async def test_a_file_without_a_usable_header_is_refused(
    db: Database, tmp_path: Path, text: str, reason: str
) -> None:
    # given
    bundle = write(tmp_path / "b", "colleges.csv", text)
    # when
    report = await import_bundle(db, bundle)
    # then
    assert [str(p) for p in report.file_problems] == [f"colleges.csv: {reason}"]
    assert report.files["colleges.csv"].read == 0
    assert await label_counts(db) == {}


async def test_a_bom_crlf_and_extra_columns_are_tolerated(db: Database, tmp_path: Path) -> None:
    # given
    bundle = write(
        tmp_path / "b",
        "colleges.csv",
        "\ufeffCode, Name ,remark\r\nCS,计算机学院,x\r\n\r\nEE,电子工程学院,\r\n",
    )
    # when
    report = await import_bundle(db, bundle)
    # then
    assert report.problems == [] and report.file_problems == []
    assert report.files["colleges.csv"].imported == 2
    assert await label_counts(db) == {"College": 2}


async def test_an_unknown_csv_file_is_reported_not_silently_dropped(db: Database, tmp_path: Path) -> None:
    # given
    bundle = write(tmp_path / "b", "alumnus.csv", "external_id,name\nS1,甲\n")
    write(bundle, "colleges.csv", COLLEGES)
    # when
    report = await import_bundle(db, bundle)
    # then
    assert [p.file for p in report.file_problems] == ["alumnus.csv"]
    assert "not a bundle file name" in report.file_problems[0].reason


@pytest.mark.parametrize("name", ["notes.txt", "missing-folder"])
async def test_a_path_that_is_no_bundle_is_refused(db: Database, tmp_path: Path, name: str) -> None:
    # given
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("hello", encoding="utf-8")
    # when / then
    with pytest.raises(BundleError):
        await import_bundle(db, path)


async def test_an_empty_folder_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="no bundle files found"):
        await import_bundle(db, tmp_path)


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx made with openpyxl."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_an_xlsx_workbook_imports_with_sheet_rows_as_lines(db: Database, tmp_path: Path) -> None:
    # given: sheet names with or without .csv, numbers as numbers, a formula, a blank row
    path = tmp_path / "bundle.xlsx"
    path.write_bytes(
        workbook_bytes(
            {
                "colleges": [["code", "name"], ["CS", "计算机学院"]],
                "alumni.csv": [
                    ["external_id", "name", "birth_year", "phone", "notable", "city_code"],
                    ["S1", '=HYPERLINK("http://x.example","x")', 1990, 13800138000, True, 440300],
                    [None, None, None, None, None, None],
                    ["S2", "乙", "nineteen", None, False, None],
                ],
            }
        )
    )
    # when
    report = await import_bundle(db, path)
    # then
    assert [str(p) for p in report.problems] == [
        "alumni.csv:4: birth_year: not a year (a whole number such as 2015)"
    ]
    rows = await db.read_rows(
        "MATCH (a:Alumnus) RETURN a.name AS name, a.birthYear AS year, a.phone AS phone, a.notable AS notable,"
        " [(a)-[:LIVES_IN]->(r) | r.code] AS city"
    )
    assert rows == [
        {
            "name": '=HYPERLINK("http://x.example","x")',
            "year": 1990,
            "phone": "13800138000",
            "notable": True,
            "city": ["440300"],
        }
    ]
    assert await label_counts(db) == {"College": 1, "Alumnus": 1}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive of the members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


async def test_a_zip_of_csv_files_in_a_folder_imports(db: Database) -> None:
    # given
    members = {f"export/{p.name}": p.read_bytes() for p in SMALL.iterdir()} | {"__MACOSX/._x.csv": b"junk"}
    # when
    report = await import_bundle(db, io.BytesIO(zip_bytes(members)))
    # then
    assert report.problems == [] and report.file_problems == []
    assert report.rows_imported == 67


@pytest.mark.parametrize(
    ("members", "limit", "message"),
    [
        ({"../colleges.csv": COLLEGES.encode()}, 10_000, "unsafe path in the archive: ../colleges.csv"),
        ({"/etc/colleges.csv": COLLEGES.encode()}, 10_000, "unsafe path in the archive: /etc/colleges.csv"),
        ({"colleges.csv": b"code,name\n" + b"X,y\n" * 5000}, 10_000, "the archive unpacks to more than"),
        (
            {"a/colleges.csv": b"code,name\n", "b/colleges.csv": b"code,name\n"},
            10_000,
            "holds colleges.csv twice",
        ),
    ],
    ids=["traversal", "absolute", "too-big", "twice"],
)
async def test_an_unsafe_zip_is_refused_before_anything_is_read(
    db: Database, members: dict[str, bytes], limit: int, message: str
) -> None:
    with pytest.raises(BundleError, match=message):
        await import_bundle(db, io.BytesIO(zip_bytes(members)), max_uncompressed=limit)
    assert await label_counts(db) == {}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("stored", "cell"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("'quoted", "''quoted"),
        ("-5", "-5"),
        ("+8613800138000", "+8613800138000"),
        ("1200.00", "1200.00"),
        ("张伟", "张伟"),
    ],
)
def test_export_neutralises_formulas_and_import_undoes_it(stored: str, cell: str) -> None:
    assert neutralise(stored) == cell
    assert unquote(cell) == stored


async def test_formula_text_round_trips_as_plain_text(db: Database, tmp_path: Path) -> None:
    # given
    formula = '=HYPERLINK("http://evil.example","点我")'
    text = "external_id,name,notable_note\n" + f'S1,"{formula.replace(chr(34), chr(34) * 2)}",-1 分\n'
    await import_bundle(db, write(tmp_path / "in", "alumni.csv", text))
    # when
    await export_bundle(db, tmp_path / "out")
    exported = (tmp_path / "out" / "alumni.csv").read_text(encoding="utf-8").splitlines()[1]
    await import_bundle(db, tmp_path / "out")
    # then
    assert exported.startswith('S1,"\'=HYPERLINK(""http://evil.example"",""点我"")"')
    assert ",'-1 分," in exported
    rows = await db.read_rows("MATCH (a:Alumnus) RETURN a.name AS name, a.notableNote AS note")
    assert rows == [{"name": formula, "note": "-1 分"}]


async def test_fewer_cells_than_the_header_are_empty_values(db: Database, tmp_path: Path) -> None:
    # given
    bundle = small_bundle(tmp_path, ("colleges.csv",))
    write(bundle, "classes.csv", "code,college_code,name,degree\nK1,CS,班\n")
    # when
    report = await import_bundle(db, bundle)
    # then
    assert report.problems == []
    assert await db.read_rows("MATCH (k:Class) RETURN k.degree AS degree") == [{"degree": None}]


async def test_line_numbers_are_physical_lines_even_after_multi_line_cells(
    db: Database, tmp_path: Path
) -> None:
    # given: a quoted cell spanning lines 2-4, a good row on line 5, a bad one on line 6
    text = 'external_id,name,notable_note\nS1,甲,"第一行\n第二行\n第三行"\nS2,乙,ok\n,丙,missing id\n'
    bundle = write(tmp_path / "b", "alumni.csv", text)
    # when
    report = await import_bundle(db, bundle)
    # then
    assert [str(p) for p in report.problems] == ["alumni.csv:6: external_id: missing value"]
    rows = await db.read_rows("MATCH (a:Alumnus {externalId: 'S1'}) RETURN a.notableNote AS note")
    assert rows == [{"note": "第一行\n第二行\n第三行"}]


async def test_a_database_without_the_current_schema_is_refused(db: Database) -> None:
    # given
    await db.write_rows("MATCH (m:_Migration {number: 3}) DELETE m")
    try:
        # when / then
        with pytest.raises(BundleError, match="run `alumni-graph migrate` first"):
            await import_bundle(db, SMALL)
    finally:
        await migrate(db)
    assert await label_counts(db) == {}


async def test_a_row_with_more_cells_than_the_header_is_rejected(db: Database, tmp_path: Path) -> None:
    # given
    bundle = write(tmp_path / "b", "colleges.csv", "code,name\nCS,计算机学院,\nEE,电子,x\nBUS,管理学院\n")
    # when
    report = await import_bundle(db, bundle)
    # then
    assert [str(p) for p in report.problems] == [
        "colleges.csv:2: row: 3 cells but the header has 2 columns",
        "colleges.csv:3: row: 3 cells but the header has 2 columns",
    ]
    assert await label_counts(db) == {"College": 1}
