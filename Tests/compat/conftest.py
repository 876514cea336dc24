"""Shared fixtures of the compatibility suite: a running paperexchange and real clients aimed at it.

The suite drives a real `paperexchange` binary with the unmodified third-party clients desks
already use (ccxt's `binanceusdm`, ccxt's `binance` configured as Freqtrade configures it, and
Binance's own `binance-futures-connector`). Only the base URL (and, for ccxt, the settings
docs/paper-trading.md lists) differs from a real Binance set-up.

The binary is `$QT_BIN_DIR/paperexchange` (ops/compat-test exports `swift build --show-bin-path`);
`$COMPAT_EXCHANGE_ARGS` adds flags to its command line (e.g. `--log-level debug`).
Each test module gets its own exchange (`run --port 0 --admin`, with a fresh admin token in
`PAPER_ADMIN_TOKEN` that every admin call sends as `X-Admin-Token`); every test starts from a reset
account and a pinned BTCUSDT mark, so tests do not depend on each other's order.
"""

from __future__ import annotations

import json
import os
import queue
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

import pytest

API_KEY = "compat-key"
API_SECRET = "compat-secret-0123456789"
SYMBOLS = "BTCUSDT,ETHUSDT,SOLUSDT"
#: The BTCUSDT mark every test starts from (set through the admin API).
BTC_MARK = 50_000
LISTENING_PREFIX = "paperexchange listening on "


@dataclass
class PaperExchange:
    """A running paperexchange process and its admin API."""

    process: subprocess.Popen
    base_url: str
    log_path: str
    api_key: str = API_KEY
    api_secret: str = API_SECRET
    admin_token: str = ""
    symbols: list[str] = field(default_factory=lambda: SYMBOLS.split(","))

    def admin(self, method: str, path: str, **params) -> object:
        """Calls `/admin/<path>` with `params` in the query string and returns the decoded JSON."""
        query = urllib.parse.urlencode(params)
        url = f"{self.base_url}/admin/{path}" + (f"?{query}" if query else "")
        request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None,
                                         headers={"X-Admin-Token": self.admin_token})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def reset(self) -> None:
        """Wipes the account back to the starting balance."""
        self.admin("POST", "reset")

    def set_price(self, symbol: str, price: float) -> float:
        """Sets `symbol`'s mark now (open stops are checked against it at once)."""
        return float(self.admin("POST", "price", symbol=symbol, price=str(price))["markPrice"])

    def advance(self, seconds: int) -> int:
        """Moves the simulated clock forward (funding settles every 8 simulated hours)."""
        return int(self.admin("POST", "advance", seconds=str(seconds))["time"])

    def log_tail(self, lines: int = 40) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                return "".join(handle.readlines()[-lines:])
        except OSError:
            return ""


def _binary() -> str:
    directory = os.environ.get("QT_BIN_DIR", "")
    candidates = [os.path.join(directory, "paperexchange")] if directory else []
    here = os.path.dirname(os.path.abspath(__file__))
    candidates.append(os.path.join(here, "..", "..", ".build", "debug", "paperexchange"))
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    pytest.exit(f"paperexchange binary not found in {candidates}; set QT_BIN_DIR", returncode=2)


def _launch() -> PaperExchange:
    log = tempfile.NamedTemporaryFile(prefix="paperexchange-compat-", suffix=".log", delete=False)
    admin_token = f"compat-admin-{uuid.uuid4()}"
    process = subprocess.Popen(
        [_binary(), "run", "--port", "0", "--admin", "--api-key", API_KEY, "--api-secret", API_SECRET,
         "--symbols", SYMBOLS, *shlex.split(os.environ.get("COMPAT_EXCHANGE_ARGS", ""))],
        stdout=subprocess.PIPE, stderr=log, text=True, env={**os.environ, "PAPER_ADMIN_TOKEN": admin_token})
    log.close()  # the child holds its own descriptor
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=60).strip()
    except queue.Empty:
        line = ""
    if not line.startswith(LISTENING_PREFIX):
        process.kill()
        process.wait()
        with open(log.name, encoding="utf-8", errors="replace") as handle:
            raise RuntimeError(f"paperexchange did not start (first line {line!r}); log:\n{handle.read()}")
    return PaperExchange(process=process, base_url=line[len(LISTENING_PREFIX):], log_path=log.name,
                         admin_token=admin_token)


def _stop(exchange: PaperExchange) -> None:
    exchange.process.terminate()
    try:
        exchange.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        exchange.process.kill()
        exchange.process.wait()
    exchange.process.stdout.close()


@pytest.fixture(scope="module")
def exchange(request):
    """A paperexchange of this module's own, stopped (SIGTERM) when the module is done."""
    running = _launch()
    failed_before = request.session.testsfailed
    yield running
    _stop(running)
    if request.session.testsfailed > failed_before:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        text = f"--- paperexchange log of {request.module.__name__} ({running.log_path}), last lines ---\n"
        text += running.log_tail()
        if reporter is not None:
            reporter.write_line("")
            reporter.write_line(text)
        else:
            sys.stderr.write(text + "\n")
    else:
        os.unlink(running.log_path)


@pytest.fixture(autouse=True)
def fresh_account(request):
    """Every test that uses the exchange starts from a reset account and BTCUSDT at BTC_MARK."""
    if "exchange" in request.fixturenames:
        exchange = request.getfixturevalue("exchange")
        exchange.reset()
        exchange.set_price("BTCUSDT", BTC_MARK)
    yield


def client_id(prefix: str = "compat") -> str:
    """A fresh client order id in Binance's alphabet (at most 36 characters)."""
    return f"{prefix}-{uuid.uuid4().hex[:20]}"


class RequestLog:
    """Every (method, path, status) a client's `requests.Session` saw, recorded by a response hook.

    The hook only observes: the client sends and reads exactly what it would without it.
    """

    def __init__(self, session) -> None:
        self.calls: list[tuple[str, str, int]] = []
        session.hooks.setdefault("response", []).append(self._record)

    def _record(self, response, *args, **kwargs):
        parts = urllib.parse.urlsplit(response.request.url)
        self.calls.append((response.request.method, parts.path, response.status_code))

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.calls]

    def clear(self) -> None:
        self.calls.clear()


def moved_ccxt_urls(exchange_class, base_url: str) -> dict[str, str]:
    """Every `urls['api']` entry of a ccxt class moved onto `base_url`, keeping its path.

    Moving all of them (not only the fapi* ones) makes a stray call show up as a 404 on the
    paper exchange instead of reaching the real Binance.
    """
    moved = {}
    for name, url in exchange_class().urls["api"].items():
        moved[name] = base_url + urllib.parse.urlsplit(url).path
    return moved


def now_ms() -> int:
    return int(time.time() * 1000)


def make_ccxt(exchange_class, exchange: PaperExchange, *, api_key: str | None = None, secret: str | None = None,
              extra_options: dict | None = None):
    """A ccxt instance aimed at `exchange` with the settings docs/paper-trading.md prescribes.

    - every `urls['api']` entry moved onto the paper exchange;
    - `options.fetchCurrencies = False` (otherwise load_markets calls /sapi/v1/capital/config/getall);
    - `options.fetchMarkets = {'types': ['linear']}` (needed by ccxt.binance; binanceusdm has it);
    - `enableRateLimit = False` only to keep the suite fast (ccxt's limiter is client-side).
    """
    options = {"fetchCurrencies": False, "fetchMarkets": {"types": ["linear"]}}
    options.update(extra_options or {})
    client = exchange_class({
        "apiKey": exchange.api_key if api_key is None else api_key,
        "secret": exchange.api_secret if secret is None else secret,
        "timeout": 10_000,
        "enableRateLimit": False,
        "urls": {"api": moved_ccxt_urls(exchange_class, exchange.base_url)},
        "options": options,
    })
    client.request_log = RequestLog(client.session)
    return client
