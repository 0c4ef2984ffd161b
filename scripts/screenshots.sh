#!/usr/bin/env bash
# Makes every picture and text capture in screenshots/ from the real binary on the bundled
# articles: each screen is driven in a detached tmux session, captured with its colours and
# drawn to PNG by `examples/screenshot.rs`.
#
#   scripts/screenshots.sh            # all of them
#   scripts/screenshots.sh entity     # only the shots whose name contains "entity"
#
# Needs tmux and DejaVu Sans Mono (Debian: apt-get install tmux fonts-dejavu-core).
# Reading state, index and configuration live in a temporary folder, so the user's own are
# never touched and every run starts from the same place.
set -euo pipefail

cd "$(dirname "$0")/.."
only="${1:-}"
command -v tmux >/dev/null || { echo "screenshots: tmux is needed (apt-get install tmux)" >&2; exit 1; }

cargo build --release --quiet --bin dossier --example screenshot
dossier="$PWD/target/release/dossier"
draw="$PWD/target/release/examples/screenshot"

work="$(mktemp -d)"
session="dossier-shot-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
# A fixed dark theme: the terminal's background is not asked, so every run draws the same.
printf 'theme = "dark"\n' >"$work/config.toml"

# start COLS ROWS READY ARGS...: the reader in a fresh session with a fresh state and index,
# once READY is on screen (the list title once the index has read the articles: the first
# frame of a fresh index comes before its articles).
start() {
    local cols="$1" rows="$2" ready="$3"
    shift 3
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -rf "$work/state" "$work/index"
    mkdir -p "$work/state" "$work/index"
    tmux new-session -d -s "$session" -x "$cols" -y "$rows" \
        env DOSSIER_STATE="$work/state/state.json" DOSSIER_INDEX_DIR="$work/index" \
        DOSSIER_CONFIG="$work/config.toml" TERM=xterm-256color "$dossier" "$@"
    wait_for "$ready"
}

# wait_for TEXT: until TEXT is on the screen (10 s at most), so a capture never races a draw.
wait_for() {
    local tries=0
    until tmux capture-pane -p -t "$session" | grep -qF -- "$1"; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
            echo "screenshots: \"$1\" never appeared; the screen was:" >&2
            tmux capture-pane -p -t "$session" >&2
            exit 1
        fi
        sleep 0.1
    done
}

# keys KEY...: tmux key names, then a moment for the frame to be drawn.
keys() {
    tmux send-keys -t "$session" "$@"
    sleep 0.3
}

# type TEXT: literal text.
type_text() {
    tmux send-keys -t "$session" -l "$1"
    sleep 0.3
}

# resize COLS ROWS
resize() {
    tmux resize-window -t "$session" -x "$1" -y "$2"
    sleep 0.5
}

# text NAME: the screen as plain text.
text() {
    tmux capture-pane -p -t "$session" >"screenshots/$1.txt"
    echo "screenshots/$1.txt"
}

# picture NAME: the screen with its colours, as PNG.
picture() {
    local size
    size="$(tmux display-message -p -t "$session" '#{window_width} #{window_height}')"
    tmux capture-pane -e -p -t "$session" >"$work/capture.ansi"
    # shellcheck disable=SC2086
    set -- $size "$1"
    "$draw" --cols "$1" --rows "$2" "$work/capture.ansi" "screenshots/$3.png"
    echo "screenshots/$3.png"
}

wanted() { [ -z "$only" ] || [[ "$1" == *"$only"* ]]; }

if wanted reader; then
    # The eighth article (the Niger piece), its third paragraph current.
    start 120 40 "Articles 11/11" articles
    keys j j j j j j j Enter j j
    text reader-120x40
    picture reader
    resize 60 20
    text reader-60x20
fi

if wanted notes; then
    # The Southern Gas Corridor piece with notes on paragraphs 3 and 5, and the notes list.
    start 120 40 "Articles 1/1" articles/2021-01-04-southern-gas-corridor-opens.txt
    keys Enter j j n
    type_text "Ten bcm a year against Gazprom's 150+: check the BP review."
    keys C-s j j n
    type_text "Compare with the 2009 Nabucco plans."
    keys C-s N
    text notes-120x40
    picture notes
    resize 60 20
    text notes-60x20
fi

if wanted entity; then
    # The International Monetary Fund's entity page, with a note written on one of the
    # paragraphs that name it, then the list filtered to the articles that mention it.
    start 120 40 "Articles 11/11" articles
    keys Tab Tab j j j j Enter
    wait_for "Group: International Monetary Fund"
    keys Enter n
    type_text "Compare with the Fund's line on Kenya: same advice, different politics."
    keys C-s C-o
    wait_for "1 note"
    text entity-page-120x40
    picture entity-page
    keys f
    wait_for "group International Monetary Fund"
    text entity-filter-120x40
    picture entity-filter
fi

if wanted search; then
    # A library search: ranked results, each with where it matched and the matching text.
    start 120 40 "Articles 11/11" articles
    keys S
    type_text "IMF programme"
    keys Enter
    wait_for "3 results"
    text search-120x40
    picture search
fi

tmux kill-session -t "$session" 2>/dev/null || true
