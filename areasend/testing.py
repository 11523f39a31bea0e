"""A throwaway real site for browser tests and benchmarks: a fresh database with the areas, the
inspection history and the demo users loaded by the real management commands, served by gunicorn
on a free loopback port, and torn down afterwards.

    with running_site(workers=2) as site:
        urllib.request.urlopen(f"{site.url}/accessibility/")
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
SHARED_INSPECTIONS = REPO.parent / "shared" / "research-data" / "inspections"
HISTORY = (
    ("ofsted-2016-2022", SHARED_INSPECTIONS / "ofsted_area_send_2016_2022_official.csv"),
    ("area-send-2023", SHARED_INSPECTIONS / "area_send_2023_framework_full_inspections.csv"),
)
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
START_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Site:
    url: str  # http://127.0.0.1:<port>, no trailing slash
    env: dict[str, str]  # the server's environment, DATABASE_URL included
    log: Path  # gunicorn's output; deleted with the site


def free_port() -> int:
    # The port is free when we look; gunicorn binds it a moment later. Good enough on loopback.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _postgres_database(server_url: str) -> Iterator[str]:
    """A new, uniquely named database on the server that `server_url` points at."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(server_url)
    admin_url = urlunsplit(parts._replace(scheme="postgresql"))
    name = f"areasend_site_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            # FORCE (PostgreSQL 13+) ends any connection a killed worker left behind.
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _analyse(database_url: str) -> None:
    """PostgreSQL: gather the planner's statistics of the freshly loaded tables now, as autovacuum
    would within the minute, so that its run does not land in the middle of what is measured."""
    import psycopg

    parts = urlsplit(database_url)
    if parts.scheme in POSTGRES_SCHEMES:
        with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql")), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")


@contextmanager
def _fresh_database(workdir: Path) -> Iterator[str]:
    configured = os.environ.get("DATABASE_URL", "")
    if urlsplit(configured).scheme in POSTGRES_SCHEMES:
        with _postgres_database(configured) as url:
            yield url
    else:
        yield f"sqlite:///{workdir / 'site.sqlite3'}"


def _set_up(env: dict[str, str], import_history: bool) -> None:
    """The set-up commands, in one child process: one Django start-up instead of five."""
    history = import_history and all(path.is_file() for _, path in HISTORY)
    result = subprocess.run(
        [sys.executable, "-m", "areasend.testing", "--history" if history else "--no-history"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"set-up failed:\n{result.stdout}{result.stderr}")


def _run_set_up_commands(history: bool) -> None:
    """What `python -m areasend.testing` runs: the same commands as `make setup`."""
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings")
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_areas")
    if history:
        for source, path in HISTORY:
            call_command("import_inspections", "--source", source, str(path))
    call_command("demo")


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/accessibility/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT_S} s:\n{log.read_text()}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()  # SIGTERM: gunicorn's graceful shutdown of the master and its workers
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _serving_env(debug: bool) -> dict[str, str]:
    if debug:
        return {}
    # Served as in production: the real 404 and 403 pages (not Django's debug pages), CSP on
    # every response (django-csp leaves it off DEBUG 404s and 500s), secure cookies, and no
    # per-query bookkeeping to skew benchmarks. GOV.UK Frontend still comes from node_modules:
    # WHITENOISE_USE_FINDERS is on whatever DEBUG is.
    return {"AREASEND_DEBUG": "false", "AREASEND_SECRET_KEY": secrets.token_urlsafe(50)}


@contextmanager
def running_site(*, workers: int = 2, import_history: bool = True, debug: bool = False) -> Iterator[Site]:
    """Start a real server on a fresh, fully loaded database; stop it and drop the data at exit.

    The database is a new PostgreSQL database when DATABASE_URL names a PostgreSQL server (so CI
    exercises the production engine), otherwise a temporary SQLite file. The history is imported
    when `import_history` is set and the shared research files exist. `debug=True` serves with
    DEBUG on, as `runserver` does; by default the site is served as in production."""
    with tempfile.TemporaryDirectory(prefix="areasend-site-") as tmp:
        workdir = Path(tmp)
        with _fresh_database(workdir) as database_url:
            port = free_port()
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "areasend.settings",
                "DATABASE_URL": database_url,
                # `demo` refuses to run without DEBUG; serving turns it off (see _serving_env).
                "AREASEND_DEBUG": "true",
                "AREASEND_REQUIRE_2FA": "false",
                # Tests sign in with wrong passwords on purpose; lock-outs would make them flaky.
                "AREASEND_AXES_ENABLED": "false",
                "AREASEND_MEDIA_ROOT": str(workdir / "media"),
                "AREASEND_BASE_URL": f"http://127.0.0.1:{port}",
            }
            _set_up(env, import_history)
            _analyse(database_url)
            env = {**env, **_serving_env(debug)}
            log = workdir / "gunicorn.log"
            with log.open("wb") as log_file:
                server = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "areasend.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(workers),
                        "--threads",
                        "4",
                        "--worker-class",
                        "gthread",
                    ],
                    cwd=REPO,
                    env=env,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                )
            try:
                url = f"http://127.0.0.1:{port}"
                _wait_until_up(url, server, log)
                yield Site(url=url, env=env, log=log)
            finally:
                _stop(server)


if __name__ == "__main__":
    _run_set_up_commands(history=sys.argv[1:] == ["--history"])
