"""Invoice and credit-note PDFs with WeasyPrint, from templates/billing/pdf/invoice.html.

Fonts and the stylesheet are loaded once per process and reused for every document of a run.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override

from ..models import Invoice


@lru_cache(maxsize=1)
def _weasy():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css_path = settings.BASE_DIR / "templates" / "billing" / "pdf" / "invoice.css"
    return fonts, CSS(filename=str(css_path), font_config=fonts)


def render_pdf(invoice: Invoice) -> bytes:
    from weasyprint import HTML

    fonts, css = _weasy()
    with override(invoice.language):
        html = render_to_string(
            "billing/pdf/invoice.html",
            {
                "invoice": invoice,
                "lines": list(invoice.lines.all()),
                "credited": invoice.credited_invoice,
                "network": invoice.network,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css], font_config=fonts)
