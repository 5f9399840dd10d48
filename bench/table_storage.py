"""The cookie lookup rows of the bench table (bench/cookie_bench.cc)."""
from table_helpers import human_time, ratio
from table_ipc import time_ns

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
    floor = rows.get(STORAGE_ROWS[0][0])
    floor_ns = time_ns(floor) if floor and not floor.get("error_occurred") else None
    for name, label in STORAGE_ROWS:
        b = rows.get(name)
        if b is None:
            continue
        if b.get("error_occurred"):
            out.append(f"  {label:66} {b.get('error_message', 'error')}")
            continue
        ns = time_ns(b)
        out.append(f"  {label:66} {human_time(ns):>9} {ratio(ns, floor_ns):>9} {int(b.get('header_bytes', 0)):>13}")
