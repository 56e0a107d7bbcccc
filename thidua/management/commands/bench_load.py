"""``manage.py bench_load``: the main pages under concurrent users, served by gunicorn.

1. On the current database (seeded with ``seed_national`` when it is empty), each main page
   is served in this process as the demo admin: its median server time and its query count.
2. The same pages are counted on the demo dataset (a throwaway database, migrated and
   seeded with ``seed_demo``): a page whose query count differs grows with the data.
3. gunicorn is started with docker-compose.yml's command line on 127.0.0.1 (production
   settings, a throwaway SECRET_KEY, plain HTTP), the demo users log in through the login
   form, and locust (``thidua.bench.loadtest``, in its own process) sends ``--users`` concurrent
   users through the pages for ``--seconds``. ``--nodes 1 2`` repeats step 3 with one, then
   two gunicorn processes (users spread over them), and prints the runs side by side.
Exits non-zero on any failed request, any page that is not 200, or any query count that
differs from the demo's.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from thidua.bench.measured import (
    ServerDidNotStart,
    compose_web_command,
    database_url,
    stop,
    wait_listening,
)
from thidua.bench.pages import audiences, main_pages, measure
from thidua.demo.accounts import DEMO_PASSWORD, USERNAMES
from units.models import Unit

STATIC_CACHE = settings.BASE_DIR / "test-artifacts" / "bench-static"
START_TIMEOUT = 60


def gunicorn_args(port: int, workers: int | None) -> list[str]:
    """docker-compose.yml's web command, bound to 127.0.0.1:``port``, from this virtualenv."""
    args = compose_web_command(port, workers)
    return [str(Path(sys.executable).with_name(args[0])), *args[1:]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = "Đo tải các trang chính: gunicorn trên 127.0.0.1, locust với nhiều người dùng đồng thời."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50, help="concurrent users")
        parser.add_argument("--seconds", type=int, default=60, help="duration of the load")
        parser.add_argument(
            "--wait", type=float, default=1.0, help="mean think time between pages (s); 0: none"
        )
        parser.add_argument("--workers", type=int, help="gunicorn workers (compose's default)")
        parser.add_argument(
            "--nodes",
            type=int,
            nargs="+",
            default=[1],
            help="web nodes (gunicorn processes on their own ports, users spread over them); "
            "several counts (--nodes 1 2) run the load once each, side by side",
        )
        parser.add_argument(
            "--cache-url", default="", help="CACHE_URL of the nodes, e.g. redis://127.0.0.1:6379/1"
        )
        parser.add_argument(
            "--seed",
            choices=["national", "demo"],
            default="national",
            help="what to seed when the database is empty",
        )
        parser.add_argument(
            "--no-demo", action="store_true", help="skip the demo dataset's query counts"
        )
        parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["measure_only"]:
            pages = main_pages()
            self.stdout.write(json.dumps(measure(pages)))
            return
        if not 1 <= options["users"] <= 1000 or not 1 <= options["seconds"] <= 3600:
            raise CommandError("--users must be 1–1000 and --seconds 1–3600.")
        if not all(1 <= nodes <= 8 for nodes in options["nodes"]):
            raise CommandError("--nodes must be 1–8.")
        if connection.vendor != "postgresql":
            self.stderr.write("Warning: figures on SQLite say little; use PostgreSQL.")
        self.ensure_data(options["seed"])
        pages = main_pages()
        self.stdout.write(f"Measuring {len(pages)} pages in-process…")
        here = measure(pages)
        demo = None if options["no_demo"] else self.demo_counts()
        loads = {nodes: self.load(pages, options, nodes) for nodes in options["nodes"]}
        failed = self.report(pages, here, demo, loads, options)
        if failed:
            raise CommandError("; ".join(failed))

    # -- data -------------------------------------------------------------------------------

    def ensure_data(self, seed: str):
        if not Unit.objects.exists():
            self.stdout.write(
                f"The database is empty: seeding it with seed_{seed} first (seed_national takes "
                "about a minute)."
            )
            call_command(f"seed_{seed}", stdout=self.stdout)
        missing = sorted(set(USERNAMES) - self._usernames())
        if missing:
            raise CommandError(
                f"The demo users are missing ({', '.join(missing)}): seed with seed_national or "
                "seed_demo."
            )

    @staticmethod
    def _usernames() -> set[str]:
        users = get_user_model().objects.filter(username__in=USERNAMES)
        return set(users.values_list("username", flat=True))

    def demo_counts(self) -> dict:
        """The pages measured on a throwaway demo database of the same engine."""
        self.stdout.write("Seeding a throwaway demo database for the query counts…")
        with self._throwaway_database() as url:
            env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
            for step in (["migrate", "-v0"], ["seed_demo"], ["bench_load", "--measure-only"]):
                result = subprocess.run(
                    [sys.executable, "manage.py", *step],
                    cwd=settings.BASE_DIR,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=600,
                )
                if result.returncode:
                    raise CommandError(f"{' '.join(step)} failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    @contextlib.contextmanager
    def _throwaway_database(self):
        if connection.vendor == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                yield database_url(str(Path(tmp) / "demo.sqlite3"))
            return
        import psycopg  # noqa: PLC0415 - only on PostgreSQL; SQLite runs may lack the driver

        name = f"{connection.settings_dict['NAME']}_benchdemo"[:63]
        db = connection.settings_dict
        admin = {
            "dbname": "postgres",
            "host": db["HOST"] or "localhost",
            "port": db["PORT"] or 5432,
            "user": db["USER"],
            "password": db["PASSWORD"] or None,
            "autocommit": True,
        }
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield database_url(name)
        finally:
            with psycopg.connect(**admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # -- the server ---------------------------------------------------------------------------

    def server_env(self, cache_url: str = "") -> dict:
        env = {
            key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL") if key in os.environ
        }
        env.update(
            DEBUG="False",
            SECRET_KEY=secrets.token_urlsafe(50),  # throwaway, for this run only
            ALLOWED_HOSTS="127.0.0.1",
            SECURE="False",  # plain HTTP on loopback
            DATABASE_URL=database_url(),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        if cache_url:
            env["CACHE_URL"] = cache_url
        env["STATIC_ROOT"] = str(self.collected_static(env))
        return env

    def collected_static(self, env: dict) -> Path:
        """collectstatic's output with the production storage, redone when a source changes."""
        manifest = STATIC_CACHE / "staticfiles.json"
        newest = max(
            Path(storage.path(path)).stat().st_mtime
            for finder in finders.get_finders()
            for path, storage in finder.list(["CVS", ".*", "*~"])
        )
        if not manifest.exists() or manifest.stat().st_mtime < newest:
            self.stdout.write("Collecting static files (production storage)…")
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=settings.BASE_DIR,
                env={**env, "STATIC_ROOT": str(STATIC_CACHE)},
                check=True,
                timeout=600,
            )
        return STATIC_CACHE

    @contextlib.contextmanager
    def gunicorn(self, workers: int | None, nodes: int = 1, cache_url: str = ""):
        """``nodes`` gunicorn processes sharing one environment (database, secret, cache)."""
        env = self.server_env(cache_url)
        with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
            hosts, args = [], []
            for node in range(nodes):
                port = free_port()
                args = gunicorn_args(port, workers)
                log = Path(tmp) / f"gunicorn-{node}.log"
                with log.open("w") as output:
                    process = subprocess.Popen(
                        args,
                        cwd=settings.BASE_DIR,
                        env=env,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                    )
                stack.callback(stop, process)
                try:
                    wait_listening(process, port, log, timeout=START_TIMEOUT)
                except ServerDidNotStart as error:
                    raise CommandError(str(error)) from None
                hosts.append(f"http://127.0.0.1:{port}")
            yield hosts, args

    @staticmethod
    def login(host: str, username: str) -> str:
        """Log in through the login form; the session cookie of the signed-in user."""
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"{host}/login/", timeout=30) as response:
            html = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        data = urllib.parse.urlencode(
            {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        with opener.open(f"{host}/login/", data=data, timeout=60) as response:
            landed = response.geturl()
        cookies = {cookie.name: cookie.value for cookie in jar}
        if settings.SESSION_COOKIE_NAME not in cookies or landed.endswith("/login/"):
            raise CommandError(f"{username} could not log in.")
        return f"{settings.SESSION_COOKIE_NAME}={cookies[settings.SESSION_COOKIE_NAME]}"

    def load(self, pages, options, nodes: int) -> dict:
        with self.gunicorn(options["workers"], nodes, options["cache_url"]) as (
            hosts,
            args,
        ):
            host = hosts[0]
            self.stdout.write(
                f"Server: {len(hosts)} × "
                f"{' '.join(Path(a).name if i == 0 else a for i, a in enumerate(args))}"
                + (f", cache {options['cache_url']}" if options["cache_url"] else "")
            )
            users = get_user_model().objects.filter(username__in=USERNAMES).order_by("username")
            sessions = [
                {"cookie": self.login(host, user.username), "audiences": audiences(user)}
                for user in users
            ]
            config = {
                "host": host,
                "hosts": hosts,
                "users": options["users"],
                "seconds": options["seconds"],
                "wait": options["wait"],
                "sessions": sessions,
                "pages": [
                    {"name": p.name, "path": p.path, "weight": p.weight, "audience": p.audience}
                    for p in pages
                ],
            }
            self.stdout.write(
                f"Load: {options['users']} users for {options['seconds']} s "
                f"({len(sessions)} demo users logged in)…"
            )
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                json.dump(config, handle)
            try:
                result = subprocess.run(
                    [sys.executable, "-m", "thidua.bench.loadtest", handle.name],
                    cwd=settings.BASE_DIR,
                    capture_output=True,
                    text=True,
                    timeout=options["seconds"] + 120,
                )
            finally:
                os.unlink(handle.name)
        if result.returncode:
            raise CommandError(f"locust failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    # -- the report ---------------------------------------------------------------------------

    def report(self, pages, here, demo, loads, options) -> list[str]:
        """One line per load run (a node count), then one row per page with each run's p50."""
        write = self.stdout.write
        write("")
        for nodes, load in loads.items():
            write(
                f"{nodes} node{'s' if nodes > 1 else ''}: {load['requests']:,} requests in "
                f"{options['seconds']} s = {load['rps']:.1f} req/s; errors: {load['failures']}; "
                f"latency (ms) p50 {load['p50']:.0f}, p95 {load['p95']:.0f}, p99 {load['p99']:.0f}"
            )
            for error, count in load["errors"].items():
                write(f"  error ×{count}: {error}")
        write("")
        runs = "".join(f"  {f'p50 ms ×{nodes}':>10}" for nodes in loads)
        write(f"{'page':<18} {'server ms':>9} {'queries':>7} {'demo':>5}{runs}  path")
        failed = []
        for page in pages:
            row = here[page.name]
            demo_queries = demo.get(page.name, {}).get("queries") if demo else None
            under_load = "".join(
                f"  {self._ms(load['pages'].get(page.name, {}).get('p50')):>10}"
                for load in loads.values()
            )
            write(
                f"{page.name:<18} {row['ms']:>9.1f} {row['queries']:>7} "
                f"{'—' if demo_queries is None else demo_queries:>5}{under_load}  {page.path}"
            )
            if row["status"] != 200:
                failed.append(f"{page.name} answered {row['status']}")
            if demo_queries is not None and demo_queries != row["queries"]:
                failed.append(f"{page.name}: {row['queries']} queries here, {demo_queries} on demo")
        for nodes, load in loads.items():
            if load["failures"]:
                failed.append(f"{load['failures']} failed requests under load ({nodes} nodes)")
        write("")
        write(
            self.style.ERROR("FAILED: " + "; ".join(failed)) if failed else self.style.SUCCESS("OK")
        )
        return failed

    @staticmethod
    def _ms(value) -> str:
        return "—" if value is None else f"{value:.0f}"
