"""Shared formatting helpers for the bench table: times, sizes, ratios, verdicts."""


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
