"""Measuring a benchmark's subprocess: wall time and the peak memory of its process tree."""

import json
import os
import subprocess
import threading
import time
from pathlib import Path

from django.core.management.base import CommandError


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


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def run_measured(command: list[str], label: str) -> dict:
    """Run ``command``; its last stdout line is a JSON object, returned with the wall time
    (``seconds``) and the peaks of its process tree (``peak_rss``, ``peak_pss``,
    ``processes``, ``max_process_rss``, in bytes)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
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
