"""The style-matching rows of the bench table (bench/style_bench.cc)."""
from table_helpers import human_time, ratio
from table_ipc import time_ns

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
    floor = rows.get(STYLE_ROWS[0][0])
    floor_ns = time_ns(floor) if floor and not floor.get("error_occurred") else None
    for name, label in STYLE_ROWS:
        b = rows.get(name)
        if b is None:
            continue
        if b.get("error_occurred"):
            out.append(f"  {label:66} {b.get('error_message', 'error')}")
            continue
        ns = time_ns(b)
        tested = b.get("selectors_per_element")
        tested_text = f"{tested:.1f}" if tested is not None else "whole sheet"
        out.append(f"  {label:66} {human_time(ns):>9} {ratio(ns, floor_ns):>9} {tested_text:>18}")
