#!/usr/bin/env bash
# The narrated demo behind `./sandtab demo`: tabs in their own sandboxed
# processes, a renderer killed from outside while the others keep their pids
# and pixels, each kind of failure once with the tab coming back, a sandbox
# escape tried and denied, a page over http from a loopback server, plugins,
# and a page's script hanging its own tab while two animated tabs carry on.
#
# usage: pages/demo.sh BIN_DIR [--window] [OUT_DIR]   (./sandtab demo [--window] does this)
#
# With --window the same steps run in the browser's window (DESIGN section
# 16), each named by a caption line under the page and held a few seconds
# (DEMO_PACE, default 3) so a class can follow; without it, headless.
set -euo pipefail

BIN="${1:?usage: demo.sh BIN_DIR [--window] [OUT_DIR]}"
shift
WINDOW=0
if [[ "${1:-}" == "--window" ]]; then WINDOW=1; shift; fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/demo}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PACE="${DEMO_PACE:-3}"
WINDOW_FLAGS=()
if [[ $WINDOW -eq 1 ]]; then
  if [[ -z "${DISPLAY:-}" ]]; then
    echo "demo: --window needs a display and DISPLAY is not set (run it under one: xvfb-run -a ./sandtab demo --window)" >&2
    exit 1
  fi
  WINDOW_FLAGS=(--window --window-size=1100,640)
fi

# A step's heading; in the window also its caption, held for the class.
bold() {
  printf '\n\033[1m== %s\033[0m\n' "$*"
  if [[ $WINDOW -eq 1 ]]; then
    send caption "$*"
    sleep "$PACE"
  fi
}
say() { printf '   %s\n' "$*"; }

# The browser runs as a coprocess; each command gets exactly one JSON line.
# A short hang timeout keeps the demo brisk; a generous crash-loop limit lets
# one tab show every kind of failure (the default, 3 in 30 s, is shown last).
coproc BROWSER { exec "$BIN/sandtab" --json --hang-timeout=2 --crash-loop=8 "${WINDOW_FLAGS[@]}" 2>"$OUT/browser.log"; }
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  if [[ -n "${BROWSER_PID:-}" ]] && kill -0 "$BROWSER_PID" 2>/dev/null; then
    echo quit >&"${BROWSER[1]}" 2>/dev/null || true
    wait "$BROWSER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# send COMMAND: prints the answer (one JSON object) into $REPLY_JSON.
send() {
  echo "$*" >&"${BROWSER[1]}"
  if ! IFS= read -r -t 60 REPLY_JSON <&"${BROWSER[0]}"; then
    echo "demo: the browser did not answer '$*' (log: $OUT/browser.log)" >&2
    exit 1
  fi
}
# json_field NAME JSON: the first "NAME": value (a string's text, or a number).
json_field() {
  local value
  value=$(grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -n1 | sed "s/^\"$1\":\"//; s/\"\$//")
  [[ -z "$value" ]] && value=$(grep -o "\"$1\":[^,}]*" <<<"$2" | head -n1 | sed "s/^\"$1\"://")
  echo "$value"
}
field() { json_field "$1" "$REPLY_JSON"; }
shell() { send "$@"; printf '   > %s\n' "$*"; }
show() { # run a command and print its human answer via a text-mode twin
  send "$@"
  printf '   > %s\n%s\n' "$*" "$(sed 's/},{/},\n    {/g' <<<"$REPLY_JSON" | sed 's/^/     /')"
}
tab_pid() { send tabs; sed -n "s/.*{\"id\":$1,\"pid\":\([0-9-]*\).*/\1/p" <<<"$REPLY_JSON"; }
wait_tab() { send wait "$1" 20; [[ "$REPLY_JSON" == *error* ]] && say "(tab $1: $REPLY_JSON)"; true; }
tab_field() { # tab_field ID NAME
  send tabs
  json_field "$2" "$(sed 's/},{"id"/}\n{"id"/g' <<<"$REPLY_JSON" | grep "\"id\":$1,")"
}

bold "1. Three tabs, three renderer processes"
# open answers at once, before the renderer is forked: its state says so,
# and the pid comes once the renderer is up (wait).
for page in index.html article.html table.html; do
  send open "$page"
  say "open $page -> tab $(field id) ($(field state))"
done
for id in 1 2 3; do
  wait_tab "$id"
  say "tab $id: $(tab_field "$id" state), renderer pid $(tab_pid "$id")"
done
send ps
say "ps (the browser, one sandboxed renderer per tab, and the spare renderer ready for the next tab):"
sed 's/},{/}\n{/g; s/^{"processes":\[//; s/\]}$//' <<<"$REPLY_JSON" | sed 's/^/     /'
send screenshot all "$OUT/1-three-tabs.png"; say "wrote $OUT/1-three-tabs.png"
send screenshot 1 "$OUT/tab1-before.png"
send screenshot 3 "$OUT/tab3-before.png"

bold "2. Kill tab 2's renderer from outside (kill -9, not through the browser)"
PID1=$(tab_pid 1); PID2=$(tab_pid 2); PID3=$(tab_pid 3)
say "kill -9 $PID2"
kill -9 "$PID2"
sleep 0.3
say "tab 2's death, as the browser classified it: $(tab_field 2 description)"
wait_tab 2
say "tab 2 is back: new renderer pid $(tab_pid 2), same URL $(tab_field 2 url)"
send screenshot 1 "$OUT/tab1-after.png"
send screenshot 3 "$OUT/tab3-after.png"
for id in 1 3; do
  before="$OUT/tab$id-before.png" after="$OUT/tab$id-after.png"
  pid_before=$([[ $id == 1 ]] && echo "$PID1" || echo "$PID3")
  if cmp -s "$before" "$after" && [[ "$(tab_pid $id)" == "$pid_before" ]]; then
    say "tab $id: same pid $pid_before, identical pixels"
  else
    say "tab $id: CHANGED (pid $pid_before -> $(tab_pid $id))"
  fi
done
send screenshot all "$OUT/2-after-kill.png"; say "wrote $OUT/2-after-kill.png"

bold "3. Every kind of failure, once; the other tabs untouched"
for fault in about:crash about:hang about:badmessage about:oom; do
  before=$(tab_pid 2)
  send debug 2 "$fault"
  say "$fault in tab 2 (renderer $before)..."
  for _ in $(seq 1 50); do
    [[ "$(tab_pid 2)" != "$before" && "$(tab_field 2 state)" == loaded ]] && break
    sleep 0.2
  done
  say "   death record: $(tab_field 2 description); $(tab_field 2 restart_decision)"
  say "   tab 2 restored by renderer $(tab_pid 2); tabs 1 and 3 still $(tab_pid 1) and $(tab_pid 3)"
done
send screenshot all "$OUT/3-after-faults.png"; say "wrote $OUT/3-after-faults.png"

bold "4. A sandbox escape, tried from inside a renderer and denied"
send open about:sandbox; SANDBOX_TAB=$(field id); wait_tab "$SANDBOX_TAB"
send sandbox "$SANDBOX_TAB"
say "measured: $(field summary)"
sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | sed -n 's/.*"name":"\([^"]*\)","denied":\([a-z]*\),"errno":"\([^"]*\)".*/     \1: denied=\2 \3/p'
send screenshot "$SANDBOX_TAB" "$OUT/4-about-sandbox.png"; say "wrote $OUT/4-about-sandbox.png"
before=$(tab_pid "$SANDBOX_TAB")
send debug "$SANDBOX_TAB" about:ptrace
sleep 0.5
say "the renderer called ptrace(): $(tab_field "$SANDBOX_TAB" description)"
wait_tab "$SANDBOX_TAB"

bold "5. A page over http, fetched by the browser for the renderer"
if command -v python3 >/dev/null; then
  PORT=$((20000 + RANDOM % 20000))
  (cd "$ROOT/pages" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
  send open "http://127.0.0.1:$PORT/article.html"; HTTP_TAB=$(field id); wait_tab "$HTTP_TAB"
  say "tab $HTTP_TAB: $(tab_field "$HTTP_TAB" title) over http (stylesheet and images too)"
  send screenshot "$HTTP_TAB" "$OUT/5-http.png"; say "wrote $OUT/5-http.png"
  send broker 4
  sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | sed -n 's/.*"url":"\([^"]*\)","rule":"\([^"]*\)","outcome":"\([^"]*\)".*/     \1 | \2 | \3/p'
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

  bold "5b. A login cookie: set by a loopback site, read back by its page, not by another site's"
  python3 "$ROOT/pages/login_server.py" "$PORT" >/dev/null 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
  send open "http://127.0.0.1:$PORT/login"; LOGIN_TAB=$(field id); wait_tab "$LOGIN_TAB"
  say "tab $LOGIN_TAB, http://127.0.0.1:$PORT/login (302 with Set-Cookie): $(tab_field "$LOGIN_TAB" title)"
  send eval "$LOGIN_TAB" "document.getElementById('who').textContent"; say "$(field result)"
  send open "http://localhost:$PORT/login.html"; OTHER_TAB=$(field id); wait_tab "$OTHER_TAB"
  say "tab $OTHER_TAB, the same page from http://localhost:$PORT (another site): $(tab_field "$OTHER_TAB" title)"
  send cookies "http://127.0.0.1:$PORT/"
  sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | sed -n 's/.*"name":"\([^"]*\)","value":"\([^"]*\)".*"http_only":\([a-z]*\).*/     cookie \1=\2 (HttpOnly: \3)/p'
  send screenshot all "$OUT/5b-login.png"; say "wrote $OUT/5b-login.png"
  send close "$LOGIN_TAB"; send close "$OTHER_TAB"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
else
  say "(skipped: python3 is not installed to serve the pages)"
fi

bold "6. Plugins: one process per type, shared by every tab; a plugin crash loses the plugin, not the page"
send open plugins.html; P1=$(field id); send open plugins.html; P2=$(field id)
wait_tab "$P1"; wait_tab "$P2"
send plugins
sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | sed -n 's/.*"type":"\([a-z]*\)","pid":\([0-9]*\),"instances":\([0-9]*\).*/     plugin \1: pid \2, \3 instances (both tabs)/p'
send screenshot all "$OUT/6-plugins.png"; say "wrote $OUT/6-plugins.png"
R1=$(tab_pid "$P1"); R2=$(tab_pid "$P2")
send crash plugin clock
say "crash plugin clock: the clock process is killed in front of you"
sleep 0.5
send deaths
say "death record: $(sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | grep '"type":"plugin:' | tail -n1 | sed -n 's/.*"description":"\([^"]*\)".*"tabs":\[\([0-9,]*\)\].*/\1, tabs \2/p')"
say "tab $P1 renderer $R1 -> $(tab_pid "$P1"), tab $P2 renderer $R2 -> $(tab_pid "$P2") (unchanged)"
send screenshot all "$OUT/7-plugin-crashed.png"; say "wrote $OUT/7-plugin-crashed.png (clock boxes show 'Plugin crashed')"
send reload "$P1"; wait_tab "$P1"
send plugins
say "reloading tab $P1 restarted the clock: $(sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | sed -n 's/.*"type":"clock","pid":\([0-9]*\).*/pid \1/p')"
send close "$P1"; send close "$P2"

bold "7. Pages that run scripts: clicks reach listeners, fetch() goes through the browser"
send open counter.html; COUNTER=$(field id)
send open fetch.html; FETCH=$(field id)
wait_tab "$COUNTER"; wait_tab "$FETCH"
# "+1" is counter.html's first button: 120x60 at (20,150) (pages/README.md).
for _ in 1 2 3; do send click "$COUNTER" 80 180; done
send eval "$COUNTER" "document.getElementById('count').textContent"
say "clicked +1 three times in tab $COUNTER; eval reads the count: $(field result)"
for _ in $(seq 1 25); do
  send eval "$FETCH" "document.getElementById('summary').textContent"
  [[ "$(field result)" == With* ]] && break
  sleep 0.2
done
say "tab $FETCH fetched pages/data/planets.json through the browser: $(field result)"
sleep 0.2  # the frames that show those changes (one per 16 ms at most)
send screenshot all "$OUT/9-scripts.png"; say "wrote $OUT/9-scripts.png"
send close "$COUNTER"; send close "$FETCH"

bold "8. Two tabs animate while a third tab's script hangs"
send open animation.html; ANIM1=$(field id)
send open animation.html; ANIM2=$(field id)
send open buggy.html; BUGGY=$(field id)
for id in "$ANIM1" "$ANIM2" "$BUGGY"; do wait_tab "$id"; done
A1=$(tab_pid "$ANIM1"); A2=$(tab_pid "$ANIM2"); B=$(tab_pid "$BUGGY")
say "tabs $ANIM1 and $ANIM2: animation.html (renderers $A1, $A2); tab $BUGGY: buggy.html (renderer $B)"
send screenshot "$ANIM1" "$OUT/10-animation-before.png"
send screenshot all "$OUT/11-animations.png"; say "wrote $OUT/11-animations.png"
# "Loop for ever" is buggy.html's first button: 200x80 at (20,150) (pages/README.md).
shell click "$BUGGY" 120 190
say "clicked 'Loop for ever' in tab $BUGGY: its script runs for (;;) {} and never yields"
for _ in $(seq 1 100); do
  [[ "$(tab_pid "$BUGGY")" != "$B" && "$(tab_field "$BUGGY" state)" == loaded ]] && break
  sleep 0.2
done
send deaths
say "death record of renderer $B: $(sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | grep "\"pid\":$B," | tail -n1 |
  sed -n 's/.*"description":"\([^"]*\)".*"restart_decision":"\([^"]*\)".*/\1; \2/p')"
say "tab $BUGGY is back: renderer $(tab_pid "$BUGGY"), $(tab_field "$BUGGY" title)"
send console "$BUGGY" 3
say "its console: $(sed 's/},{/}\n{/g' <<<"$REPLY_JSON" | sed -n 's/.*"level":"\([a-z]*\)","text":"\([^"]*\)".*/\1: \2/p' |
  paste -sd '|' | sed 's/|/ | /g')"
# Background tabs do not animate (Chrome's rule, renderer/script/README.md):
# bring tab ANIM1 to the foreground and give it a few frames first.
send wait "$ANIM1"; sleep 0.3
send screenshot "$ANIM1" "$OUT/12-animation-after.png"
if cmp -s "$OUT/10-animation-before.png" "$OUT/12-animation-after.png"; then moved="the SAME pixels"; else moved="new pixels: it kept animating"; fi
say "tab $ANIM1: renderer $A1 -> $(tab_pid "$ANIM1"), $moved; tab $ANIM2: renderer $A2 -> $(tab_pid "$ANIM2")"
send screenshot all "$OUT/13-script-hung.png"; say "wrote $OUT/13-script-hung.png"
send close "$ANIM1"; send close "$ANIM2"; send close "$BUGGY"

bold "9. Nothing left behind"
send screenshot all "$OUT/14-final.png"; say "wrote $OUT/14-final.png"
send stats
say "live children $(field live_children), zombies $(field zombies), memfds $(field memfds), /dev/shm $(field dev_shm_entries), deaths $(field deaths)"
send quit
wait "$BROWSER_PID" 2>/dev/null || true
say "browser exited; screenshots in $OUT"
