#!/usr/bin/env python3
# A pseudo-terminal harness for interactive screens (guestview watch): runs argv on a new pty of a fixed
# size as its controlling terminal, sends keys when the output matches a pattern, and reports what the
# terminal received and whether the program left the terminal as it found it (ICANON and ECHO back on:
# Ink's raw mode undone). `script` cannot do the last part: the pty's slave side is only visible here, where
# this process keeps it open after the program exits.
#
# Input: one JSON argument {"argv": [...], "cols": 80, "rows": 24, "timeoutS": 30, "env": {...},
#   "steps": [{"waitFor": "regex on the output so far, colour codes removed", "send": "q"}, ...]}
# Output (stdout): one JSON object {"exit", "signal", "timedOut", "stepsDone", "output", "restored",
#   "lflagBefore", "lflagAfter"}. On timeout the program is killed by its PID (SIGKILL).
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]|\x1b[=>78]")


def main() -> None:
    spec = json.loads(sys.argv[1])
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", spec.get("rows", 24), spec.get("cols", 80), 0, 0))
    before = termios.tcgetattr(slave)
    env = dict(os.environ)
    env.update(spec.get("env", {}))
    for k in spec.get("unsetEnv", []):
        env.pop(k, None)

    def controlling_tty() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(
        spec["argv"], stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=controlling_tty, close_fds=True
    )
    steps = spec.get("steps", [])
    done = 0
    raw = b""
    deadline = time.monotonic() + spec.get("timeoutS", 30)
    timed_out = False
    exited_at = None
    while True:
        if exited_at is None and child.poll() is not None:
            exited_at = time.monotonic()
        # After the program exits, drain what is left for a moment (the pty keeps it buffered).
        if exited_at is not None and time.monotonic() - exited_at > 0.3:
            break
        if time.monotonic() > deadline:
            timed_out = True
            try:
                os.kill(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.wait()
            break
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            raw += chunk
        if done < len(steps):
            text = ANSI.sub("", raw.decode("utf-8", "replace"))
            if re.search(steps[done]["waitFor"], text):
                os.write(master, steps[done]["send"].encode())
                done += 1
    after = termios.tcgetattr(slave)
    lflag_bits = termios.ICANON | termios.ECHO
    code = child.returncode
    print(
        json.dumps(
            {
                "exit": code if code is not None and code >= 0 else None,
                "signal": -code if code is not None and code < 0 else None,
                "timedOut": timed_out,
                "stepsDone": done,
                "output": raw.decode("utf-8", "replace"),
                "restored": (after[3] & lflag_bits) == (before[3] & lflag_bits),
                "lflagBefore": before[3],
                "lflagAfter": after[3],
            }
        )
    )


main()
