"""Starting, probing and stopping the servers under test: gunicorn instances and nginx, loopback only.

Every process started here is remembered and stopped by its own pid (SIGTERM, then SIGKILL after a timeout).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LOG_FORMAT = "%(m)s %(U)s %(s)s %(D)s %(B)s"  # method, path, status, microseconds, response bytes
READY_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # 127.0.0.1 only
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


@dataclass
class Gunicorn:
    """One gunicorn instance of an app (sync workers) on 127.0.0.1:port."""

    name: str
    app: str  # module:variable
    chdir: Path
    health: str  # path whose first 200 ends the cold start
    workers: int = 2
    preload: bool = False
    port: int = field(default_factory=free_port)
    logdir: Path = BENCH / ".cache" / "logs"
    proc: subprocess.Popen | None = None
    cold_start_s: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.logdir / f"{self.name}-{self.port}.access.log"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "gunicorn", self.app, "--chdir", str(self.chdir), "--workers", str(self.workers),
               "--bind", f"127.0.0.1:{self.port}", "--no-control-socket",
               "--access-logfile", str(self.access_log), "--access-logformat", LOG_FORMAT,
               "--error-logfile", str(self.logdir / f"{self.name}-{self.port}.error.log")]
        return [*cmd, "--preload"] if self.preload else cmd

    def start(self) -> float:
        """Starts the instance and returns the cold start: process start -> first 200 on the health path."""
        self.logdir.mkdir(parents=True, exist_ok=True)
        self.access_log.unlink(missing_ok=True)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        started = time.monotonic()
        self.proc = subprocess.Popen(self.command(), cwd=str(self.chdir), env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        end = started + READY_TIMEOUT
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.logdir}")
            if get(self.url + self.health, timeout=2) == 200:
                self.cold_start_s = time.monotonic() - started
                return self.cold_start_s
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer 200 on {self.health} within {READY_TIMEOUT} s")

    def wait_drained(self, timeout: float = 120.0) -> float:
        """After a load run: sync workers still answer the requests queued in the listen backlog even when
        their client gave up, so the next measurement waits until the health path answers fast again."""
        started = time.monotonic()
        fast = 0
        while time.monotonic() - started < timeout and fast < 3:
            t0 = time.monotonic()
            ok = get(self.url + self.health, timeout=30) == 200
            fast = fast + 1 if ok and time.monotonic() - t0 < 0.1 else 0
            time.sleep(0.2)
        return time.monotonic() - started

    def workers_ps(self) -> list[psutil.Process]:
        if not self.proc:
            return []
        try:
            return psutil.Process(self.proc.pid).children()
        except psutil.NoSuchProcess:
            return []

    def memory(self) -> dict:
        """RSS (what the issue asks), USS (memory only this worker holds) and PSS of each worker, in MB."""
        rows = []
        for worker in self.workers_ps():
            try:
                info = worker.memory_full_info()
            except psutil.Error:
                continue
            rows.append({"pid": worker.pid, "rss_mb": info.rss / 2**20, "uss_mb": info.uss / 2**20,
                         "pss_mb": getattr(info, "pss", 0) / 2**20})
        master = psutil.Process(self.proc.pid).memory_info().rss / 2**20 if self.proc else None
        return {"workers": rows, "master_rss_mb": master,
                "max_worker_rss_mb": max((r["rss_mb"] for r in rows), default=None),
                "max_worker_uss_mb": max((r["uss_mb"] for r in rows), default=None)}

    def stop(self) -> None:
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            for worker in self.workers_ps():
                worker.kill()
            self.proc.kill()
            self.proc.wait(timeout=5)


# ------------------------------------------------------------------------------------------------------------
# nginx in front of several instances, from deploy/nginx.conf, in a private prefix (no system files touched)
# ------------------------------------------------------------------------------------------------------------

NGINX_SITE = ROOT / "deploy" / "nginx.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def ensure_nginx(install: bool) -> str | None:
    """The nginx binary; with install=True and root, installs Debian's package first (apt-get)."""
    found = nginx_binary()
    if found or not install:
        return found
    if os.geteuid() != 0:
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=False, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    if not nginx_binary():
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=False, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Debian's package starts a system nginx on port 80; the bench never uses it (its own runs on a free port)
    return nginx_binary()


def site_config(listen: int, upstreams: list[int], prefix: Path) -> str:
    """deploy/nginx.conf as the bench runs it: its listen port, upstream ports and /var paths rewritten."""
    text = NGINX_SITE.read_text(encoding="utf-8")
    text = re.sub(r"listen\s+[\d.:]+;", f"listen 127.0.0.1:{listen};", text)
    servers = "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams)
    text = re.sub(r"(upstream lsgdash \{\n)(?:\s*server [^\n]*\n)+", lambda m: m.group(1) + servers, text)
    text = text.replace("/var/cache/nginx/lsgdash", f"{prefix}/tmp/cache")
    return text.replace("/var/log/nginx/lsgdash-upstream.log", f"{prefix}/logs/upstream.log")


@dataclass
class Nginx:
    upstreams: list[int]
    port: int = field(default_factory=free_port)
    prefix: Path = BENCH / ".cache" / "nginx"
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, binary: str) -> None:
        if self.prefix.exists():
            shutil.rmtree(self.prefix)
        for sub in ("logs", "tmp/body", "tmp/proxy", "tmp/cache"):
            (self.prefix / sub).mkdir(parents=True)
        if os.geteuid() == 0:  # workers run as an unprivileged user and must write their temp files
            for path in [self.prefix, *self.prefix.rglob("*")]:
                path.chmod(0o777 if path.is_dir() else 0o666)
        (self.prefix / "lsgdash.conf").write_text(site_config(self.port, self.upstreams, self.prefix),
                                                  encoding="utf-8")
        main = f"""# generated by bench/servers.py: a private nginx for the bench (no system paths)
daemon off;
worker_processes 1;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/logs/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {self.prefix}/tmp/body;
    proxy_temp_path {self.prefix}/tmp/proxy;
    fastcgi_temp_path {self.prefix}/tmp/body;
    uwsgi_temp_path {self.prefix}/tmp/body;
    scgi_temp_path {self.prefix}/tmp/body;
    types {{ text/html html; text/css css; application/javascript js; application/json json; }}
    include {self.prefix}/lsgdash.conf;
}}
"""
        conf = self.prefix / "nginx.conf"
        conf.write_text(main, encoding="utf-8")
        test = subprocess.run([binary, "-t", "-p", str(self.prefix), "-c", str(conf)], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed: {test.stderr}")
        self.proc = subprocess.Popen([binary, "-p", str(self.prefix), "-c", str(conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        end = time.monotonic() + 20
        while time.monotonic() < end:
            if get(self.url + "/health", timeout=2) == 200:
                return
            time.sleep(0.05)
        raise RuntimeError("nginx did not come up")

    def upstream_counts(self) -> dict[str, int]:
        """Requests per upstream, from the access log's upstream field (see log_format in the site file)."""
        counts: dict[str, int] = {}
        log = self.prefix / "logs" / "upstream.log"
        if log.exists():
            for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
                addr = line.split(" ", 1)[0]
                addr = "nginx cache (no upstream)" if addr == "-" else addr
                counts[addr] = counts.get(addr, 0) + 1
        return counts

    def stop(self) -> None:
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGQUIT)  # graceful
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
