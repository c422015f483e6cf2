# Runs one command on a pseudo-terminal of a given width and times it, for bench/run.mjs:
#
#   python3 bench/pty-time.py <columns> <command> [args...]
#
# The command's stdin, stdout and stderr are the terminal (so isTTY holds on all three and the
# width comes from the terminal, as in a real one); COLUMNS is set to the same width. What the
# command prints is passed to this script's stdout. The time from just before the start to the
# end of its output and its exit goes to stderr as `hproc-bench-pty-ms <ms>`, so the wrapper's
# own start-up (Python's) is not counted.
import fcntl
import os
import struct
import subprocess
import sys
import termios
import time

columns = int(sys.argv[1])
command = sys.argv[2:]
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, columns, 0, 0))
env = dict(os.environ, COLUMNS=str(columns), LINES='24')
started = time.perf_counter()
child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
os.close(slave)
out = sys.stdout.buffer
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: every copy of the terminal's other end is closed
        break
    if not chunk:
        break
    out.write(chunk)
code = child.wait()
elapsed = (time.perf_counter() - started) * 1000
out.flush()
sys.stderr.write(f'hproc-bench-pty-ms {elapsed:.3f}\n')
sys.exit(code)
