"""Measuring a benchmark's subprocess: wall time and the peak memory of its process tree."""

import json
import os
import re
import socket
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import yaml
from django.core.management.base import CommandError
from django.db import connection


class TreeSampler(threading.Thread):
    """Peak RSS and PSS (bytes) of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = self.peak_one = 0
        self.peak_processes = 0
        self.stopped = threading.Event()

    def _tree(self) -> list[int]:
        pids, frontier = [], [self.pid]
        while frontier:
            pid = frontier.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
                    frontier.extend(int(c) for c in children)
            except OSError:
                continue
        return pids

    @staticmethod
    def _field(path: str, name: str) -> int:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(name):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def run(self):
        # PSS makes the kernel walk each process's page tables: sample it less often.
        ticks = 0
        while not self.stopped.is_set():
            pids = self._tree()
            sizes = [self._field(f"/proc/{p}/status", "VmRSS:") for p in pids]
            self.peak_rss = max(self.peak_rss, sum(sizes))
            self.peak_one = max(self.peak_one, *sizes)
            if ticks % 5 == 0:
                pss = sum(self._field(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
                self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            ticks += 1
            self.stopped.wait(self.every)


def database_url(name: str | None = None) -> str:
    """The URL of the current database (or of ``name`` on the same server)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name or db['NAME']}"
    if connection.vendor != "postgresql":
        raise CommandError("The benchmarks run on PostgreSQL or SQLite.")
    auth = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{name or db['NAME']}"


def compose_web_command(port: int, workers: int | None = None, environ=None) -> list[str]:
    """docker-compose.yml's web command (gunicorn), bound to 127.0.0.1:``port``.

    ``${VAR:-default}`` takes the variable's value from ``environ`` (this process's
    environment by default), else its default, as compose would.
    """
    environ = os.environ if environ is None else environ
    compose = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text()
    )
    args = [
        re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: environ.get(m[1], m[2]), str(word))
        for word in compose["services"]["web"]["command"]
    ]
    args[args.index("--bind") + 1] = f"127.0.0.1:{port}"
    if workers:
        args[args.index("--workers") + 1] = str(workers)
    return args


class ServerDidNotStart(Exception):
    pass


def wait_listening(process: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    """Until ``process`` listens on 127.0.0.1:``port``; ServerDidNotStart (with the end of its
    ``log``) if it exits or takes longer than ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerDidNotStart(
                f"{process.args[0]} exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise ServerDidNotStart(f"nothing listened on port {port} within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Terminate, then kill what does not stop within 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def run_measured(command: list[str], label: str) -> dict:
    """Run ``command``; its last stdout line is a JSON object, returned with the wall time
    (``seconds``) and the peaks of its process tree (``peak_rss``, ``peak_pss``,
    ``processes``, ``max_process_rss``, in bytes)."""
    start = time.perf_counter()
    # The child works on this process's database, the test database too (when under pytest).
    env = {**os.environ, "DATABASE_URL": database_url()}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    sampler = TreeSampler(process.pid)
    sampler.start()
    stdout, _stderr = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.stopped.set()
    sampler.join()
    if process.returncode:
        raise CommandError(f"{label} failed with exit code {process.returncode}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(
        seconds=elapsed,
        peak_rss=sampler.peak_rss,
        peak_pss=sampler.peak_pss,
        processes=sampler.peak_processes,
        max_process_rss=sampler.peak_one,
    )
    return result
