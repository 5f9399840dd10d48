"""The cookie lookup rows of the bench table (bench/cookie_bench.cc)."""
from table_helpers import rows_against_floor

STORAGE_ROWS = [
    ("storage/cookie_lookup/1", "100 cookies stored (one site)  [floor]"),
    ("storage/cookie_lookup/100", "10,000 cookies stored (100 sites)"),
]


def storage_table(out, rows):
    """The Cookie header of one request: CookieStore::CookieHeaderFor, on the browser's loop."""
    out.append("")
    out.append("Cookies: the Cookie header for one request (CookieStore::CookieHeaderFor, 100 cookies of its site")
    out.append("  match or not by path and HttpOnly), with 100 and with 10,000 cookies stored")
    out.append(f"  {'what':66} {'mean':>9} {'vs floor':>9} {'header bytes':>13}")
    rows_against_floor(out, rows, STORAGE_ROWS, lambda b: str(int(b.get("header_bytes", 0))), 13)
