"""Run the whole portal for development: web, Celery worker and Celery beat.

`make run` starts this after migrating and loading the demo data. Each process runs in
its own process group with its output prefixed by its name. One Ctrl-C (or SIGTERM)
stops all three; if any of them exits on its own, the others are stopped too and the
supervisor exits non-zero, so a half-running portal never goes unnoticed.

Only the standard library is used. Usage: python scripts/devserver.py [--port 8000]
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO_USERS = (
    "agency",
    "agency2",
    "vanphong",
    "reporter",
    "director",
    "director2",
    "reviewer",
    "admin",
)
STOP_GRACE_SECONDS = 10
COLOURS = {"web": "32", "worker": "34", "beat": "35"}
# runserver's autoreloader parent does not pass signals on to the server it runs, so the
# whole group gets SIGTERM; Celery's main process stops its own pool (warm shutdown).
SIGNAL_WHOLE_GROUP = {"web"}


def commands(port: int) -> dict[str, list[str]]:
    python = sys.executable
    celery = [python, "-m", "celery", "-A", "portal"]
    return {
        "web": [python, "manage.py", "runserver", f"0.0.0.0:{port}"],
        "worker": [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [
            *celery,
            "beat",
            "--loglevel=INFO",
            "--scheduler=django_celery_beat.schedulers:DatabaseScheduler",
            "--pidfile=",
        ],
    }


class Supervisor:
    def __init__(self, port: int):
        self.port = port
        self.procs: dict[str, subprocess.Popen] = {}
        self.stopping = threading.Event()
        self.colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        self.print_lock = threading.Lock()

    def say(self, name: str, text: str) -> None:
        label = f"{name:>6} |"
        if self.colour:
            label = f"\033[{COLOURS.get(name, '1')}m{label}\033[0m"
        with self.print_lock:
            print(f"{label} {text}", flush=True)

    def start(self) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        for name, argv in commands(self.port).items():
            proc = subprocess.Popen(
                argv,
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: we alone decide when it stops
                text=True,
                errors="replace",
            )
            self.procs[name] = proc
            threading.Thread(target=self.pump, args=(name, proc), daemon=True).start()
            self.say("dev", f"started {name} (pid {proc.pid}): {' '.join(argv[1:])}")
        threading.Thread(target=self.announce_when_listening, daemon=True).start()

    def pump(self, name: str, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.say(name, line.rstrip())

    def announce_when_listening(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.stopping.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            return
        lines = [
            "",
            f"Đưa Tin is running at http://localhost:{self.port}/",
            f"Health: http://localhost:{self.port}/health/ (worker turns ok within ~30 s)",
            "Demo logins (created by seed_demo when DEBUG is on), password 'demo':",
            "  " + ", ".join(DEMO_USERS),
            "Press Ctrl-C once to stop web, worker and beat.",
            "",
        ]
        for line in lines:
            self.say("dev", line)

    def watch(self) -> int:
        """Wait until a child exits or a stop is requested; return the exit code to use."""
        while not self.stopping.is_set():
            for name, proc in self.procs.items():
                code = proc.poll()
                if code is not None:
                    how = (
                        f"was killed by {signal.Signals(-code).name}"
                        if code < 0
                        else f"exited with code {code}"
                    )
                    self.say("dev", f"{name} {how}; stopping the others.")
                    self.stop()
                    return 128 - code if code < 0 else code or 1
            self.stopping.wait(0.5)
        self.stop()
        return 0

    def stop(self) -> None:
        self.stopping.set()
        alive = {name: p for name, p in self.procs.items() if p.poll() is None}
        for name, proc in alive.items():
            self.say("dev", f"stopping {name} (pid {proc.pid})")
            if name in SIGNAL_WHOLE_GROUP:
                self.signal_group(proc, signal.SIGTERM)
            else:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name, proc in alive.items():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say("dev", f"{name} did not stop in {STOP_GRACE_SECONDS} s; killing it")
                self.signal_group(proc, signal.SIGKILL)
                proc.wait()
        for proc in self.procs.values():
            # Children of the child (runserver's autoreloader, prefork pool) share its group.
            self.signal_group(proc, signal.SIGKILL)
        self.say("dev", "all processes stopped.")

    @staticmethod
    def signal_group(proc: subprocess.Popen, sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    args = parser.parse_args()

    supervisor = Supervisor(args.port)

    def request_stop(signum, frame):
        if supervisor.stopping.is_set():
            return
        supervisor.say("dev", f"received {signal.Signals(signum).name}; stopping all processes.")
        supervisor.stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    supervisor.start()
    return supervisor.watch()


if __name__ == "__main__":
    sys.exit(main())
