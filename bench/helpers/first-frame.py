"""Runs a command in a COLSxROWS pseudo-terminal and prints the milliseconds from its start until the screen text
(escape sequences removed) matches a pattern, then quits it with :q (killing it if it lingers).
Usage: first-frame.py COLS ROWS PATTERN TIMEOUT_S -- CMD ARGS..."""
import fcntl, os, pty, re, select, signal, struct, sys, termios, time

cols, rows, pattern, timeout = int(sys.argv[1]), int(sys.argv[2]), re.compile(sys.argv[3].encode()), float(sys.argv[4])
command = sys.argv[sys.argv.index('--') + 1:]
escapes = re.compile(rb'\x1b\[[0-9;?]*[A-Za-z]')
started = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.execvp(command[0], command)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
screen, elapsed = b'', None
while time.monotonic() - started < timeout:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    screen = (screen + chunk)[-100000:]
    # Rows are drawn at absolute positions: strip the moves and search the text that is left.
    if pattern.search(escapes.sub(b'', screen)):
        elapsed = (time.monotonic() - started) * 1000
        break
for key in (b':', b'q', b'\r'):
    try:
        os.write(fd, key)
    except OSError:
        break
    time.sleep(0.1)
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    try:
        select.select([fd], [], [], 0.1) and os.read(fd, 65536)
    except OSError:
        pass
else:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
if elapsed is None:
    sys.stderr.write(escapes.sub(b'', screen)[-2000:].decode(errors='replace'))
    sys.exit(1)
print(round(elapsed, 1))
