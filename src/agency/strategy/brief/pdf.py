"""The brief as a print-ready A4 PDF: a cover page, then the Markdown body, via WeasyPrint.

The body is the same Markdown the other renderer writes (markdown-it, raw HTML
off, so provider text cannot inject markup), styled with print CSS: running
header, page numbers "n / total", tables that do not split rows.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from PIL import ImageFile

from agency.core import ProviderError
from agency.strategy.brief.kpis import format_number
from agency.strategy.brief.markdown import brief_to_markdown
from agency.strategy.brief.models import Brief

CSS = """
@page {
  size: A4;
  margin: 22mm 18mm 20mm 18mm;
  @top-right { content: string(brand) " · strategy brief"; font-size: 8pt; color: #777; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt;
                   color: #777; }
}
@page :first { @top-right { content: none; } }
html { font-family: "DejaVu Sans", "Helvetica", sans-serif; font-size: 9.5pt; color: #1d1d1f;
       line-height: 1.45; }
.cover { page-break-after: always; padding-top: 45mm; }
.cover .brand { string-set: brand content(); font-size: 11pt; letter-spacing: 0.08em;
                text-transform: uppercase; color: #555; }
.cover h1 { font-size: 28pt; margin: 6mm 0 4mm; line-height: 1.1; }
.cover .goal { font-size: 12pt; color: #333; }
.cover .proposition { margin-top: 18mm; border-left: 3pt solid #c8793a; padding: 2mm 0 2mm 5mm;
                      font-size: 16pt; font-weight: bold; }
.cover table.meta { margin-top: 16mm; width: auto; font-size: 10pt; }
.cover table.meta th, .cover table.meta td { border: none; background: none;
                                             padding: 1mm 6mm 1mm 0; }
h1 { font-size: 18pt; }
h2 { font-size: 13.5pt; margin-top: 9mm; border-bottom: 0.6pt solid #bbb; padding-bottom: 1mm;
     break-after: avoid; }
h3 { font-size: 11pt; margin-top: 5mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; font-size: 8.2pt; }
th, td { border: 0.5pt solid #ccc; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #f1ede6; }
tr { break-inside: avoid; }
blockquote { margin: 3mm 0; padding: 2mm 5mm; border-left: 3pt solid #c8793a; font-size: 12pt;
             font-weight: bold; }
a { color: #1f3a4d; text-decoration: none; }
li { margin-bottom: 1mm; }
"""


def _cover(brief: Brief) -> str:
    rows = [
        ("Objective", brief.objective),
        ("Budget", f"{format_number(brief.budget_total)} {brief.currency}"),
        ("Window", f"{brief.start.isoformat()} to {brief.end.isoformat()}"),
        ("Channels", ", ".join(c.channel for c in brief.channels)),
    ]
    items = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        '<section class="cover">'
        f'<div class="brand">{escape(brief.brand)}</div>'
        f"<h1>Strategy brief: {escape(brief.product)}</h1>"
        f'<div class="goal">{escape(brief.goal)}</div>'
        f'<div class="proposition">{escape(brief.proposition)}</div>'
        f'<table class="meta">{items}</table></section>'
    )


def brief_to_html(brief: Brief) -> str:
    """A standalone HTML document of the brief, styled for print."""
    markdown = brief_to_markdown(brief)
    body_md = markdown.split("\n## ", 1)
    body = "## " + body_md[1] if len(body_md) == 2 else markdown
    html_body = MarkdownIt("commonmark", {"html": False}).enable("table").render(body)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(brief.brand)}: strategy brief</title><style>{CSS}</style></head>"
        f"<body>{_cover(brief)}{html_body}</body></html>"
    )


def brief_to_pdf(brief: Brief) -> bytes:
    """The brief as A4 PDF bytes (WeasyPrint; needs Pango, HarfBuzz and fontconfig)."""
    # Importing WeasyPrint sets PIL's process-wide LOAD_TRUNCATED_IMAGES, which would
    # make every other image check in the process accept truncated files: restore it.
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
    except OSError as exc:  # the system libraries are missing
        raise ProviderError(
            "WeasyPrint cannot load its system libraries (Pango, HarfBuzz, fontconfig): "
            f"{exc}. Install them, e.g. apt-get install libpango-1.0-0 libharfbuzz0b "
            "libpangoft2-1.0-0 fontconfig.",
            provider="weasyprint",
            retryable=False,
        ) from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    pdf = HTML(string=brief_to_html(brief)).write_pdf()
    if not pdf:
        raise ProviderError("WeasyPrint produced no PDF.", provider="weasyprint")
    return bytes(pdf)
