"""Shared formatting helpers for the bench table: times, sizes, ratios, verdicts."""


TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def time_ns(b):
    """A Google Benchmark row's real time in nanoseconds."""
    return b["real_time"] * TO_NS[b.get("time_unit", "ns")]


def human_time(ns):
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} us"
    return f"{ns / 1e6:.2f} ms"


def human_size(size):
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} B"


def us(value):
    return human_time(value * 1e3)


def signed_us(value):
    return ("+" if value >= 0 else "-") + us(abs(value))


def ratio(value, floor):
    return f"{value / floor:.2f}x" if floor else "-"


def verdict(ok):
    return "met" if ok else "NOT met"


def measured_rows(out, rows, labels, width=66, prefix=""):
    """The (label, row) of each (name, label) in `labels` that ran; a row
    that failed is printed with its error instead, one that is absent is
    left out. Names are looked up as prefix + name."""
    for name, label in labels:
        b = rows.get(prefix + name)
        if b is None:
            continue
        if b.get("error_occurred"):
            out.append(f"  {label:{width}} {b.get('error_message', 'error')}")
            continue
        yield label, b


def rows_against_floor(out, rows, labels, extra, extra_width):
    """One line per (name, label) of `labels` present in `rows` (Google
    Benchmark rows): the mean time, its ratio to the first row (the floor),
    and `extra(row)`, a text column `extra_width` wide."""
    floor = rows.get(labels[0][0])
    floor_ns = time_ns(floor) if floor and not floor.get("error_occurred") else None
    for label, b in measured_rows(out, rows, labels):
        ns = time_ns(b)
        out.append(f"  {label:66} {human_time(ns):>9} {ratio(ns, floor_ns):>9} {extra(b):>{extra_width}}")
