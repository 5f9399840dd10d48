"""The scale table of the bench table, from the scale/ rows of sandtab_e2e_bench's JSON
(its --scale run, or the tiny one in --smoke)."""
from table_helpers import us, verdict


def scale_table(out, context, rows):
    """The --scale run: hundreds of tabs, then crashes, then all closed."""
    get = lambda name: rows.get(name, {})
    if not any(name.startswith("scale/") for name in rows):
        return
    opened = get("scale/open")
    n = opened.get("tabs", 0)
    out.append("")
    out.append(f"Scale: {n:.0f} tabs open at once in one browser (zygote, sandbox, --max-surfaces "
               f"{get('scale/buffers').get('max_surfaces', 32):.0f}), opened in waves of 50; every tab's page: "
               f"{context.get('scale_page', 'the built-in pages in turn')}")
    for name in ("scale/open", "scale/tabs_command", "scale/stats_command", "scale/ps_command",
                 "scale/screenshot_all", "scale/idle_cpu",
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
    for name, what in (("scale/tabs_command", "tabs"), ("scale/stats_command", "stats"), ("scale/ps_command", "ps")):
        row = get(name)
        if "median_us" in row:
            target = f" (target < 100 ms: {verdict(row['median_us'] < 100000)})" if what == "tabs" else ""
            out.append(f"  `{what}` via ShellCommands::Run in-process: p50 {us(row['median_us'])}, p99 "
                       f"{us(row['p99_us'])}, {row['json_bytes'] / 1024:.0f} KiB of JSON{target}; longest "
                       f"loop handler {us(row['longest_handler_p99_us'])}")
    sheet = get("scale/screenshot_all")
    if "median_us" in sheet and "width" in sheet:
        out.append(f"  `screenshot all`: p50 {us(sheet['median_us'])} over {sheet['samples']:.0f}, a "
                   f"{sheet['width']:.0f}x{sheet['height']:.0f} PNG of {sheet['png_bytes'] / 1e6:.1f} MB, "
                   f"{sheet['blank']:.0f} blank cells; surfaces held at most {sheet['peak_surfaces_held']:.0f} "
                   f"(budget {sheet['max_surfaces']:.0f}), {sheet['surfaces_held_after']:.0f} after; longest "
                   f"loop handler {us(sheet['longest_handler_p99_us'])}  "
                   f"{verdict(sheet['blank'] == 0 and sheet['surfaces_held_after'] <= sheet['max_surfaces'])}")
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
    if "browser_private_kib" in buffers:
        out.append(f"  the browser's own memory besides the surfaces it maps: private "
                   f"{buffers['browser_private_kib'] / 1024:.1f} MB, PSS {buffers['browser_pss_kib'] / 1024:.1f} MB "
                   f"(this process: the bench's own samples included)")
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
