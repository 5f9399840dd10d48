"""The client-visible table of the bench table (issue 25 line 1), from the client/ rows of
sandtab_e2e_bench's JSON: a real `sandtab --json` shell timed through its pipes."""
from table_helpers import us, verdict

# (row, what a client does, target in ms)
CLIENT_ROWS = [("open_simple", "open simple.html -> wait answered", 5),
               ("open_article", "open article.html -> wait answered", 10),
               ("cross_site", "nav to another site -> wait answered", 10),
               ("crash_restore", "kill (SIGKILL) -> wait answered", 10),
               ("open_animation", "open animation.html -> wait answered", 15),
               ("shell_answer", "tabs (one tab): the shell's own answer", None)]
VARIANTS = [("spare", "spare"), ("no_spare", "no spare")]


def client_table(out, rows):
    """Each figure beside the zygote floor sampled between its samples and the renderer's page faults
    priced at this machine's cost of a page."""
    if not any(name.startswith("client/") for name in rows):
        return
    out.append("")
    out.append("Client-visible first frames: a real `sandtab --json` shell, from writing the command to reading "
               "the answer of `wait ID`")
    price = rows.get("client/page_price", {})
    read_us, write_us = price.get("read_us"), price.get("write_us")
    if price.get("error"):
        out.append(f"  page price: FAILED: {price['error']}")
    elif read_us is not None:
        out.append(f"  this machine's page-fault price: a forked child reads an inherited page for {read_us:.2f} us, "
                   f"copies one on write for {write_us:.2f} us")
    out.append(f"  {'what':44} {'shell':>8} {'p50':>9} {'p99':>9} {'vs zygote floor':>16} {'faults':>7} "
               f"{'on path':>7} {'at the price':>14}  target")
    for name, label, target_ms in CLIENT_ROWS:
        for variant, variant_label in VARIANTS:
            row = rows.get(f"client/{variant}/{name}")
            if row is None:
                continue
            if row.get("error"):
                out.append(f"  {label:44} {variant_label:>8} FAILED: {row['error']}")
                continue
            floor = row.get("floor_median_us") if row.get("floor_samples", 0) > 0 else None
            vs_floor = f"{row['median_us'] / floor:.2f}x {us(floor)}" if floor else "-"
            faults = row.get("renderer_faults")
            on_path = row.get("renderer_faults_on_path")
            priced = (f"{on_path * read_us / 1000:.1f}-{on_path * write_us / 1000:.1f} ms"
                      if on_path and read_us is not None else "")
            goal = f"< {target_ms} ms: {verdict(row['median_us'] < target_ms * 1000)}" if target_ms else ""
            out.append(f"  {label:44} {variant_label:>8} {us(row['median_us']):>9} {us(row['p99_us']):>9} "
                       f"{vs_floor:>16} {faults or 0:>7.0f} {on_path or 0:>7.0f} {priced:>14}  {goal}")
    out.append("  faults: the new renderer's minor page faults from its fork (a spare's include its warm-up) to just "
               "after the answer; on path: those from the command to the answer (a spare's since it was taken); "
               "'at the price': what those on the path cost read-only and copied, at this machine's price")
