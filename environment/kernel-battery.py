#!/usr/bin/python3
"""Battery: user mistakes and hostile input through the real Jupyter client (jupyter_client, ZeroMQ).

For each case it asserts the reply status, the error name and message, that no Java stack trace or
jjava frame is shown for a usage error, and that the kernel survives with its variables. Also: System.exit
and Runtime.halt in a cell, interrupt of a loop that ignores interrupts (the kernel process must stop
using the CPU afterwards, measured from /proc), a replayed signed execute_request (rejected), `--help` of
every magic listed by %lsmagic, and completion of magic names.
Run with JUPYTER_PATH holding kernels/sml-java (install-kernel.sh --spec-dir):
  /usr/bin/python3 environment/kernel-battery.py [KERNEL_NAME]
"""
import os
import re
import sys
import time

from jupyter_client.manager import start_new_kernel

ANSI = re.compile(r"\x1b\[[0-9;]*m")

# (cell, expected ename, text the error must contain)
USAGE_ERRORS = [
    ("%nosuchmagic", "UsageError", "Line magic %nosuchmagic is not defined"),
    ("%%nosuchcell\nbody", "UsageError", "Cell magic %%nosuchcell is not defined"),
    ("%load missing-file.jsh", "UsageError", "no such file 'missing-file.jsh'"),
    ("%classpath missing.jar", "UsageError", "nothing matches 'missing.jar'"),
    ("%timeit -n 0 1+1", "UsageError", "-n expects a whole number"),
    ("%timeit --bogus 1+1", "UsageError", "unknown option --bogus"),
    ("%timeit -z 1+1", "UsageError", "unknown option -z"),
    ("%timeit", "UsageError", "%timeit needs code to time"),
    ("var r = %seed;", "UsageError", "without the ';'"),
    ("%seed abc", "UsageError", "%seed expects a whole number, got 'abc'"),
    ("%seed 1 2", "UsageError", "%seed takes one whole number"),
    ("%device tpu", "UsageError", "tpu"),
    ("%train --steps -1", "UsageError", "--steps expects a whole number in [1, 1000000], got '-1'"),
    ("%train --stepz 3", "UsageError", "unknown option --stepz"),
    ("%train extra", "UsageError", "%train takes only options"),
    ("%%smconfig\nbogus_key: 3", "UsageError", "nothing was bound"),
    ("%%smconfig", "UsageError", "at least one 'key: value' line"),
    ("%%smconfig --as 1x\nnum_experts: 8", "UsageError", "--as needs a Java variable name"),
    ("%smconfig no-such-preset", "UsageError", "unknown preset 'no-such-preset'"),
    ("%ablate run missing.json", "UsageError", "no study file at"),
    ("%ablate fly x.json", "UsageError", "unknown command 'fly'"),
    ("%routing --layer x some text", "UsageError", "--layer expects a whole number"),
    ("%experts --bogus 1", "UsageError", "unknown option --bogus"),
    ("%time", "UsageError", "%time needs code to time"),
    ("%%time\n", "UsageError", "%%time needs code to time"),
    ("%lsmagic extra", "UsageError", "%lsmagic takes no arguments"),
    ("%%html extra\n<b>x</b>", "UsageError", "takes no arguments"),
]


class Kernel:
    def __init__(self, name):
        self.km, self.kc = start_new_kernel(kernel_name=name, startup_timeout=120)

    def run(self, code, timeout=120):
        """Executes code; returns (reply content, text of streams/results, error content or None)."""
        msg_id = self.kc.execute(code)
        return self.collect(msg_id, timeout)

    def collect(self, msg_id, timeout=120):
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        text, error = [], None
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                text.append(msg["content"]["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(msg["content"]["data"].get("text/plain", ""))
            elif kind == "error":
                error = msg["content"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
        return reply["content"], "".join(text), error

    def pid(self):
        return self.km.provisioner.process.pid

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def cpu_seconds(pid):
    """User + system CPU time of a process so far, from /proc (Linux)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "sml-java"
    k = Kernel(name)
    failures = []
    checks = 0

    def check(ok, what):
        nonlocal checks
        checks += 1
        if not ok:
            failures.append(what)

    def alive(tag):
        reply, out, _ = k.run('System.out.println("kept=" + kept);')
        check(reply["status"] == "ok" and "kept=41" in out, "%s: kernel or variable lost: %s %r" % (tag, reply, out))

    try:
        reply, _, _ = k.run("int kept = 41;")
        assert reply["status"] == "ok", reply

        # 1. usage errors: status error, ename UsageError, short message, no stack trace
        for code, ename, text in USAGE_ERRORS:
            reply, _, err = k.run(code)
            tb = ANSI.sub("", "\n".join((err or {}).get("traceback", [])))
            reply_tb = "\n".join(reply.get("traceback", []))
            check("org.dflib" not in reply_tb and "org.sparsemixerlab" not in reply_tb,
                  "%r: execute_reply traceback shows kernel frames: %r" % (code, reply_tb[:300]))
            check(reply["status"] == "error", "%r replied %s, expected error" % (code, reply["status"]))
            check(reply.get("ename") == ename and err is not None and err.get("ename") == ename,
                  "%r: ename %r, expected %r" % (code, reply.get("ename"), ename))
            check(text in tb, "%r: traceback lacks %r: %r" % (code, text, tb))
            check("\tat " not in tb and "org.dflib" not in tb, "%r: stack trace shown: %r" % (code, tb))
            check(len(tb) < 3000, "%r: traceback of %d characters" % (code, len(tb)))
        alive("after usage errors")

        # 2. System.exit / Runtime.halt in a cell
        for code in ("System.exit(3);", "Runtime.getRuntime().halt(4);"):
            reply, _, err = k.run(code)
            check(reply["status"] == "error" and "does not exit from a cell" in reply.get("evalue", ""),
                  "%r: %s" % (code, reply))
            alive(code)

        # 3. StackOverflowError: a heading and a short trace
        reply, _, err = k.run("int down(int n) { return down(n + 1) + 1; }\ndown(0)")
        lines = (err or {}).get("traceback", [])
        tb = ANSI.sub("", "\n".join(lines))
        check(reply["status"] == "error" and "call stack overflowed" in tb and "more frames of the same recursion" in tb
              and len(lines) < 15, "StackOverflowError: %r" % tb[:500])

        # 4. engine allocation failure: what was asked, what is available, what to do
        reply, _, _ = k.run("try (NDManager big = NDManager.newBaseManager()) {\n"
                            "  big.zeros(new ai.djl.ndarray.types.Shape(1024L * 1024 * 1024 * 1024));\n}")
        ev = reply.get("evalue", "")
        check(reply["status"] == "error" and "could not allocate 4.0 TiB" in ev and "this machine has" in ev
              and "smaller" in ev, "allocation failure: %r" % ev)
        alive("after allocation failure")

        # 5. --help of every magic %lsmagic lists (options declared once)
        _, out, _ = k.run("%lsmagic")
        names = re.findall(r"^  (%%?[\w-]+)", out, re.M)
        check(len(names) >= 15, "%%lsmagic listed only %r" % names)
        for inv in names:
            code = inv + " --help" + ("\nbody" if inv.startswith("%%") else "")
            reply, hout, _ = k.run(code)
            check(reply["status"] == "ok" and hout.startswith("usage: " + inv), "%s --help: %s %r" % (inv, reply["status"], hout[:200]))

        # 6. completion of magic names
        for prefix, want in (("%tr", "%train"), ("%%sm", "%%smconfig"), ("x = 1;\n%ti", "%timeit")):
            k.kc.complete(prefix, len(prefix))
            matches = k.kc.get_shell_msg(timeout=30)["content"]["matches"]
            check(want in matches, "completion of %r gave %r" % (prefix, matches))

        # 7. replay: the same signed execute_request bytes sent twice run once
        reply, _, _ = k.run("int replays = 0;")
        session = k.kc.session
        msg = session.msg("execute_request", {"code": "replays++;", "silent": False, "store_history": True,
                                               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        frames = session.serialize(msg)
        sock = k.kc.shell_channel.socket
        sock.send_multipart(frames)
        k.collect(msg["header"]["msg_id"])
        sock.send_multipart(frames)  # the captured request again, byte for byte
        time.sleep(1.0)
        reply, out, _ = k.run('System.out.println("replays=" + replays);')
        check("replays=1" in out, "a replayed request ran again: %r" % out)

        # 8. interrupt of a loop that ignores interrupts: the kernel must stop using the CPU or say it could not
        msg_id = k.kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(1.0)
        k.km.interrupt_kernel()
        reply, _, _ = k.collect(msg_id, timeout=60)
        ev = reply.get("evalue", "")
        check(reply["status"] == "error", "interrupted loop replied %s" % reply["status"])
        time.sleep(0.5)
        c0 = cpu_seconds(k.pid())
        time.sleep(2.0)
        used = cpu_seconds(k.pid()) - c0
        print("after interrupt: kernel used %.2f s CPU in 2 s; message: %s" % (used, ev))
        check(used < 0.6 or "could NOT be stopped" in ev,
              "the interrupted loop keeps using the CPU (%.2f s in 2 s) and the kernel did not say so: %r" % (used, ev))
        alive("after interrupt")
    finally:
        k.close()
    if failures:
        print("FAILED kernel battery (%d of %d checks):\n  %s" % (len(failures), checks, "\n  ".join(failures)))
        sys.exit(1)
    print("OK     kernel battery: %d checks (usage errors, exit/halt, stack overflow, allocation, --help of every "
          "magic, completion, replay, interrupt)" % checks)


if __name__ == "__main__":
    main()
