"""Running a function on untrusted input in a process of its own, with a memory and a time limit.

A small single-threaded server process (`python -m okdata.isolation`, started on first use and ended when the app
ends) has the reading libraries imported; for every call it forks a child that sets its limits, runs the function
and sends the result back. Forking the server, not the app, matters: the app has many threads, and a fork copies
only one of them with whatever locks the others held. Nothing of the app's own code runs in the child but the
named function (multiprocessing's forkserver would also re-import the app's main script there).

If the child runs out of memory or time, or crashes in a library's native code, the caller gets None: the app
and every other user's session carry on (issue 13).
"""

import os
import pickle
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from importlib import import_module

PRELOAD = ("python_calamine", "okdata.workbook")
_HEADER = struct.Struct("!Q")
_lock = threading.Lock()
_server: tuple[subprocess.Popen, str] | None = None


def run(function: str, *args, memory_bytes: int, seconds: int):
    """`module:function(*args)` in a forked child limited to `memory_bytes` more address space than it starts
    with and `seconds` of time; its result, or None when the child ended without one."""
    for attempt in range(2):
        path = _ensure_server()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.settimeout(seconds + 5)
                conn.connect(path)
                _send(conn, (function, args, memory_bytes, seconds))
                return _receive(conn)
        except (ConnectionRefusedError, FileNotFoundError):
            _forget_server()  # the server is gone (killed, or the temporary directory cleaned): start it again
            if attempt:
                raise
        except (EOFError, OSError, pickle.UnpicklingError):
            return None
    return None


def _ensure_server() -> str:
    global _server
    with _lock:
        if _server is not None and _server[0].poll() is None:
            return _server[1]
        folder = tempfile.mkdtemp(prefix="okdata-isolation-")
        path = os.path.join(folder, "socket")
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        # A native library that runs out of memory prints its message in English ("memory allocation of … bytes
        # failed") and, by default, a long backtrace: not to the command line's user, who is told in Swedish, nor
        # to the app's log, which says that the reading ended without a result (workbook.read_workbook).
        env = {**os.environ, "RUST_BACKTRACE": "0"}
        process = subprocess.Popen([sys.executable, "-m", "okdata.isolation", path], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True, cwd=root,
                                   env=env)
        process.stdout.readline()  # "ready": the socket is listening
        _server = (process, path)
        return path


def _forget_server() -> None:
    global _server
    with _lock:
        if _server is not None:
            _server[0].kill()
            _server = None


def _send(conn: socket.socket, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    conn.sendall(_HEADER.pack(len(data)) + data)


def _receive(conn: socket.socket):
    (size,) = _HEADER.unpack(_read_exactly(conn, _HEADER.size))
    return pickle.loads(_read_exactly(conn, size))


def _read_exactly(conn: socket.socket, size: int) -> bytes:
    buf = bytearray()
    while len(buf) < size:
        chunk = conn.recv(min(size - len(buf), 1 << 20))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


# --- The server --------------------------------------------------------------------------------------------


def _serve(path: str) -> None:
    for name in PRELOAD:
        import_module(name)
    from okdata.heap import settle

    settle()  # every child starts with the libraries frozen and collects garbage as seldom as the app
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wake select() to reap children
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        try:
            readable, _, _ = select.select([listener, sys.stdin], [], [], 5)
        except InterruptedError:
            readable = []
        _reap()
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
            break  # the app has ended (its end of our stdin is closed)
        if listener in readable:
            conn, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                _child(conn)
            conn.close()
    listener.close()
    os.unlink(path)


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return


def _child(conn: socket.socket) -> None:
    code = 1
    try:
        function, args, memory_bytes, seconds = _receive(conn)
        limit = _vm_bytes() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
        signal.alarm(seconds + 5)  # wall-clock limit too (a blocked read costs no CPU)
        module, name = function.split(":")
        result = getattr(import_module(module), name)(*args)
        _send(conn, result)
        code = 0
    finally:
        os._exit(code)


def _vm_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


if __name__ == "__main__":
    _serve(sys.argv[1])
