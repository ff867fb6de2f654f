#!/usr/bin/env python3
"""End-to-end figures of the reader on a briefings folder (docs/library.md).

Runs the real binary in a pseudo-terminal (120x40) and measures, for each run:
the time from start to the first frame (the status bar shows "1/N"), and the
resident memory at that moment (VmRSS from /proc, and the peak VmHWM). Then it
quits with q. Nothing is written outside a scratch folder (config, index, annotations).

    scripts/library-figures.py BINARY FOLDER [--runs 7] [--cold] [--keep-cache DIR]

--cold deletes the index before each run (first start); otherwise the first run
builds it and is not counted. The load average is printed with the figures.
"""
import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time


def count_briefings(folder):
    return sum(1 for n in os.listdir(folder) if n.endswith(".toml"))


def proc_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(binary, config, env, marker, timeout=600.0):
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "--config", config], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    first = None
    rss = hwm = 0
    while time.monotonic() - started < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if first is None and marker in seen:
                first = time.monotonic() - started
                rss, hwm = proc_kb(pid, "VmRSS"), proc_kb(pid, "VmHWM")
                os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    return first, rss, hwm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cold", action="store_true")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    folder = os.path.abspath(args.folder)
    n = count_briefings(folder)
    scratch = tempfile.mkdtemp(prefix="library-figures-")
    try:
        config = os.path.join(scratch, "config.toml")
        index = os.path.join(scratch, "index.sqlite")
        with open(config, "w") as f:
            f.write(f'briefings_dir = "{folder}"\n')
            f.write(f'annotations_dir = "{scratch}/annotations"\n')
            f.write(f'index_path = "{index}"\n')
        env = dict(os.environ, TERM="xterm-256color", NO_COLOR="1")
        marker = f"1/{n}".encode() if n > 1 else b"Sections"
        times, rsss, hwms = [], [], []
        runs = args.runs if args.cold else args.runs + 1
        for i in range(runs):
            if args.cold:
                for s in ("", "-wal", "-shm"):
                    if os.path.exists(index + s):
                        os.remove(index + s)
            t, rss, hwm = one_run(binary, config, env, marker)
            if t is None:
                print(f"run {i}: no first frame", file=sys.stderr)
                continue
            if not args.cold and i == 0:
                continue  # builds the index
            times.append(t * 1000)
            rsss.append(rss / 1024)
            hwms.append(hwm / 1024)
        load = open("/proc/loadavg").read().split()[:3]
        size = os.path.getsize(index) if os.path.exists(index) else 0
        kind = "cold" if args.cold else "warm"
        print(f"{n} briefings, {kind} start to first frame, {len(times)} runs, load average {' '.join(load)}")
        print(f"  ms: median {statistics.median(times):.1f}, min {min(times):.1f}, max {max(times):.1f}")
        print(f"  RSS at first frame MB: median {statistics.median(rsss):.1f}, max {max(rsss):.1f}; peak (VmHWM) max {max(hwms):.1f}")
        print(f"  index {size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
