"""docker-compose.yml and the Dockerfile describe a deployment that would really start.

No Docker engine runs here, so the files are read as data: compose's YAML, and the
Dockerfile parsed into its instructions (continuations joined, each RUN split into its
commands): the services and their wiring, the environment each container gets (interpolated
from .env.example the way compose does), what the image installs, and that the commands both
files run exist in the app. That environment must then pass ``check --deploy``.
"""

import importlib
import json
import re
import shlex
import subprocess
import sys

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

from thidua.core import systemdeps

ROOT = settings.BASE_DIR
REQUIRED_BY_SETTINGS = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
_VARIABLE = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def example_env():
    """.env.example as an operator fills it in: every empty value gets a real-looking one."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if re.match(r"^\w+=", line):
            key, value = line.split("=", 1)
            values[key] = value or f"filled-{key.lower()}-{'x' * 50}"
    return values


def interpolate(text, values):
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, failing like compose does."""

    def replace(match):
        name, operator, argument = match.groups()
        value = values.get(name)
        if operator and operator.endswith("?") and not value:
            raise AssertionError(f"compose would refuse to start: {argument}")
        if operator and operator.endswith("-") and not value:
            return argument
        return value or ""

    return _VARIABLE.sub(replace, text)


def container_env(service, values):
    return {key: interpolate(str(value), values) for key, value in service["environment"].items()}


def test_stack_has_database_cache_migration_web_proxy_and_worker(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "proxy", "worker"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["web"]["build"] == "."
    for name in ("migrate", "worker"):
        assert services[name]["image"] == services["web"]["image"]
    assert "profiles" not in services["worker"], "the worker starts with the stack"
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]


def test_database_keeps_its_data_and_reports_health(compose):
    db = compose["services"]["db"]
    volume, mount = db["volumes"][0].split(":")
    assert volume in compose["volumes"]
    assert mount == "/var/lib/postgresql/data"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert compose["services"]["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_migrations_run_once_before_any_web_node_or_worker(compose):
    services = compose["services"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ("web", "worker"):
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }


def test_web_runs_gunicorn_and_reports_health_without_a_host_port(compose):
    web = compose["services"]["web"]
    args = web["command"]
    assert args[:2] == ["gunicorn", "thidua.wsgi:application"]
    assert args[args.index("--bind") + 1] == "0.0.0.0:8000"
    assert args[args.index("--workers") + 1] == "${WEB_CONCURRENCY:-3}"
    assert args[args.index("--worker-class") + 1] == "sync"
    assert args[args.index("--timeout") + 1] == "${WEB_TIMEOUT:-120}"
    # No published port: `--scale web=3` starts three replicas behind the proxy.
    assert "ports" not in web
    assert web["expose"] == ["8000"]
    assert "http://127.0.0.1:8000/healthz" in " ".join(web["healthcheck"]["test"])


def test_the_proxy_spreads_over_the_web_replicas_and_passes_the_client_on(compose):
    proxy = compose["services"]["proxy"]
    assert proxy["ports"] == ["${WEB_BIND:-127.0.0.1}:${WEB_PORT:-8000}:80"]
    assert proxy["depends_on"] == {"web": {"condition": "service_healthy"}}
    config = compose["configs"]["nginx"]["content"]
    assert "server web:8000;" in config
    assert "X-Forwarded-For $$proxy_add_x_forwarded_for;" in config
    assert "X-Forwarded-Proto $$http_x_forwarded_proto;" in config


@pytest.mark.parametrize("service", ["web", "worker"])
def test_containers_get_every_required_setting(compose, service):
    env = container_env(compose["services"][service], example_env())

    for name in REQUIRED_BY_SETTINGS:
        assert env[name], f"{service} has no {name}"
    assert env["DEBUG"] == "False"
    assert env["SECURE_SSL_REDIRECT"] == "True"
    db = compose["services"]["db"]["environment"]
    password = interpolate(db["POSTGRES_PASSWORD"], example_env())
    expected = f"postgres://{db['POSTGRES_USER']}:{password}@db:5432/{db['POSTGRES_DB']}"
    assert env["DATABASE_URL"] == expected
    assert env["CACHE_URL"] == "redis://redis:6379/0"
    assert env["TRUSTED_PROXY_COUNT"] == "2"


def test_compose_refuses_to_start_without_a_secret_key(compose):
    values = example_env()
    del values["SECRET_KEY"]
    with pytest.raises(AssertionError, match=r"set SECRET_KEY in \.env"):
        container_env(compose["services"]["web"], values)


def test_compose_environment_passes_the_deploy_checks(compose, tmp_path):
    env = container_env(compose["services"]["web"], example_env())
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"  # check --deploy never connects
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of each line of a Dockerfile, continuations joined and
    comments dropped, as docker build reads them."""
    found, pending = [], ""
    for line in dockerfile.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, rest = (pending + stripped).partition(" ")
        found.append((keyword.upper(), rest.strip()))
        pending = ""
    return found


def _commands(run: str) -> list[list[str]]:
    """The simple commands of a RUN line, split on && and parsed like sh does."""
    return [shlex.split(part) for part in run.split("&&") if part.strip()]


def _argv(argument: str) -> list[str]:
    return json.loads(argument) if argument.startswith("[") else shlex.split(argument)


@pytest.fixture(scope="module")
def image(dockerfile):
    return instructions(dockerfile)


def test_the_dockerfile_parses_into_known_instructions(image):
    known = {"FROM", "ENV", "RUN", "WORKDIR", "COPY", "USER", "EXPOSE", "CMD", "ARG", "LABEL"}
    assert {keyword for keyword, _ in image} <= known
    assert image[0][0] == "FROM" and image[-1][0] == "CMD"


def test_image_is_python_311_slim(image):
    base = dict(image)["FROM"]
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base), base


def test_image_installs_what_weasyprint_needs(image):
    installed = set()
    for keyword, argument in image:
        if keyword != "RUN":
            continue
        for argv in _commands(argument):
            if argv[:2] == ["apt-get", "install"]:
                installed |= {a for a in argv[2:] if not a.startswith("-")}
    # The Debian packages bin/run installs or asks for (one list: thidua/core/systemdeps.py).
    needed = {*systemdeps.LIBRARIES.values(), systemdeps.PDF_FONT_PACKAGE}
    assert needed <= installed, needed - installed


def test_image_installs_the_project_and_collects_its_static_files(image):
    runs = [argv for keyword, arg in image if keyword == "RUN" for argv in _commands(arg)]
    pip = [argv for argv in runs if "pip" in argv and "install" in argv and "." in argv]
    assert pip, "the project itself is installed (pip install .), with its dependencies"
    steps = [keyword for keyword, _ in image]
    assert steps.index("COPY") < steps.index("RUN", steps.index("COPY"))
    collect = [argv for argv in runs if argv[-3:] == ["manage.py", "collectstatic", "--noinput"]]
    assert collect
    assert "collectstatic" in get_commands()


def test_image_runs_gunicorn_on_the_wsgi_app_as_an_unprivileged_user(image):
    values = dict(image)
    assert values["USER"] not in ("root", "0")
    assert any(
        argv[:1] == ["useradd"] and values["USER"] in argv
        for keyword, arg in image
        if keyword == "RUN"
        for argv in _commands(arg)
    )
    command = _argv(values["CMD"])
    assert command[0] == "gunicorn"
    module, _, attribute = command[1].partition(":")
    assert callable(getattr(importlib.import_module(module), attribute))
    port = command[command.index("--bind") + 1].rsplit(":", 1)[1]
    assert values["EXPOSE"] == port == "8000"


def test_compose_runs_commands_the_app_has(compose):
    services = compose["services"]
    called = [services["migrate"]["command"][2], services["worker"]["command"][2]]
    assert called == ["migrate", "db_worker"]
    assert set(called) <= set(get_commands())
    module, _, attribute = services["web"]["command"][1].partition(":")
    assert callable(getattr(importlib.import_module(module), attribute))


def test_image_leaves_secrets_and_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".env", ".venv", ".git", "db.sqlite3", "media"):
        assert path in ignored
