"""The JavaScript table of the bench table (issue 21), from the script/ rows of
sandtab_e2e_bench's JSON: a page's context in a zygote-forked child, open ->
loaded frame of a scripted page beside a plain one, a DOM-heavy page in the
renderer against the same work in-process. Each figure beside its floor,
sampled in turn with it in the same run."""
from table_helpers import ratio, us


def script_table(out, rows):
    if not any(name.startswith("script/") for name in rows):
        return
    get = lambda name: rows.get(name) if rows.get(name) and not rows[name].get("error") else None
    out.append("")
    out.append("JavaScript (issue 21): each row and its floor sampled in turn, in the same run; in-process = "
               "the renderer's own PageScripts (parse, context, bindings), litehtml layout and paint, no IPC")
    out.append(f"  {'what':58} {'p50':>9} {'p99':>9} {'vs floor':>9}")

    def line(label, name, floor=None):
        """One row: its p50 and p99, and its p50 over its floor's (none: it is the floor)."""
        row = rows.get(name, {})
        if row.get("error"):
            out.append(f"  {label:58} FAILED: {row['error']}")
        elif row:
            versus = ratio(row["median_us"], floor["median_us"]) if floor else "[floor]"
            out.append(f"  {label:58} {us(row['median_us']):>9} {us(row['p99_us']):>9} {versus:>9}")

    fork_floor, forked, warm = get("script/fork_floor"), get("script/context_forked"), get("script/context_warm")
    line("fork + renderer filter + _exit, engine-holding helper", "script/fork_floor")
    line("PageScripts::Create in a child forked from it, filtered", "script/context_forked", fork_floor)
    line("  the same in the helper itself (no fork)", "script/context_warm", fork_floor)
    if forked:
        out.append(f"    the forked child's context: {us(forked['cpu_median_us'])} of CPU (all its threads), "
                   f"{forked['minor_faults']:.0f} page faults (median)"
                   + (f"; {forked['median_us'] / warm['median_us']:.2f}x the same in the unforked helper "
                      f"(what a fresh fork's copy-on-write and cold caches add)" if warm else ""))
    simple, scripted = get("script/open_simple"), get("script/open_scripted")
    line("open -> loaded frame, simple.html (zygote)", "script/open_simple")
    line("open -> loaded frame, scripted.html (one inline script)", "script/open_scripted", simple)
    if simple and scripted:
        out.append(f"    the script's cost to a new tab's loaded frame: "
                   f"+{us(scripted['median_us'] - simple['median_us'])} (p50s; the zygote floor sampled "
                   f"alongside: {us(simple['floor_median_us'])})")
        out.append(f"    the renderer's own document work (FrameReady.work_us, its main thread's CPU, p50): "
                   f"{us(simple['work_median_us'])} -> {us(scripted['work_median_us'])}: the difference, "
                   f"{us(scripted['work_median_us'] - simple['work_median_us'])}, is PageScripts::Create (the "
                   f"context) and the DOM's serialisation, in the real zygote-forked renderer")
    in_process = get("script/dom_heavy_in_process")
    line("a script builds 3,000 elements, in-process", "script/dom_heavy_in_process")
    line("  the same page in a renderer, open -> loaded frame", "script/dom_heavy_renderer", in_process)
    if in_process:
        out.append(f"    in-process CPU {us(in_process['cpu_median_us'])} (median); the ratio is what the process "
                   f"boundary, the fork and the sandbox add to it")
