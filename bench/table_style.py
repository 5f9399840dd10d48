"""The style-matching rows of the bench table (bench/style_bench.cc)."""
from table_helpers import rows_against_floor

STYLE_ROWS = [
    ("style/plain", "the page with no author sheet  [floor]"),
    ("style/indexed", "  + a 1,000-rule sheet, matched through the RuleIndex"),
    ("style/litehtml_loop", "  + the same sheet, litehtml's own loop over every rule"),
]


def style_table(out, rows):
    """Building a 3,000-element page (parse, style, lay out) with and without a large sheet."""
    out.append("")
    out.append("Style matching: renderer::Page built from a 3,000-element page (1,000 divs, spans and links) "
               "at 1280x800;")
    out.append("  time per page (parse + style + layout), beside the same page with no author sheet")
    out.append(f"  {'what':66} {'mean':>9} {'vs floor':>9} {'selectors/element':>18}")
    rows_against_floor(out, rows, STYLE_ROWS, _selectors_per_element, 18)


def _selectors_per_element(b):
    tested = b.get("selectors_per_element")
    return f"{tested:.1f}" if tested is not None else "whole sheet"
