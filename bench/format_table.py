#!/usr/bin/env python3
"""Turns sandtab_bench's JSON (one run) into the one table of `./sandtab bench`.

Usage: format_table.py RESULTS.json [E2E.json]
Latency rows compare medians with the raw socketpair ping-pong; size rows
compare mean time per frame with a raw socketpair copy of the same size;
compositing rows compare the median frame with one memcpy of the frame.
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
        scale_table(out, e2e_rows)
        failed += [f"{name}: {row['error']}" for name, row in e2e_rows.items() if row.get("error")]
    print("\n".join(out))
    # A row that failed (rather than one a mechanism cannot carry) fails the
    # run, so the smoke test notices a broken benchmark.
    if failed:
        print("failed rows:\n  " + "\n  ".join(failed), file=sys.stderr)
        sys.exit(1)


def ipc_table(out, context, rows):
    out.append(f"placement: {context.get('placement', '?')}")
    if any(name.startswith("round_trip/") for name in rows):
        round_trip_table(out, rows)
    if any(name.startswith("present/") for name in rows):
        present_table(out, rows)
    if any(name.startswith("compose/") for name in rows):
        compose_table(out, rows)


def round_trip_table(out, rows):
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


def present_table(out, rows):
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


COMPOSE_ROWS = [
    ("compose/memcpy", "one memcpy of a 1920×1080 ARGB frame (8,294,400 bytes)  [floor]"),
    ("compose/page/0", "compositing a 1920×1080 frame"),
    ("compose/page/4", "  + 4 plugin instances (320×240 each) blitted over it"),
    ("compose/page_fresh_image", "  into a fresh image each frame (as a screenshot does)"),
]


def compose_table(out, rows):
    """Compositor::ComposePage, the browser's own code, beside one memcpy."""
    out.append("")
    out.append("Compositing a 1920x1080 frame: Compositor::ComposePage (the code ComposeTab runs) from a "
               "FrameSink's front buffer")
    out.append("  (sealed memfd, read-only mapping) into the browser's image, reused across frames; "
               "time per frame")
    out.append(f"  {'what':66} {'mean':>9} {'p50':>9} {'p50 vs floor':>13} {'allocs':>7} {'faults':>7}")
    floor = rows.get(COMPOSE_ROWS[0][0])
    floor_p50 = floor["p50_us"] if floor and not floor.get("error_occurred") else None
    for name, label in COMPOSE_ROWS:
        b = rows.get(name)
        if b is None:
            continue
        if b.get("error_occurred"):
            out.append(f"  {label:66} {b.get('error_message', 'error')}")
            continue
        ratio = f"{b['p50_us'] / floor_p50:.2f}x" if floor_p50 else "-"
        out.append(f"  {label:66} {human_time(time_ns(b)):>9} {human_time(b['p50_us'] * 1e3):>9} "
                   f"{ratio:>13} {b['allocs_per_frame']:>7.2f} {b['faults_per_frame']:>7.2f}")
    page = rows.get("compose/page/0")
    if page and floor_p50 and not page.get("error_occurred"):
        r = page["p50_us"] / floor_p50
        out.append(f"  compositing a 1920×1080 frame: {r:.2f}x one memcpy of it, p50 "
                   f"(target <= 1.2x: {verdict(r <= 1.2)})")
    out.append("  allocs = operator new calls per frame (cairo's mallocs not counted), "
               "faults = minor page faults per frame")


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


VARIANTS = [("zygote", "zygote"), ("cold_sandboxed", "cold, sandboxed"),
            ("cold_unsandboxed", "cold, --no-sandbox")]


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
    zygote_floor = ok("floor/fork_bpf")
    zfloor_us = zygote_floor["median_us"] if zygote_floor else None
    if has("launch/") or has("floor/") or has("open/"):
        out.append("")
        out.append("Opening a tab: time until the child exits (launch, floor), the renderer's handshake is "
                   "done (ready) or the tab shows its first painted frame")
        out.append(f"  {'what':52} {'p50':>9} {'p99':>9} {'p50 vs floor':>13} {'vs zygote floor':>16}")

    def timed(label, name, key="median_us", p99="p99_us"):
        if error_line(label, name):
            return
        row = rows[name]
        out.append(f"  {label:52} {us(row[key]):>9} {us(row[p99]):>9} "
                   f"{ratio(row[key], floor_us):>13} {ratio(row[key], zfloor_us):>16}")

    for name, label in (
            ("launch/fork_exec", "fork + exec + waitpid, tiny C program  [floor]"),
            ("launch/no_sandbox", "sandbox::Launch, no sandbox"),
            ("launch/layer1", "sandbox::Launch, layer 1 (namespaces, fs, limits)"),
            ("launch/layer1_2", "sandbox::Launch, layers 1 + 2 (preload + seccomp)"),
            ("launch/seccomp_load", "  of which: compile + load the seccomp filter"),
            ("launch/idle_ready", "exec, linked like the renderer, until main()"),
            ("launch/idle_fonts_ready", "  the same + PreloadFonts()"),
            ("floor/fork", "fork + _exit + waitpid, initialised process"),
            ("floor/fork_bpf", "  + renderer's filter as ready BPF  [zygote floor]"),
            ("floor/fork_compile", "  + libseccomp compiles it in the child, loads")):
        timed(label, name)
    for variant, label in VARIANTS:
        timed(f"open -> renderer ready, {label}", f"open/{variant}", "ready_median_us", "ready_p99_us")
        timed(f"open -> first frame, {label}", f"open/{variant}")
    plain, l1, l12 = ok("launch/no_sandbox"), ok("launch/layer1"), ok("launch/layer1_2")
    if plain and l1 and l12:
        out.append(f"  sandbox layers (p50): layer 1 {signed_us(l1['median_us'] - plain['median_us'])}, "
                   f"layer 2 {signed_us(l12['median_us'] - l1['median_us'])}")
    if zygote_floor:
        out.append(f"  zygote floor: {us(zfloor_us)} ({zygote_floor.get('bpf_instructions', 0):.0f} BPF "
                   f"instructions; fork alone {us(rows['floor/fork']['median_us'])})")
    zygote, cold, unsandboxed = ok("open/zygote"), ok("open/cold_sandboxed"), ok("open/cold_unsandboxed")
    if cold and unsandboxed:
        added = cold["median_us"] - unsandboxed["median_us"]
        added_ready = cold["ready_median_us"] - unsandboxed["ready_median_us"]
        out.append(f"  the sandbox's cost (cold sandboxed - cold --no-sandbox, p50): {signed_us(added)} to the "
                   f"first frame, {signed_us(added_ready)} to ready (target < 5 ms: {verdict(added < 5000)})")
    if zygote and cold:
        out.append(f"  the zygote's gain (cold sandboxed vs zygote, p50): first frame "
                   f"{us(cold['median_us'])} -> {us(zygote['median_us'])} "
                   f"({cold['median_us'] / zygote['median_us']:.1f}x faster), ready "
                   f"{us(cold['ready_median_us'])} -> {us(zygote['ready_median_us'])} "
                   f"({cold['ready_median_us'] / zygote['ready_median_us']:.1f}x)")
    if zygote and zygote_floor:
        r = zygote["ready_median_us"] / zfloor_us
        out.append(f"  open -> renderer ready (zygote): {us(zygote['ready_median_us'])} = {r:.2f}x the zygote "
                   f"floor (target <= 2x: {verdict(r <= 2)})")
    if zygote:
        out.append(f"  open -> first frame of simple.html (zygote): {us(zygote['median_us'])} "
                   f"(target < 5 ms: {verdict(zygote['median_us'] < 5000)})")

    if has("crash/"):
        out.append("")
        out.append("Crash to restored frame: renderer SIGKILLed, restarted at once "
                   "(no backoff, no crash-loop stop), until the new renderer's frame")
        out.append(f"  {'what':52} {'p50':>9} {'p99':>9} {'p50 vs floor':>13} {'vs zygote floor':>16}")
    for variant, label in VARIANTS:
        timed(f"crash -> new renderer ready, {label}", f"crash/{variant}", "ready_median_us", "ready_p99_us")
        timed(f"crash -> restored frame, {label}", f"crash/{variant}")
    crash = ok("crash/zygote")
    if crash:
        samples = crash["samples"]
        out.append(f"  zygote: median {us(crash['median_us'])} over {samples:.0f} crashes (target < 10 ms: "
                   f"{verdict(crash['median_us'] < 10000)})")
        if zygote_floor:
            r = crash["median_us"] / zfloor_us
            out.append(f"  renderer death -> restored first frame (zygote) = {r:.2f}x the zygote floor "
                       f"(target < 3x: {verdict(r < 3)})")

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


def scale_table(out, rows):
    """The --scale run: hundreds of tabs, then crashes, then all closed."""
    get = lambda name: rows.get(name, {})
    if not any(name.startswith("scale/") for name in rows):
        return
    opened = get("scale/open")
    n = opened.get("tabs", 0)
    out.append("")
    out.append(f"Scale: {n:.0f} tabs open at once in one browser (zygote, sandbox, --max-surfaces "
               f"{get('scale/buffers').get('max_surfaces', 32):.0f}), opened in waves of 50")
    for name in ("scale/open", "scale/tabs_command", "scale/ps_command", "scale/idle_cpu",
                 "scale/renderer_memory", "scale/idle_floor_memory", "scale/buffers", "scale/faults",
                 "scale/residue"):
        row = get(name)
        if row.get("error"):
            out.append(f"  {name:24} FAILED: {row['error']}")
    if opened and "painted" in opened:
        out.append(f"  painted: {opened['painted']:.0f} of {n:.0f} in {opened['seconds']:.1f} s "
                   f"({opened['tabs_per_s']:.0f} tabs/s; first paint {us(opened['first_paint_in_wave_median_us'])} "
                   f"after its wave was opened, median)  {verdict(opened['painted'] == n)}")
    if "fds" in opened:
        out.append(f"  browser fds: baseline {opened['baseline_fds']:.0f}, peak {opened['peak_fds']:.0f} while "
                   f"opening, {opened['fds']:.0f} settled (RLIMIT_NOFILE {opened['rlimit_nofile']:.0f}, raised "
                   f"by the browser itself); processes under the browser: {opened['descendants']:.0f}")
    for name, what in (("scale/tabs_command", "tabs"), ("scale/ps_command", "ps")):
        row = get(name)
        if "median_us" in row:
            target = f" (target < 100 ms: {verdict(row['median_us'] < 100000)})" if what == "tabs" else ""
            out.append(f"  `{what}` via ShellCommands::Run in-process: p50 {us(row['median_us'])}, p99 "
                       f"{us(row['p99_us'])}, {row['json_bytes'] / 1024:.0f} KiB of JSON{target}")
    cpu = get("scale/idle_cpu")
    if "browser_cpu_percent" in cpu:
        out.append(f"  idle CPU over {cpu['window_s']:.1f} s: browser {cpu['browser_cpu_percent']:.2f}% "
                   f"(target < 1%: {verdict(cpu['browser_cpu_percent'] < 1)}), all renderers together "
                   f"{cpu['renderers_cpu_percent']:.2f}%")
    memory, floor = get("scale/renderer_memory"), get("scale/idle_floor_memory")
    if "private_kib" in memory and floor.get("private_kib"):
        fp = floor["private_kib"]
        r_with, r_without = memory["private_kib"] / fp, memory["private_without_buffers_kib"] / fp
        out.append(f"  renderer private memory (smaps, median of {memory['renderers']:.0f}): "
                   f"{memory['private_kib'] / 1024:.2f} MB with pixel buffers, "
                   f"{memory['private_without_buffers_kib'] / 1024:.2f} MB without; PSS {memory['pss_kib'] / 1024:.2f} MB")
        out.append(f"    idle floor (linked like the renderer, 4 alive): private {fp / 1024:.2f} MB, PSS "
                   f"{floor['pss_kib'] / 1024:.2f} MB -> {r_with:.2f}x / {r_without:.2f}x "
                   f"(target <= 2x: {verdict(r_with <= 2)} / {verdict(r_without <= 2)})")
        out.append(f"    {memory['renderers_mapping_buffers']:.0f} renderers map pixel buffers: private "
                   f"{memory.get('private_kib_when_mapped', 0) / 1024:.2f} MB each (median), of it "
                   f"{memory['buffer_shared_kib_when_mapped'] / 1024:.1f} MB counted shared; buffer pages resident "
                   f"in all renderers {memory.get('buffers_resident_kib_all_renderers', 0) / 1024:.0f} MB")
    buffers = get("scale/buffers")
    if "memfds" in buffers:
        out.append(f"  pixel buffers: {buffers['surfaces_held']:.0f} tabs hold a surface; the browser holds "
                   f"{buffers['memfds']:.0f} memfds ({buffers['memfd_mappings']:.0f} mapped, "
                   f"{buffers['mapped_buffer_kib'] / 1024:.0f} MB resident) vs {buffers['all_held_memfds']:.0f} "
                   f"memfds / {buffers['all_held_kib'] / 1024:.0f} MB if every tab kept 2 buffers  "
                   f"{verdict(buffers['surfaces_held'] <= buffers['max_surfaces'])}")
    faults = get("scale/faults")
    if "crashes" in faults:
        out.append(f"  faults: {faults['crashes']:.0f} random renderers crashed (about:crash) -> "
                   f"{faults['recovered']:.0f} recovered (new renderer, new frame) in {faults['seconds']:.2f} s; "
                   f"recovery p50 {us(faults['recovery_median_us'])}, p99 {us(faults['recovery_p99_us'])}; "
                   f"{faults['bystanders_untouched']:.0f} of {faults['bystanders']:.0f} other tabs untouched  "
                   f"{verdict(faults['recovered'] == faults['crashes'] and not faults.get('error'))}")
    residue = get("scale/residue")
    if "fds" in residue:
        clean = (residue["zombies"] == 0 and residue["live_descendants"] == 0 and
                 residue["fds"] == residue["baseline_fds"] and residue["memfds"] == residue["baseline_memfds"])
        out.append(f"  all closed in {residue['close_seconds']:.2f} s: zombies {residue['zombies']:.0f}, live "
                   f"processes besides the zygote {residue['live_descendants']:.0f}, fds {residue['fds']:.0f} "
                   f"(baseline {residue['baseline_fds']:.0f}), memfds {residue['memfds']:.0f} (baseline "
                   f"{residue['baseline_memfds']:.0f})  no residue: {verdict(clean)}")


if __name__ == "__main__":
    main()
