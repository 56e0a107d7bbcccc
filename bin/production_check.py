"""The production install, proven end to end (run by bin/check-production).

The virtualenv given by --python holds `pip install .` and nothing else, as the Dockerfile
builds it. With it, and an environment like the one docker compose gives the containers:
1. every third-party module that runtime code imports (at top level or inside a function) is
   importable, and every runtime module imports;
2. `check --deploy --fail-level WARNING` passes;
3. static files are collected, a throwaway database is migrated and the demo is seeded;
4. gunicorn starts with docker-compose.yml's own command line and `db_worker` beside it;
5. the demo admin logs in (through the TLS proxy's headers) and downloads a decision's PDF, the
   yearly sector report (built by the worker) and the certificates of that decision.
Any failure exits non-zero with what failed. This script itself runs in the test virtualenv
(it reads docker-compose.yml with PyYAML); everything it checks runs in the production one.
"""

import argparse
import ast
import http.client
import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from thidua.bench.measured import (  # noqa: E402  after ROOT is importable
    ServerDidNotStart,
    compose_web_command,
    stop,
    wait_listening,
)

RUNTIME_PACKAGES = ("thidua", "units", "campaigns", "awards")
# Benchmarks and the load test need the test extra (locust, pypdf's reader…): they are tools
# for developers, not part of the running app. Any module whose dotted name matches is skipped.
DEV_ONLY = re.compile(r"(^|\.)(bench|bench_\w+|loadtest)(\.|$)")
ADMIN = ("admin_tdkt", "ThiDua@2026")
REPORT_YEAR_OFFSET = 1  # the yearly report covers last year, as the report page defaults to
TIMEOUT = 300


class Failure(Exception):
    pass


def step(text):
    print(f"  - {text}", flush=True)


# --- 1. Imports -----------------------------------------------------------------------------


def runtime_modules():
    """(dotted name, path) of every runtime module, dev-only tools left out."""
    for package in RUNTIME_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            if not DEV_ONLY.search(name):
                yield name, path


def third_party_imports():
    """Top-level names of the absolute imports in runtime code → where each first appears."""
    first_party = set(RUNTIME_PACKAGES) | {"tests"}
    found = {}
    for _name, path in runtime_modules():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for imported in names:
                top = imported.split(".")[0]
                if top not in first_party and top not in sys.stdlib_module_names:
                    found.setdefault(top, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


IMPORT_PROBE = """
import importlib, importlib.util, json, sys
import django
django.setup()
wanted, modules = json.loads(sys.argv[1]), json.loads(sys.argv[2])
failed = [f"{name} (imported at {where})" for name, where in wanted.items()
          if importlib.util.find_spec(name) is None]
for module in modules:
    try:
        importlib.import_module(module)
    except Exception as error:
        failed.append(f"import {module}: {type(error).__name__}: {error}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def check_imports(python, env):
    wanted = third_party_imports()
    modules = [name for name, _path in runtime_modules()]
    result = run([python, "-c", IMPORT_PROBE, json.dumps(wanted), json.dumps(modules)], env)
    if result.returncode:
        raise Failure(
            "runtime code imports what `pip install .` does not provide (add it to "
            "[project].dependencies in pyproject.toml):\n" + result.stdout + result.stderr
        )
    step(f"{len(wanted)} third-party packages and {len(modules)} runtime modules import")


# --- 2–4. Commands and servers --------------------------------------------------------------


def run(args, env, timeout=TIMEOUT):
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def manage(python, env, *args):
    result = run([python, "manage.py", *args], env)
    if result.returncode:
        raise Failure(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args, env, log):
    with log.open("w") as output:
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


# --- 5. A user's downloads ------------------------------------------------------------------


class Browser:
    """A client that talks to gunicorn as the TLS proxy would: https, with its own cookies."""

    def __init__(self, port):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "vi",
            "Referer": self.origin + "/",
            "Origin": self.origin,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value
        return response.status, response.headers, content

    def get(self, path, expect=200):
        status, headers, content = self.request("GET", path)
        if status != expect:
            raise Failure(f"GET {path}: {status} (expected {expect})\n{content[:2000]!r}")
        return headers, content

    def post(self, path, form):
        form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
        status, headers, content = self.request("POST", path, form)
        if status not in (200, 302):
            raise Failure(f"POST {path}: {status}\n{content[:2000]!r}")
        return status, headers, content

    def login(self, username, password):
        self.get("/login/")
        status, headers, _ = self.post("/login/", {"username": username, "password": password})
        if status != 302 or headers["Location"] not in ("/", f"{self.origin}/"):
            raise Failure(f"login as {username} failed ({status})")


def expect_pdf(headers, content, what):
    if headers["Content-Type"] != "application/pdf" or not content.startswith(b"%PDF-"):
        raise Failure(f"{what}: not a PDF ({headers['Content-Type']}, {content[:60]!r})")
    step(f"{what}: PDF, {len(content):,} bytes")


def first_decision_with_certificates(browser):
    _headers, page = browser.get("/awards/decisions/")
    for pk in dict.fromkeys(re.findall(rb'href="/awards/decisions/(\d+)/"', page)):
        status, _headers, content = browser.request("GET", f"/certificates/decisions/{int(pk)}/")
        if status == 200 and b"/print/" in content:
            return int(pk)
    raise Failure("no issued decision with printable certificates in the demo")


def download_report(browser, year):
    query = f"scope=sector&start={year}"
    browser.post("/reports/export/", {"scope": "sector", "start": year})
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        _headers, page = browser.get(f"/reports/?{query}")
        link = re.search(rb'href="(/reports/files/[0-9a-f]{40}\.pdf)"', page)
        if link:
            headers, content = browser.get(link.group(1).decode())
            return headers, content
        if b"report-job" in page and "Lỗi".encode() in page and b'name="retry"' in page:
            raise Failure(f"the report job failed:\n{page.decode()[:3000]}")
        time.sleep(2)
    raise Failure(f"the yearly report was not ready within {TIMEOUT} s")


def user_journey(port, year):
    browser = Browser(port)
    browser.login(*ADMIN)
    step(f"logged in as {ADMIN[0]}")
    decision = first_decision_with_certificates(browser)
    expect_pdf(*browser.get(f"/awards/decisions/{decision}/pdf/"), f"decision {decision}")
    expect_pdf(*download_report(browser, year), f"yearly sector report {year} (by the worker)")
    _status, headers, content = browser.post(
        f"/certificates/decisions/{decision}/print/",
        {"mode": "full", "reason": "", "confirm": "1"},  # numbers are given on confirm
    )
    expect_pdf(headers, content, f"certificates of decision {decision}")


# --- Orchestration --------------------------------------------------------------------------


def production_env(database_url, static_root, media_root):
    """What docker-compose.yml gives the web and worker containers, on this machine."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        PYTHONUNBUFFERED="1",
        DJANGO_SETTINGS_MODULE="thidua.settings",
        # Every report goes through the background worker, however small the demo is.
        REPORT_INLINE_ROWS="0",
    )
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", required=True, help="the production virtualenv's python")
    parser.add_argument("--database-url", required=True, help="a throwaway database")
    options = parser.parse_args()
    python = options.python
    bin_dir = Path(python).parent
    with tempfile.TemporaryDirectory(prefix="thidua-production-") as tmp:
        tmp = Path(tmp)
        env = production_env(options.database_url, tmp / "static", tmp / "media")
        (tmp / "static").mkdir()
        (tmp / "media").mkdir()
        try:
            check_imports(python, env)
            manage(python, env, "check", "--deploy", "--fail-level", "WARNING")
            step("check --deploy --fail-level WARNING: no issue")
            manage(python, env, "collectstatic", "--noinput", "-v", "0")
            manage(python, env, "migrate", "--noinput", "-v", "0")
            manage(python, env, "seed_demo")
            step("static files collected, database migrated, demo seeded")
            port = free_port()
            command = compose_web_command(port, environ={})
            command[0] = str(bin_dir / command[0])
            web = start(command, env, tmp / "gunicorn.log")
            worker = start([python, "manage.py", "db_worker"], env, tmp / "worker.log")
            try:
                try:
                    wait_listening(web, port, tmp / "gunicorn.log")
                except ServerDidNotStart as error:
                    raise Failure(str(error)) from None
                step(f"gunicorn serves: {shlex.join(command[1:])}")
                user_journey(port, time.localtime().tm_year - REPORT_YEAR_OFFSET)
            except Failure:
                for log in ("gunicorn.log", "worker.log"):
                    print(f"--- {log} (last lines) ---\n" + tail(tmp / log), file=sys.stderr)
                raise
            finally:
                stop(web)
                stop(worker)
        except Failure as failure:
            print(f"ERROR: the production install failed: {failure}", file=sys.stderr)
            return 1
    return 0


def tail(path, lines=40):
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


if __name__ == "__main__":
    sys.exit(main())
