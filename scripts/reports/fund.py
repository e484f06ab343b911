"""A fund's yearly report to its donors as CSV, XLSX or PDF (with a chart of giving by month)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from graph.reports.documents import FundDocument, summary_rows
from graph.reports.pdf import fund_pdf
from scripts.reports.safe import cell

MONTHS = [f"{m}月" for m in range(1, 13)]


def write_csv(doc: FundDocument, out: Path) -> None:
    """Summary, monthly totals and the donor list in one UTF-8 CSV (with BOM for spreadsheets)."""
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([(cell(k), cell(v)) for k, v in summary_rows(doc)])
        w.writerow([])
        w.writerow(["month", "received_cny"])
        w.writerows(zip(range(1, 13), doc.monthly_cny, strict=True))
        w.writerow([])
        w.writerow(["donor", "kind", "gifts", "total_cny"])
        w.writerows([(cell(d.name), d.kind, d.gifts, d.total_cny) for d in doc.donors])


def write_xlsx(doc: FundDocument, out: Path) -> None:
    """A workbook: Summary (with a monthly bar chart) and Donors."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    for k, v in summary_rows(doc):
        ws.append([cell(k), cell(v)])
    ws.append([])
    ws.append(["Month", "Received (CNY)"])
    first = ws.max_row + 1
    for label, amount in zip(MONTHS, doc.monthly_cny, strict=True):
        ws.append([label, float(Decimal(amount))])
    chart = BarChart()
    chart.title = "Giving by month (CNY)"
    chart.add_data(Reference(ws, min_col=2, min_row=first - 1, max_row=first + 11), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=first + 11))
    ws.add_chart(chart, "D2")
    donors = wb.create_sheet("Donors")
    donors.append(["Donor", "Kind", "Gifts", "Total (CNY)"])
    for d in doc.donors:
        donors.append([cell(d.name), d.kind, d.gifts, d.total_cny])
    wb.save(out)


def write_pdf(doc: FundDocument, out: Path) -> None:
    """The PDF of `graph.reports.pdf` (the one the server also serves), written to a file."""
    out.write_bytes(fund_pdf(doc))
