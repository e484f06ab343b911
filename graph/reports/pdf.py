"""The fund's yearly report to its donors as PDF bytes: one renderer for the CLI and the HTTP route."""

from __future__ import annotations

import io
import threading
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from graph.reports.documents import FundDocument, summary_rows

FONT = "STSong-Light"  # a CID font every PDF reader has: Chinese text needs no font file
# reportlab keeps module-level state (fonts, caches); the server renders in worker threads.
_LOCK = threading.Lock()


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


def _story(doc: FundDocument) -> list[Flowable]:
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
    return [
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


def fund_pdf(doc: FundDocument) -> bytes:
    """A one- or two-page PDF: title, figures, a bar chart of giving by month, the donor list."""
    out = io.BytesIO()
    with _LOCK:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        SimpleDocTemplate(
            out,
            pagesize=A4,
            title=f"{doc.name} {doc.year}",
            subject=f"Fund {doc.code}, {doc.year}",
        ).build(_story(doc))
    return out.getvalue()
