"""The sites table of the bench table (issue 22), from the sites/ rows of
sandtab_e2e_bench's JSON: a cross-site navigation to its loaded frame (a new
renderer process, DESIGN section 14) beside a same-site one (the process
kept) and a new tab, sampled in turn in one browser, with the zygote alone
and with the spare renderer."""
from table_helpers import ratio, us


def sites_table(out, rows):
    if not any(name.startswith("sites/") for name in rows):
        return
    out.append("")
    out.append("Sites (issue 22): the same small page over loopback http, 127.0.0.1 and 127.0.0.2 as two sites; "
               "each row sampled in turn with the others, in the same browser")
    out.append(f"  {'what':58} {'p50':>9} {'p99':>9} {'vs tab':>9}")
    for suffix, label in (("zygote", "zygote"), ("zygote_spare", "zygote + spare renderer")):
        new_tab = rows.get(f"sites/new_tab_{suffix}", {})
        for name, what in (("new_tab", f"new tab: open -> loaded frame ({label})"),
                           ("same_site", "  same-site navigation -> loaded frame (same process)"),
                           ("cross_site", "  cross-site navigation -> loaded frame (new process)")):
            row = rows.get(f"sites/{name}_{suffix}", {})
            if row.get("error"):
                out.append(f"  {what:58} FAILED: {row['error']}")
            elif row:
                versus = "[tab]" if name == "new_tab" or not new_tab or new_tab.get("error") else \
                    ratio(row["median_us"], new_tab["median_us"])
                out.append(f"  {what:58} {us(row['median_us']):>9} {us(row['p99_us']):>9} {versus:>9}")
