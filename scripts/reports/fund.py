"""A fund's yearly report to its donors as CSV, XLSX or PDF (with a chart of giving by month)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from graph.reports.documents import FundDocument
from scripts.reports.safe import cell

FONT = "STSong-Light"  # a CID font every PDF reader has: Chinese text needs no font file
MONTHS = [f"{m}月" for m in range(1, 13)]


def summary_rows(doc: FundDocument) -> list[tuple[str, str]]:
    """The headline figures of the report."""
    f = doc.figures
    return [
        ("基金 Fund", f"{doc.name} ({doc.code})"),
        ("学院 College", doc.college or "—"),
        ("年度 Year", str(doc.year)),
        ("目标 Goal (CNY)", doc.goal_cny or "—"),
        ("本年到账 Received (CNY)", f.received),
        ("本年认捐 Pledged (CNY)", f.pledged),
        ("年末未兑现认捐 Outstanding pledges (CNY)", f.outstanding_pledges),
        ("捐赠人 Donors", str(f.donor_count)),
        ("新捐赠人 New donors", str(f.new_donor_count)),
    ]


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


def _chart(doc: FundDocument) -> Drawing:
    drawing = Drawing(460, 180)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 40, 30, 400, 130
    bars.data = [[float(Decimal(a)) for a in doc.monthly_cny]]
    bars.categoryAxis.categoryNames = [str(m) for m in range(1, 13)]
    bars.valueAxis.valueMin = 0
    bars.bars[0].fillColor = colors.HexColor("#8B1A1A")
    drawing.add(bars)
    return drawing


def write_pdf(doc: FundDocument, out: Path) -> None:
    """A one- or two-page PDF: title, figures, a bar chart of giving by month, the donor list."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22)
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ]
    )
    donors = [["捐赠人 Donor", "类型 Kind", "笔数 Gifts", "金额 Total (CNY)"]]
    donors += [[d.name, d.kind, str(d.gifts), d.total_cny] for d in doc.donors]
    story = [
        Paragraph(f"{doc.name} {doc.year} 年度捐赠报告 / Annual report to donors", title),
        Spacer(1, 8),
        Table([list(r) for r in summary_rows(doc)], style=style),
        Spacer(1, 12),
        Paragraph("按月到账 Giving by month (CNY)", body),
        _chart(doc),
        Spacer(1, 12),
        Table(donors, style=style, repeatRows=1),
        Spacer(1, 12),
        Paragraph("感谢每一位捐赠人的支持。Thank you to every donor.", body),
    ]
    SimpleDocTemplate(str(out), pagesize=A4, title=f"{doc.name} {doc.year}").build(story)
