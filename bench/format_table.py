#!/usr/bin/env python3
"""Turns sandtab_bench's JSON (one run) into the one table of `./sandtab bench`.

Usage: format_table.py RESULTS.json [E2E.json]
Latency rows compare medians with the raw socketpair ping-pong; size rows
compare mean time per frame with a raw socketpair copy of the same size;
compositing rows compare the median frame with one memcpy of the frame;
style rows compare building a large page with and without a large sheet.
E2E.json (sandtab_e2e_bench) adds the end-to-end rows, each beside its floor
(a bare fork+exec, renderer::Page in one process, an idle process linked
with the renderer's libraries) and its target.

This file reads the two JSON files and prints the table; the code of each
table is in table_ipc.py, table_style.py, table_e2e.py, table_client.py and table_scale.py, their shared
formatting in table_helpers.py.
"""
import json
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for the modules below
from table_client import client_table  # noqa: E402
from table_e2e import e2e_table  # noqa: E402
from table_ipc import ipc_table  # noqa: E402
from table_scale import scale_table  # noqa: E402
from table_script import script_table  # noqa: E402
from table_storage import storage_table  # noqa: E402
from table_sites import sites_table  # noqa: E402
from table_style import style_table  # noqa: E402


def load(path):
    with open(path) as f:
        data = json.load(f)
    rows = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        # Rows with a fixed iteration count carry it in their name.
        name = re.sub(r"/iterations:\d+", "", b["name"].removesuffix("/real_time"))
        rows[name] = b
    return data.get("context", {}), rows


def load_e2e(path):
    with open(path) as f:
        data = json.load(f)
    return data.get("context", {}), {row["name"]: row for row in data.get("rows", [])}


def main():
    context, rows = load(sys.argv[1])
    e2e_context, e2e_rows = load_e2e(sys.argv[2]) if len(sys.argv) > 2 else ({}, {})
    if not context.get("host_name"):
        context = {**e2e_context, "placement": None}
    out = []
    out.append(f"sandtab bench: one run on {context.get('host_name', '?')}, "
               f"{context.get('num_cpus', '?')} CPUs, {context.get('date', '')}")
    failed = []
    if rows:
        ipc_table(out, context, rows)
        if any(name.startswith("style/") for name in rows):
            style_table(out, rows)
        if any(name.startswith("storage/") for name in rows):
            storage_table(out, rows)
        failed += [f"{name}: {b.get('error_message')}" for name, b in sorted(rows.items())
                   if b.get("error_occurred") and not b.get("error_message", "").startswith("n/a")]
    if e2e_rows:
        e2e_table(out, e2e_context, e2e_rows)
        client_table(out, e2e_rows)
        script_table(out, e2e_rows)
        sites_table(out, e2e_rows)
        scale_table(out, e2e_context, e2e_rows)
        failed += [f"{name}: {row['error']}" for name, row in e2e_rows.items() if row.get("error")]
    print("\n".join(out))
    # A row that failed (rather than one a mechanism cannot carry) fails the
    # run, so the smoke test notices a broken benchmark.
    if failed:
        print("failed rows:\n  " + "\n  ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
