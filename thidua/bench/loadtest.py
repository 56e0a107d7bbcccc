"""The load side of ``manage.py bench_load``: locust, headless, through its Python API.

Run as ``python -m thidua.bench.loadtest CONFIG.json`` in a process of its own: locust patches the
standard library for gevent on import, which must not happen inside Django's process. The
config names the server, the pages (weighted paths), the session cookies of users already
logged in (and whether each is the admin), the number of users and the duration; the figures
are printed as one JSON line.
"""

import itertools
import json
import random
import sys

import gevent
from locust import FastHttpUser, between, constant, task
from locust.env import Environment


def run(config: dict) -> dict:
    sessions = itertools.cycle(config["sessions"])
    # Users are spread over the web nodes as a load balancer would (one node per user).
    hosts = itertools.cycle(config.get("hosts") or [config["host"]])
    pages = config["pages"]
    wait = config["wait"]

    # Each session is sent only the pages of its user's audiences (thidua.bench.pages.Page).
    def mix(audiences):
        chosen = [p for p in pages if p["audience"] in audiences]
        return chosen, [p["weight"] for p in chosen]

    # Seeded, so that the page mix is the same from run to run.
    chooser = random.Random(config.get("seed", 2026))

    class PageUser(FastHttpUser):
        host = config["host"]
        wait_time = between(wait / 2, wait * 1.5) if wait else constant(0)

        def on_start(self):
            session = next(sessions)
            self.cookie = session["cookie"]
            self.pages, self.weights = mix(session["audiences"])
            self.base = next(hosts)

        @task
        def browse(self):
            page = chooser.choices(self.pages, weights=self.weights)[0]
            with self.client.get(
                self.base + page["path"],
                name=page["name"],
                headers={"Cookie": self.cookie},
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")

    env = Environment(user_classes=[PageUser])
    runner = env.create_local_runner()
    runner.start(config["users"], spawn_rate=config["users"])
    gevent.spawn_later(config["seconds"], runner.quit)
    runner.greenlet.join()

    total = env.stats.total
    percentile = total.get_response_time_percentile
    return {
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": total.total_rps,
        "p50": percentile(0.5),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "errors": {
            f"{e.method} {e.name}: {e.error}": e.occurrences for e in env.stats.errors.values()
        },
        "pages": {
            name: {"requests": entry.num_requests, "p50": entry.get_response_time_percentile(0.5)}
            for (name, _method), entry in env.stats.entries.items()
        },
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        result = run(json.load(source))
    print(json.dumps(result))
