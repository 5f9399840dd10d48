#!/usr/bin/env python3
"""Turns sandtab_bench's JSON (one run) into the one table of `./sandtab bench`.

Usage: format_table.py RESULTS.json [E2E.json]
Latency rows compare medians with the raw socketpair ping-pong; size rows
compare mean time per frame with a raw socketpair copy of the same size.
E2E.json (sandtab_e2e_bench) adds the end-to-end rows, each beside its floor
(a bare fork+exec, renderer::Page in one process, an idle process linked
with the renderer's libraries) and its target.
"""
import json
import sys

ROUND_TRIP_ROWS = [
    ("raw_socketpair_c", "raw socketpair ping-pong, blocking (C)  [floor]"),
    ("raw_epoll_c/rearm:0", "raw ping-pong via epoll_wait (C)"),
    ("raw_epoll_c/rearm:1", "raw, epoll + EPOLL_CTL_MOD per wait (C)"),
    ("channel", "Channel (frames, as Asio drives it)"),
    ("message_channel", "MessageChannel (parse + validate)"),
]
PRESENT_COLUMNS = [
    ("memcpy", "memcpy"),
    ("shared_memory", "shared mem"),
    ("channel_copy", "Channel copy"),
    ("raw_socketpair_c", "socket (C)"),
    ("pipe_c", "pipe (C)"),
    ("sysv_msgq_c", "SysV msgq (C)"),
]
FLOOR = "raw_socketpair_c"
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


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


def load(path):
    with open(path) as f:
        data = json.load(f)
    rows = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        name = b["name"].removesuffix("/real_time")
        rows[name] = b
    return data.get("context", {}), rows


def time_ns(b):
    return b["real_time"] * TO_NS[b.get("time_unit", "ns")]


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
        failed += [f"{name}: {b.get('error_message')}" for name, b in sorted(rows.items())
                   if b.get("error_occurred") and not b.get("error_message", "").startswith("n/a")]
    if e2e_rows:
        e2e_table(out, e2e_context, e2e_rows)
        failed += [f"{name}: {row['error']}" for name, row in e2e_rows.items() if row.get("error")]
    print("\n".join(out))
    # A row that failed (rather than one a mechanism cannot carry) fails the
    # run, so the smoke test notices a broken benchmark.
    if failed:
        print("failed rows:\n  " + "\n  ".join(failed), file=sys.stderr)
        sys.exit(1)


def ipc_table(out, context, rows):
    out.append(f"placement: {context.get('placement', '?')}")
    out.append("")

    out.append("Round trip of a small message (16 B) between two processes")
    out.append(f"  {'mechanism':44} {'mean':>9} {'p50':>9} {'p99':>9} {'p50 vs floor':>13}")
    floor = rows.get("round_trip/" + ROUND_TRIP_ROWS[0][0])
    floor_p50 = floor["p50_us"] if floor and not floor.get("error_occurred") else None
    for key, label in ROUND_TRIP_ROWS:
        b = rows.get("round_trip/" + key)
        if b is None:
            continue
        if b.get("error_occurred"):
            out.append(f"  {label:44} {b.get('error_message', 'error')}")
            continue
        ratio = f"{b['p50_us'] / floor_p50:.2f}x" if floor_p50 else "-"
        out.append(f"  {label:44} {human_time(time_ns(b)):>9} {b['p50_us']:>7.2f}us "
                   f"{b['p99_us']:>7.2f}us {ratio:>13}")
    channel = rows.get("round_trip/channel")
    if channel and floor_p50 and not channel.get("error_occurred"):
        out.append(f"  Channel: {channel['p50_us'] / floor_p50:.2f}x the raw round trip "
                   f"(target <= 1.2x); p99/p50 = {channel['p99_us'] / channel['p50_us']:.2f} "
                   f"(target <= 1.5)")
    out.append("")

    sizes = sorted({int(name.rsplit("/", 1)[1]) for name in rows if name.startswith("present/")})
    out.append("Presenting a frame: N bytes from a peer process into this one, time per frame")
    out.append("  (ratio vs the raw socketpair copy of the same size; shared mem = sealed memfd "
               "painted by the peer,")
    out.append("   FrameReady/FrameAck over MessageChannel, receiver memcpy's the mapping)")
    header = f"  {'size':>8}" + "".join(f" {label:>18}" for _, label in PRESENT_COLUMNS)
    out.append(header)
    for size in sizes:
        floor_b = rows.get(f"present/{FLOOR}/{size}")
        floor_ns = time_ns(floor_b) if floor_b and not floor_b.get("error_occurred") else None
        cells = []
        for key, _ in PRESENT_COLUMNS:
            b = rows.get(f"present/{key}/{size}")
            if b is None:
                cells.append("-")
            elif b.get("error_occurred"):
                cells.append(b.get("error_message", "error"))
            else:
                ratio = f" ({time_ns(b) / floor_ns:.2f}x)" if floor_ns else ""
                cells.append(human_time(time_ns(b)) + ratio)
        out.append(f"  {human_size(size):>8}" + "".join(f" {c:>18}" for c in cells))

    def crossover(other):
        """The smallest size from which shared memory wins at every larger size."""
        answer = "never (in these sizes)"
        for size in reversed(sizes):
            shm, b = rows.get(f"present/shared_memory/{size}"), rows.get(f"present/{other}/{size}")
            if not shm or not b or shm.get("error_occurred") or b.get("error_occurred"):
                continue
            if time_ns(shm) >= time_ns(b):
                break
            answer = human_size(size)
        return answer

    out.append(f"  crossover: shared memory is faster than the Channel copy from "
               f"{crossover('channel_copy')}, than the raw socketpair from "
               f"{crossover('raw_socketpair_c')}, than a pipe from {crossover('pipe_c')}")
    allocs = [(rows[f"present/shared_memory/{s}"].get("allocs_per_frame"),
               rows[f"present/shared_memory/{s}"].get("peer_allocs_per_frame"))
              for s in sizes if f"present/shared_memory/{s}" in rows]
    allocs = [a for a in allocs if a[0] is not None]
    if allocs:
        receiver = max(a[0] for a in allocs)
        peer = max(a[1] for a in allocs)
        out.append(f"  heap allocations per presented frame (steady state, worst size): "
                   f"receiver {receiver:.3f}, painting peer {peer:.3f} (target 0)")
    copy_allocs = [rows[f"present/channel_copy/{s}"].get("allocs_per_frame", 0)
                   for s in sizes if f"present/channel_copy/{s}" in rows]
    if copy_allocs:
        out.append(f"  heap allocations per frame received through the Channel copy: "
                   f"{max(copy_allocs):.3f}")


def load_e2e(path):
    with open(path) as f:
        data = json.load(f)
    return data.get("context", {}), {row["name"]: row for row in data.get("rows", [])}


def us(value):
    return human_time(value * 1e3)


def signed_us(value):
    return ("+" if value >= 0 else "-") + us(abs(value))


def ratio(value, floor):
    return f"{value / floor:.2f}x" if floor else "-"


def verdict(ok):
    return "met" if ok else "NOT met"


def e2e_table(out, context, rows):
    """The end-to-end rows: each figure, its floor, the ratio, the target."""
    smoke = " (SMOKE: one or two samples, no meaning)" if context.get("mode") == "smoke" else ""
    out.append("")
    out.append(f"End to end: a real Browser in this process, real sandboxed children{smoke}")
    out.append(f"placement: {context.get('placement', '?')}")

    def ok(name):
        row = rows.get(name)
        return row if row and not row.get("error") and row.get("samples", 1) > 0 else None

    def error_line(label, name):
        row = rows.get(name)
        if row is not None and row.get("error"):
            out.append(f"  {label:52} FAILED: {row['error']}")
            return True
        return row is None

    floor = ok("launch/fork_exec")
    floor_us = floor["median_us"] if floor else None
    has = lambda prefix: any(name.startswith(prefix) for name in rows)
    if has("launch/") or has("open/"):
        out.append("")
    if has("launch/") or has("open/"):
        out.append("Opening a tab: time until the child exits (launch) or the tab shows its "
               "first painted frame (open)")
        out.append(f"  {'what':52} {'p50':>9} {'p99':>9} {'p50 vs floor':>13}")
    for name, label in (
            ("launch/fork_exec", "fork + exec + waitpid, tiny C program  [floor]"),
            ("launch/no_sandbox", "sandbox::Launch, no sandbox"),
            ("launch/layer1", "sandbox::Launch, layer 1 (namespaces, fs, limits)"),
            ("launch/layer1_2", "sandbox::Launch, layers 1 + 2 (preload + seccomp)"),
            ("launch/seccomp_load", "  of which: compile + load the seccomp filter"),
            ("launch/idle_ready", "exec, linked like the renderer, until main()"),
            ("launch/idle_fonts_ready", "  the same + PreloadFonts()"),
            ("open/unsandboxed", "open -> first painted frame, --no-sandbox"),
            ("open/sandboxed", "open -> first painted frame, sandboxed")):
        if error_line(label, name):
            continue
        row = rows[name]
        out.append(f"  {label:52} {us(row['median_us']):>9} {us(row['p99_us']):>9} "
                   f"{ratio(row['median_us'], floor_us):>13}")
    plain, l1, l12 = ok("launch/no_sandbox"), ok("launch/layer1"), ok("launch/layer1_2")
    sandboxed, unsandboxed = ok("open/sandboxed"), ok("open/unsandboxed")
    if plain and l1 and l12:
        out.append(f"  sandbox layers (p50): layer 1 {signed_us(l1['median_us'] - plain['median_us'])}, "
                   f"layer 2 {signed_us(l12['median_us'] - l1['median_us'])}")
    if sandboxed and unsandboxed:
        added = sandboxed["median_us"] - unsandboxed["median_us"]
        out.append(f"  the sandbox adds {signed_us(added)} (p50) to opening a tab "
                   f"(target < 5 ms: {verdict(added < 5000)})")

    if has("crash/"):
        out.append("")
        out.append("Crash to restored frame: renderer SIGKILLed, restarted at once "
                   "(no backoff, no crash-loop stop), until the new renderer's frame")
        out.append(f"  {'what':52} {'p50':>9} {'p99':>9} {'p50 vs floor':>13}")
    for name, label in (("crash/unsandboxed", "crash -> restored frame, --no-sandbox"),
                        ("crash/sandboxed", "crash -> restored frame, sandboxed")):
        if error_line(label, name):
            continue
        row = rows[name]
        out.append(f"  {label:52} {us(row['median_us']):>9} {us(row['p99_us']):>9} "
                   f"{ratio(row['median_us'], floor_us):>13}   ({row['samples']:.0f} crashes)")
    crash = ok("crash/sandboxed")
    if crash:
        out.append(f"  sandboxed median {us(crash['median_us'])} (target < 10 ms: "
                   f"{verdict(crash['median_us'] < 10000)})")

    render = [name for name in rows if name.startswith("render/")]
    if render:
        out.append("")
        out.append("Parse + layout + paint at 1280x800: the renderer's reported work for a "
                   "navigation (median of reloads)")
        out.append("  vs renderer::Page in this process on the same bytes (construct, supply "
                   "resources, paint)  [floor]")
        out.append(f"  {'page':14} {'renderer':>10} {'in-process':>11} {'ratio':>7} "
                   f"{'frames/load':>12} {'cold renderer':>14}")
        met, missed = [], []
        for name in render:
            page = name.split("/", 1)[1]
            if error_line(page, name):
                continue
            row = rows[name]
            r = row["renderer_median_us"] / row["floor_median_us"] if row["floor_median_us"] else 0
            (met if r <= 1.2 else missed).append(page)
            out.append(f"  {page:14} {us(row['renderer_median_us']):>10} "
                       f"{us(row['floor_median_us']):>11} {r:>6.2f}x {row['frames_per_load']:>12.0f} "
                       f"{us(row['first_load_us']):>14}")
        out.append(f"  target <= 1.2x: met for {len(met)} of {len(met) + len(missed)}"
                   + (f" (not: {', '.join(missed)})" if missed else ""))

    plugins = sorted((name for name in rows if name.startswith("plugin/")),
                     key=lambda n: int(n.rsplit("/", 1)[1]))
    if plugins:
        out.append("")
        out.append("Plugin frames: animated clock plugin (100x100 instances, 30 fps cadence), "
                   "one sandboxed plugin process")
        out.append("  latency = plugin finished painting -> browser received the frame "
                   "(PluginInstance::last_latency_us)")
        out.append(f"  {'instances':>9} {'latency p50':>12} {'p99':>9} {'frames/s':>9} "
                   f"{'fps/instance':>13}")
        for name in plugins:
            n = name.rsplit("/", 1)[1]
            if error_line(f"{n:>9}", name):
                continue
            row = rows[name]
            out.append(f"  {n:>9} {us(row['latency_median_us']):>12} {us(row['latency_p99_us']):>9} "
                       f"{row['frames_per_s']:>9.0f} {row['fps_per_instance']:>13.1f}")

    idle = ok("memory/idle")
    if "memory/renderer" in rows:
        out.append("")
        n = rows["memory/renderer"].get("processes", 0)
        out.append(f"Memory per process (smaps_rollup, median of {n:.0f} of each, all alive at once)")
        out.append(f"  {'process':52} {'PSS':>9} {'private':>9} {'vs floor (PSS, private)':>24}")
        for name, label in (("memory/idle", "idle, linked like sandtab-renderer  [floor]"),
                            ("memory/idle_fonts", "idle + PreloadFonts()"),
                            ("memory/renderer", "renderer, index.html loaded (sandboxed)")):
            if error_line(label, name):
                continue
            row = rows[name]
            cmp = (f"{ratio(row['pss_kib'], idle['pss_kib'])}, "
                   f"{ratio(row['private_kib'], idle['private_kib'])}") if idle else "-"
            out.append(f"  {label:52} {row['pss_kib'] / 1024:>6.1f} MB {row['private_kib'] / 1024:>6.1f} MB "
                       f"{cmp:>24}")


if __name__ == "__main__":
    main()
