#!/bin/sh
# Coverage-guided fuzzing of the HTML, Markdown and plain-text parsers and the sanitizer
# with AFL++ (afl.rs, stable toolchain). Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Crashing and hanging inputs are copied to tests/fixtures/fuzz/<target>/, where
# `cargo test --test fuzz_regressions` replays them.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-300}
[ $# -gt 0 ] && shift
targets=${*:-html markdown plain sanitize}

command -v cargo-afl >/dev/null 2>&1 || cargo install cargo-afl
# Builds AFL++ once per toolchain; prints a note and carries on when it already is built.
cargo afl config --build >/dev/null 2>&1 || true

cd fuzz
cargo afl build --release
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1

for target in $targets; do
    seeds="$root/target/fuzz-seeds/$target"
    rm -rf "$seeds"
    mkdir -p "$seeds"
    case $target in
        html) pattern='*.html' ;;
        markdown) pattern='*.md' ;;
        *) pattern='*.txt' ;;
    esac
    find "$root/tests/fixtures" "$root/articles" -name "$pattern" -size -64k \
        -exec cp {} "$seeds/" \;
    cp "$root/tests/fixtures/fuzz/$target/"* "$seeds/" 2>/dev/null || true
    [ -n "$(ls "$seeds")" ] || printf 'seed\n' >"$seeds/seed.txt"
    out="$root/target/fuzz-out/$target"
    mkdir -p "$root/target/fuzz-out"
    # -V: stop after the time budget; -t: an input taking over a second counts as a hang.
    cargo afl fuzz -V "$seconds" -t 1000 -i "$seeds" -o "$out" "target/release/$target" \
        >"$root/target/fuzz-$target.log" 2>&1 || true
    for kind in crashes hangs; do
        for input in "$out"/default/"$kind"/id:*; do
            [ -f "$input" ] || continue
            sum=$(sha256sum "$input" | cut -c1-16)
            cp "$input" "$root/tests/fixtures/fuzz/$target/$kind-$sum"
            echo "$target: kept $kind input $kind-$sum"
        done
    done
    grep -E "execs_done|saved_crashes|saved_hangs" "$out/default/fuzzer_stats" \
        | sed "s/^/$target: /" || true
done
