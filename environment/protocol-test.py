#!/usr/bin/python3
"""Protocol test: a message signed with the wrong HMAC key is rejected and the kernel keeps serving.

Run with JUPYTER_PATH pointing at a folder holding kernels/sml-java (run-notebooks.sh and
install-kernel.sh --spec-dir make one); usage: /usr/bin/python3 protocol-test.py [KERNEL_NAME]
Also checks message-mode interrupt of a cooperative loop, completion and is_complete.
"""
import sys
import time

from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session


def run_cell(kc, code, timeout=60):
    """Executes code; returns (status, text of streams + results)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:  # skip replies to earlier requests
        reply = kc.get_shell_msg(timeout=timeout)
    text = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream":
            text.append(msg["content"]["text"])
        elif kind in ("execute_result", "display_data"):
            text.append(msg["content"]["data"].get("text/plain", ""))
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    return reply["content"]["status"], "".join(text)


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "sml-java"
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=120)
    failures = []
    try:
        status, out = run_cell(kc, "int guard = 1;")
        assert status == "ok", out

        # 1. bad signature: same message, signed with another key
        forged = Session(key=b"not-the-kernel-key", username=kc.session.username)
        forged.send(kc.shell_channel.socket, "execute_request",
                    {"code": "guard = 42;", "silent": False, "store_history": True,
                     "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        try:
            kc.get_shell_msg(timeout=3)
            failures.append("kernel replied to a message with a bad HMAC signature")
        except Exception:
            pass  # no reply: rejected
        status, out = run_cell(kc, "System.out.println(\"guard=\" + guard);")
        if status != "ok" or "guard=1" not in out:
            failures.append("kernel state changed or kernel stopped after bad HMAC: %s %r" % (status, out))

        # 2. interrupt (message mode) of a cooperative loop; the kernel and its state survive
        msg_id = kc.execute("while (true) { Thread.sleep(20); }")
        time.sleep(1.0)
        t0 = time.time()
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=30)
        if reply["content"]["status"] != "error":
            failures.append("interrupted cell did not end with an error reply: %s" % reply["content"])
        print("interrupt -> reply in %.2f s" % (time.time() - t0))
        status, out = run_cell(kc, "System.out.println(\"alive \" + guard);")
        if status != "ok" or "alive 1" not in out:
            failures.append("kernel not usable after interrupt: %s %r" % (status, out))

        # 3. completion and is_complete
        code = "String word = \"abc\"; word.len"
        kc.complete(code, len(code))
        matches = kc.get_shell_msg(timeout=30)["content"]["matches"]
        if "length(" not in matches and "length()" not in matches:
            failures.append("completion of word.len gave %r" % matches)
        kc.is_complete("for (int i = 0; i < 3; i++) {")
        state = kc.get_shell_msg(timeout=30)["content"]["status"]
        if state != "incomplete":
            failures.append("is_complete of an open block gave %r" % state)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if failures:
        print("FAILED protocol test:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("OK     protocol test: bad HMAC rejected, kernel kept serving; interrupt; completion; is_complete")


if __name__ == "__main__":
    main()
