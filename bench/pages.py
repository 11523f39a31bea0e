"""Page latency with the full national history loaded (DESIGN.md, Measures: p95 <= 150 ms and
<= 1.5x the trivial page's p95, for the national overview, an area page, the statistics page and
a live inspection page, on SQLite and on PostgreSQL).

Starts a throwaway gunicorn site (areasend.testing.running_site), signs in as the demo planner,
then for each page sends requests from concurrent clients (threads, one keep-alive connection
each) until a request count or a time limit is reached, and prints p50/p95/max latency and
throughput beside a trivial page measured the same way in the same run. The pages take turns:
each round measures every page once (the trivial page first), and each page's figures pool its
rounds, so a change in the machine's load during the run weighs on every page alike.

    .venv/bin/python bench/pages.py [--workers 2] [--clients 16] [--requests 1200] [--rounds 4]
        [--seconds 60] [--database-url sqlite] [--database-url postgres://USER@HOST:PORT/DB]
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from areasend.testing import running_site

TARGET_P95_MS = 150.0
TARGET_RATIO = 1.5  # p95 at most 1.5x the trivial page's p95 in the same run
BASELINE = ("trivial page (baseline)", "/accessibility/")
PAGES = [
    ("national overview", "/overview/"),
    ("area page (Bedford)", "/areas/E06000055/"),
    ("statistics", "/statistics/"),
]
PASSWORD = "demo-password-not-for-production"  # noqa: S105 - the local demo's published password


@dataclass
class Result:
    name: str
    path: str
    first_ms: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    def percentile(self, p: float) -> float:
        # Nearest-rank: the smallest latency that at least p% of requests did not exceed.
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0


def sign_in(host: str, port: int, username: str) -> str:
    """The Cookie header of a signed-in session: GET the form for the CSRF token, POST it."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None or "csrftoken" not in cookies:
        raise RuntimeError("no CSRF token on the sign-in page")
    body = urlencode(
        {
            "csrfmiddlewaretoken": match.group(1),
            "username": username,
            "password": PASSWORD,
            "next": "/",
        }
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            "Origin": f"http://{host}:{port}",
            "Referer": f"http://{host}:{port}/accounts/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    conn.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"sign-in as {username} failed: HTTP {response.status}")
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())


def fetch(conn: http.client.HTTPConnection, path: str, cookie: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    return response.status, response.read()


def first_request(host: str, port: int, cookie: str, name: str, path: str, args: argparse.Namespace) -> Result:
    """The page's first request (timed: it builds what the page caches), then untimed warm-up."""
    warm = http.client.HTTPConnection(host, port, timeout=30)
    started = time.perf_counter()
    status, body = fetch(warm, path, cookie)
    result = Result(name, path, first_ms=(time.perf_counter() - started) * 1000)
    if status != 200 or b"Signed in as planner" not in body:
        raise RuntimeError(f"{path} did not render for the planner: HTTP {status}")
    for _ in range(args.warmup):  # untimed: every worker process gets its imports and caches
        fetch(warm, path, cookie)
    warm.close()
    return result


def measure(host: str, port: int, cookie: str, result: Result, requests: int, args: argparse.Namespace) -> None:
    """One round of `requests` timed requests for the page, added to `result`."""
    path = result.path
    tickets = iter(range(requests))
    lock = threading.Lock()
    deadline = time.perf_counter() + args.seconds / args.rounds

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                if next(tickets, None) is None:
                    break
            t0 = time.perf_counter()
            try:
                status, _ = fetch(conn, path, cookie)
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
                with lock:
                    result.errors.append(repr(exc))
                continue
            elapsed_ms = (time.perf_counter() - t0) * 1000
            with lock:
                if status == 200:
                    result.latencies_ms.append(elapsed_ms)
                else:
                    result.errors.append(f"HTTP {status}")
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    t_start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall_s += time.perf_counter() - t_start


def report(results: list[Result], args: argparse.Namespace) -> bool:
    baseline = results[0]
    header = (
        f"{'page':<24} {'path':<20} {'n':>5} {'err':>4} {'req/s':>7} {'first':>7} "
        f"{'p50':>7} {'p95':>7} {'max':>7} {'p95/base':>8}  target p95<={TARGET_P95_MS:.0f}ms "
        f"and <={TARGET_RATIO}x base"
    )
    print(header)
    print("-" * len(header))
    all_pass = True
    for r in results:
        if not r.latencies_ms:
            print(f"{r.name:<24} {r.path:<20} no successful requests; errors: {r.errors[:3]}")
            all_pass = False
            continue
        p95 = r.percentile(95)
        ratio = p95 / baseline.percentile(95) if baseline.latencies_ms else float("nan")
        if r is baseline:
            verdict, ratio_text = "(baseline)", "1.00"
        else:
            ok = p95 <= TARGET_P95_MS and ratio <= TARGET_RATIO and not r.errors
            all_pass &= ok
            verdict, ratio_text = ("PASS" if ok else "FAIL"), f"{ratio:.2f}"
        print(
            f"{r.name:<24} {r.path:<20} {len(r.latencies_ms):>5} {len(r.errors):>4} "
            f"{r.throughput:>7.1f} {r.first_ms:>7.1f} {r.percentile(50):>7.1f} {p95:>7.1f} "
            f"{max(r.latencies_ms):>7.1f} {ratio_text:>8}  {verdict}"
        )
    print("Latencies in ms, measured by the client (request sent to body read) over loopback;")
    print(f"'first' is each page's first request before {args.warmup} untimed warm-up requests.")
    return all_pass


def live_inspection_path(host: str, port: int, cookie: str) -> str:
    """The first live inspection the planner's list links to (the demo has one in fieldwork)."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    status, body = fetch(conn, "/inspections/", cookie)
    conn.close()
    match = re.search(rb'href="(/inspections/[0-9]+/)"', body)
    if status != 200 or match is None:
        raise RuntimeError(f"no live inspection listed for the planner: HTTP {status}")
    return match.group(1).decode()


def run(database_url: str, args: argparse.Namespace) -> bool:
    """One whole run against a fresh site on `database_url` ("sqlite": the embedded default)."""
    previous = os.environ.get("DATABASE_URL")
    if database_url == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = database_url
    try:
        return _run_site(args)
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous


def _run_site(args: argparse.Namespace) -> bool:
    set_up = time.perf_counter()
    with running_site(workers=args.workers) as site:
        parts = urlsplit(site.url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        print(
            f"areasend page benchmark: gunicorn {args.workers} workers x 4 threads (gthread), "
            f"DEBUG off, {site.env['DATABASE_URL'].split(':', 1)[0]} database, "
            f"set-up {time.perf_counter() - set_up:.1f} s; {args.clients} clients, "
            f"up to {args.requests} requests or {args.seconds:.0f} s per page in {args.rounds} rounds; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before"
        )
        cookie = sign_in(host, port, "planner")
        pages = [BASELINE, *PAGES, ("live inspection", live_inspection_path(host, port, cookie))]
        results = [first_request(host, port, cookie, name, path, args) for name, path in pages]
        for _ in range(args.rounds):
            for result in results:
                measure(host, port, cookie, result, args.requests // args.rounds, args)
        print(f"load average {os.getloadavg()[0]:.2f} after\n")
        return report(results, args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=1200, help="timed requests per page")
    parser.add_argument("--rounds", type=int, default=4, help="turns the pages take (requests split evenly)")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit per page")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per page")
    parser.add_argument("--database-url", action="append", dest="databases",
                        help='"sqlite" (the default) or a PostgreSQL server URL; repeat for both')
    args = parser.parse_args()
    all_pass = True
    for database_url in args.databases or ["sqlite"]:
        all_pass &= run(database_url, args)
        print()
    print("\nRESULT:", "PASS" if all_pass else "FAIL")
    return 0 if all_pass else 1


if __name__ == "__main__":
    raise SystemExit(main())
