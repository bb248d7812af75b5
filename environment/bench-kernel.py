#!/usr/bin/python3
"""Benchmark (not a test): our kernel vs Debian's python3-ipykernel, same jupyter_client driver.

Measures kernel start to idle (start_new_kernel returns once kernel_info is answered), the round
trip of the first cell sent right after that ("Run All" at once: start-up work still running shows
here), of the first cell sent after the kernel was idle for IDLE_SECONDS (a user opening a notebook
and typing), of a trivial cell afterwards, and of a cell printing 10,000 lines (until the kernel is idle again and all
lines arrived). Median of REPEATS runs. usage: /usr/bin/python3 bench-kernel.py [REPEATS]
Needs JUPYTER_PATH with kernels/sml-java (bench-kernel.sh sets it up) and python3-ipykernel.
"""
import statistics
import sys
import time

IDLE_SECONDS = 5

from jupyter_client.manager import start_new_kernel

CELLS = {
    "sml-java": ("1 + 1", 'for (int i = 0; i < 10000; i++) System.out.println("line " + i);'),
    "python3": ("1 + 1", 'for i in range(10000): print("line", i)'),
}


def roundtrip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    lines = 0
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            lines += msg["content"]["text"].count("\n")
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    kc.get_shell_msg(timeout=120)
    return time.perf_counter() - t0, lines


def bench(name, repeats):
    trivial, printing = CELLS[name]
    starts, firsts, idle_firsts, trivials, prints = [], [], [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=name, startup_timeout=120)
        starts.append(time.perf_counter() - t0)
        try:
            firsts.append(roundtrip(kc, trivial)[0])
            trivials.append(statistics.median(roundtrip(kc, trivial)[0] for _ in range(10)))
            t, lines = roundtrip(kc, printing)
            assert lines == 10000, "%s: expected 10000 lines, got %d" % (name, lines)
            prints.append(t)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        km, kc = start_new_kernel(kernel_name=name, startup_timeout=120)
        try:
            time.sleep(IDLE_SECONDS)
            idle_firsts.append(roundtrip(kc, trivial)[0])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return (statistics.median(starts), statistics.median(firsts), statistics.median(idle_firsts),
            statistics.median(trivials), statistics.median(prints))


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    results = {name: bench(name, repeats) for name in ("sml-java", "python3")}
    print("%-22s %12s %12s %8s" % ("measure (median)", "sml-java", "ipykernel", "ratio"))
    for i, label in enumerate(["start to idle", "first cell at once", "first cell after %d s" % IDLE_SECONDS,
                               "trivial cell", "print 10,000 lines"]):
        ours, theirs = results["sml-java"][i], results["python3"][i]
        print("%-22s %10.1f ms %10.1f ms %7.2fx" % (label, ours * 1000, theirs * 1000, ours / theirs))


if __name__ == "__main__":
    main()
