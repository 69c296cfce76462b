#!/usr/bin/python3
# --add-server typed at a terminal: the secret must not be echoed into the
# scrollback, and the German prompt goes to the terminal. A real pty, the
# real executable, the practice server and the keyring of the headless
# environment (build-aux/dev test).
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time

app = os.environ["BV_APP"]
tool = os.environ["BV_PRACTICE_TOOL"]
work = tempfile.mkdtemp()
env = dict(os.environ,
           XDG_DATA_HOME=os.path.join(work, "data"),
           XDG_CONFIG_HOME=os.path.join(work, "config"),
           LANGUAGE="de", LC_ALL="de_DE.UTF-8")
secret = "tty-geheimnis-%d-%d" % (os.getpid(), time.time_ns() % 1000000)
prompt = "Geheimer Schlüssel (die Eingabe wird nicht angezeigt): "

print("1..3")
# The tool runs until its standard input closes.
practice = subprocess.Popen([tool, secret, os.path.join(work, "requests")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
try:
    url = practice.stdout.readline().strip()

    pid, fd = pty.fork()
    if pid == 0:
        os.execve(app, [app, "--add-server=" + url, "--server-name=Terminal"], env)

    def read_until(done, seconds):
        seen = b""
        deadline = time.monotonic() + seconds
        while not done(seen) and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the other side closed
                    break
                if not chunk:
                    break
                seen += chunk
        return seen

    shown = read_until(lambda s: b": " in s, 60)
    os.write(fd, (secret + "\n").encode())
    shown += read_until(lambda s: False, 60)
    _, status = os.waitpid(pid, 0)
    text = shown.decode("utf-8", "replace")

    def report(n, ok, name):
        print(("ok %d - %s" if ok else "not ok %d - %s") % (n, name))
        if not ok:
            print("# terminal showed: %r, exit status %d" % (text, os.waitstatus_to_exitcode(status)))
        return ok

    results = [
        report(1, prompt in text, "the German prompt is shown on the terminal"),
        report(2, secret not in text, "the secret typed is not echoed"),
        report(3, os.waitstatus_to_exitcode(status) == 0 and "BigBlueButton" in text,
               "the server is added with the secret typed"),
    ]
finally:
    practice.kill()
    practice.wait()
    shutil.rmtree(work, ignore_errors=True)

sys.exit(0 if all(results) else 1)
