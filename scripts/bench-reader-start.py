#!/usr/bin/env python3
"""Reader start-up and keystroke figures of BENCHMARKS.md, with newsboat in the same run.

    scripts/bench-reader-start.py LIBRARY NEWSBOAT_DIR [RUNS]

LIBRARY is a folder of articles (examples/make_library writes one); NEWSBOAT_DIR holds the
same articles for newsboat as scripts/bench-library.sh leaves them (urls, config, cache.db,
with its feed served on 127.0.0.1 while this runs). Each program runs in a 160x48 pty; "first
frame" is the time from starting the process to the list reaching the pty: dossier's list
title ("Articles"), newsboat's feed line ("(N/N)" unread counts). The index and state live in
a temporary folder: one cold start builds the index, then RUNS warm starts are timed. The
keystroke figure starts a cold build again and presses j/k every 100 ms while it runs,
timing each key to the first byte written after it.
"""
import os, pty, re, select, shutil, signal, statistics, struct, subprocess, sys, tempfile, time
import fcntl, termios

DOSSIER = os.environ.get("DOSSIER_BIN") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "dossier")


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    return pid, fd


def read_until(fd, pattern, timeout):
    """Reads the pty until `pattern` shows; returns the seconds it took, or None."""
    start, seen = time.monotonic(), b""
    while time.monotonic() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return None
            if re.search(pattern, seen):
                return time.monotonic() - start
    return None


def index_complete(index_dir, n, fd, timeout):
    """Waits until the index holds all `n` articles and its last step (the secondary indexes,
    the surname index last) is done, draining the pty meanwhile; the screen is redrawn in
    pieces, so it cannot tell."""
    import sqlite3
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        while select.select([fd], [], [], 0)[0]:
            os.read(fd, 65536)
        time.sleep(0.05)
        for name in os.listdir(index_dir) if os.path.isdir(index_dir) else []:
            if not name.endswith(".sqlite"):
                continue
            try:
                db = sqlite3.connect(f"file:{os.path.join(index_dir, name)}?mode=ro", uri=True)
                count = db.execute("SELECT count(*) FROM article").fetchone()[0]
                made = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                  "AND name = 'entity_surname'").fetchone()[0]
                db.close()
            except sqlite3.Error:
                continue
            if count >= n and made:
                return True
    return False


def stop(pid, fd):
    os.kill(pid, signal.SIGTERM)
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    return usage.ru_maxrss  # KB


def first_frame(argv, env, pattern, timeout=60.0):
    t0 = time.monotonic()
    pid, fd = spawn(argv, env)
    took = read_until(fd, pattern, timeout)
    took = None if took is None else time.monotonic() - t0
    stop(pid, fd)
    return took


def summary(name, values):
    ms = sorted(v * 1000 for v in values if v is not None)
    if not ms:
        print(f"{name}: no frame seen")
        return
    print(f"{name}: median {statistics.median(ms):.1f} ms, min {ms[0]:.1f}, max {ms[-1]:.1f} "
          f"({len(ms)} runs)")


def main():
    library, newsboat_dir = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    tmp = tempfile.mkdtemp(prefix="dossier-start-")
    env = dict(os.environ, TERM="xterm-256color", COLORFGBG="15;0",
               DOSSIER_INDEX_DIR=os.path.join(tmp, "index"),
               DOSSIER_STATE=os.path.join(tmp, "state.json"))
    reader = [DOSSIER, library]
    title = rb"Articles"
    load = open("/proc/loadavg").read().split()[:3]
    print(f"== {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"load {' '.join(load)}")
    # Cold: builds the index (waits for the list to be complete: the count of all articles).
    n = len([f for f in os.listdir(library) if not f.startswith(".")])
    t0 = time.monotonic()
    pid, fd = spawn(reader, env)
    cold_first = read_until(fd, title, 60)
    complete = index_complete(env["DOSSIER_INDEX_DIR"], n, fd, 600)
    took = time.monotonic() - t0
    peak = stop(pid, fd)
    print(f"cold start: first frame {cold_first * 1000:.0f} ms; index complete after "
          f"{took:.1f} s; peak memory {peak / 1024:.0f} MB" if complete
          else "cold start: index never completed")
    # The sync of a cold start may still be writing when the list completes: one more warm
    # start lets it finish, untimed.
    pid, fd = spawn(reader, env)
    read_until(fd, title, 60)
    time.sleep(2)
    print(f"warm start, library open: peak memory {stop(pid, fd) / 1024:.0f} MB")
    summary("dossier warm start to first frame", [first_frame(reader, env, title) for _ in range(runs)])
    if shutil.which("newsboat") and os.path.exists(os.path.join(newsboat_dir, "cache.db")):
        nb = ["newsboat", "-u", os.path.join(newsboat_dir, "urls"), "-C",
              os.path.join(newsboat_dir, "config"), "-c", os.path.join(newsboat_dir, "cache.db")]
        summary("newsboat warm start to first frame",
                [first_frame(nb, env, rb"\(%d/" % n, 20) for _ in range(runs)])
    # Keystrokes while a cold build runs.
    shutil.rmtree(env["DOSSIER_INDEX_DIR"], ignore_errors=True)
    pid, fd = spawn(reader, env)
    read_until(fd, title, 60)
    delays = []
    for i in range(60):
        time.sleep(0.1)
        while select.select([fd], [], [], 0)[0]:
            os.read(fd, 65536)
        sent = time.monotonic()
        os.write(fd, b"j" if i % 4 < 2 else b"k")
        if select.select([fd], [], [], 2.0)[0]:
            delays.append(time.monotonic() - sent)
    stop(pid, fd)
    ms = sorted(d * 1000 for d in delays)
    if ms:
        print(f"keystroke to first redrawn byte during a cold build: median "
              f"{statistics.median(ms):.1f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.1f}, "
              f"max {ms[-1]:.1f} ({len(ms)} keys)")
    print(f"== load {' '.join(open('/proc/loadavg').read().split()[:3])}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
