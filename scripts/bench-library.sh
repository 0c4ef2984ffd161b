#!/usr/bin/env bash
# The library-index figures of BENCHMARKS.md, with newsboat in the same run on the same
# articles: scripts/bench-library.sh [N] (default 10000). Needs newsboat, hyperfine, python3
# and GNU time; writes everything under ${BENCH_DIR:-/tmp/dossier-bench-library}.
set -euo pipefail

n=${1:-10000}
root=${BENCH_DIR:-/tmp/dossier-bench-library}
lib=$root/lib$n
nb=$root/newsboat$n
port=${BENCH_PORT:-8765}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin dossier --example make_library
dossier=$PWD/target/release/dossier
mkdir -p "$root" "$nb"
[ -d "$lib" ] || target/release/examples/make_library "$lib" "$n"

# The same articles as one RSS file: title, author, date and the whole Markdown body.
python3 - "$lib" "$nb/feed.xml" <<'EOF'
import email.utils, html, pathlib, sys, datetime
lib, out = pathlib.Path(sys.argv[1]), sys.argv[2]
items = []
for path in sorted(lib.glob("*.md")):
    text = path.read_text()
    _, front, body = text.split("---\n", 2)
    meta = dict(l.split(": ", 1) for l in front.splitlines() if ": " in l)
    day = datetime.datetime.strptime(meta["date"], "%Y-%m-%d")
    items.append(
        f"<item><title>{html.escape(meta['title'].strip(chr(34)))}</title>"
        f"<author>{html.escape(meta['author'])}</author>"
        f"<link>{html.escape(meta['source'])}</link><guid>{path.name}</guid>"
        f"<pubDate>{email.utils.format_datetime(day)}</pubDate>"
        f"<description>{html.escape(body)}</description></item>\n")
with open(out, "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>library</title>'
            '<link>http://127.0.0.1/</link><description>bench</description>\n')
    f.writelines(items)
    f.write("</channel></rss>\n")
EOF
echo "http://127.0.0.1:$port/feed.xml" >"$nb/urls"
echo "max-items 0" >"$nb/config"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$nb" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1

export DOSSIER_INDEX_DIR=$root/index$n
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== library: $n articles, $(du -sh "$lib" | cut -f1)"
rm -rf "$DOSSIER_INDEX_DIR"
# Dirty pages left by writing the feed above are flushed first, so neither timed run shares
# the disk with their write-back.
sync
echo "== dossier index (cold)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" "$dossier" index "$lib" >/dev/null
du -b "$DOSSIER_INDEX_DIR"/*.sqlite
rm -f "$nb/cache.db"
sync
echo "== newsboat -x reload (cold)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" \
    newsboat -u "$nb/urls" -C "$nb/config" -c "$nb/cache.db" -x reload
du -b "$nb/cache.db"
echo "== warm: dossier list vs newsboat -x print-unread"
/usr/bin/time -f "dossier list: %M KB peak" "$dossier" list "$lib" >/dev/null
/usr/bin/time -f "newsboat print-unread: %M KB peak" \
    newsboat -u "$nb/urls" -C "$nb/config" -c "$nb/cache.db" -x print-unread >/dev/null
hyperfine -N -w 2 -r 10 "$dossier list $lib" \
    "newsboat -u $nb/urls -C $nb/config -c $nb/cache.db -x print-unread"
echo "== load $(cut -d' ' -f1-3 /proc/loadavg)"
