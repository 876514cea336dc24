"""ccxt's `binance` class configured as Freqtrade configures it for futures, against paperexchange.

Freqtrade instantiates `ccxt.binance` (sync for trading, `ccxt.async_support` for markets and
candles) with `options.defaultType = 'swap'` and merges the user's `exchange.ccxt_config` into
it. The user's part is what docs/paper-trading.md prescribes: every `urls['api']` entry moved,
`options.fetchMarkets = {'types': ['linear']}` and `options.fetchCurrencies = False`. The calls
below are the ones Freqtrade makes in futures mode (shared/reference/binance-clients.md §6).
"""

import asyncio
import json
import os
import re

import ccxt
import ccxt.async_support as ccxt_async
import pytest

from conftest import BTC_MARK, RequestLog, client_id, make_ccxt, moved_ccxt_urls

SYMBOL = "BTC/USDT:USDT"


@pytest.fixture
def client(exchange):
    return make_ccxt(ccxt.binance, exchange, extra_options={"defaultType": "swap"})


def test_load_markets_lists_only_linear_swaps(client):
    markets = client.load_markets()
    assert client.request_log.calls == [("GET", "/fapi/v1/exchangeInfo", 200)]
    assert SYMBOL in markets
    assert all(market["type"] == "swap" and market["linear"] for market in markets.values())
    assert markets[SYMBOL]["active"] is True
    assert markets[SYMBOL]["limits"]["cost"]["min"] == pytest.approx(100)


def deep_merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = deep_merge(merged[key], value)
        merged[key] = value
    return merged


def test_the_documented_freqtrade_config_works(exchange):
    """The JSON config in docs/paper-trading.md, merged the way Freqtrade merges it."""
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "paper-trading.md")
    with open(doc, encoding="utf-8") as handle:
        config = json.loads(re.search(r"```json\n(.*?)```", handle.read(), re.S).group(1))
    settings = config["exchange"]
    assert config["trading_mode"] == "futures" and config["dry_run"] is False
    assert settings["enable_ws"] is False
    ccxt_config = json.loads(json.dumps(settings["ccxt_config"]).replace("http://127.0.0.1:8089", exchange.base_url))
    merged = deep_merge({"options": {"defaultType": "swap"}}, ccxt_config)
    client = ccxt.binance({
        "apiKey": exchange.api_key, "secret": exchange.api_secret, "enableRateLimit": False, **merged})
    log = RequestLog(client.session)
    markets = client.load_markets()
    assert all(pair in markets for pair in settings["pair_whitelist"])
    assert client.fetch_balance()["USDT"]["total"] == pytest.approx(10_000)
    assert log.calls == [("GET", "/fapi/v1/exchangeInfo", 200), ("GET", "/fapi/v3/account", 200)]


def test_startup_checks_of_freqtrade(client):
    # Binance.additional_exchange_init refuses to start unless both are false.
    assert client.fapiPrivateGetPositionSideDual()["dualSidePosition"] is False
    assert client.fapiPrivateGetMultiAssetsMargin()["multiAssetsMargin"] is False
    tiers = client.fetch_leverage_tiers()
    assert SYMBOL in tiers
    assert tiers[SYMBOL][0]["maxLeverage"] == pytest.approx(125)
    assert tiers[SYMBOL][0]["maintenanceMarginRate"] > 0


def test_margin_mode_isolated_and_already_set(client):
    client.load_markets()
    client.set_margin_mode("isolated", SYMBOL)
    with pytest.raises(ccxt.MarginModeAlreadySet):
        client.set_margin_mode("isolated", SYMBOL)
    client.create_order(SYMBOL, "market", "buy", 0.01)
    [position] = client.fetch_positions([SYMBOL], {"useV2": True})
    assert position["marginMode"] == "isolated"


def test_trade_cycle_as_freqtrade_runs_it(client):
    client.load_markets()
    assert int(client.set_leverage(3, SYMBOL)["leverage"]) == 3
    balance = client.fetch_balance()
    assert balance["USDT"]["free"] == pytest.approx(10_000)

    since = client.milliseconds() - 5_000
    entry = client.create_order(SYMBOL, "market", "buy", 0.01)
    assert entry["clientOrderId"].startswith("x-cvBPrNm9")
    assert entry["status"] == "closed"
    fetched = client.fetch_order(entry["id"], SYMBOL)
    assert fetched["status"] == "closed" and fetched["filled"] == pytest.approx(0.01)
    trades = client.fetch_my_trades(SYMBOL, since)
    assert [trade["order"] for trade in trades] == [entry["id"]]
    assert trades[0]["fee"]["cost"] > 0

    [position] = client.fetch_positions([SYMBOL])
    assert position["side"] == "long" and position["contracts"] == pytest.approx(0.01)
    assert client.fetch_balance()["USDT"]["used"] > 0

    exit_order = client.create_order(SYMBOL, "market", "sell", 0.01, None, {"reduceOnly": True})
    assert exit_order["status"] == "closed"
    assert client.fetch_positions([SYMBOL]) == []
    assert client.fetch_open_orders(SYMBOL) == []


def test_stoploss_on_exchange_goes_to_the_algo_endpoints(client):
    client.load_markets()
    client.create_order(SYMBOL, "market", "buy", 0.01, None, {"clientOrderId": client_id("entry")})
    # Freqtrade's stoploss call.
    stop = client.create_order(SYMBOL, "stop_market", "sell", 0.01, None, {
        "stopPrice": 45_000, "reduceOnly": True, "workingType": "MARK_PRICE"})
    assert ("POST", "/fapi/v1/algoOrder", 200) in client.request_log.calls
    assert stop["status"] == "open"
    assert client.fetch_order(stop["id"], SYMBOL, {"trigger": True})["triggerPrice"] == pytest.approx(45_000)
    # A Freqtrade that fetches stops without the trigger flag gets OrderNotFound, as on Binance.
    with pytest.raises(ccxt.OrderNotFound):
        client.fetch_order(stop["id"], SYMBOL)
    assert client.cancel_order(stop["id"], SYMBOL, {"trigger": True})["status"] == "canceled"


def test_pricing_and_candles(client, exchange):
    client.load_markets()
    tickers = client.fetch_tickers([SYMBOL])
    assert tickers[SYMBOL]["last"] == pytest.approx(BTC_MARK, rel=0.01)
    bids_asks = client.fetch_bids_asks([SYMBOL])
    assert bids_asks[SYMBOL]["bid"] < bids_asks[SYMBOL]["ask"]
    book = client.fetch_l2_order_book(SYMBOL, 20)
    assert len(book["bids"]) == 20
    candles = client.fetch_ohlcv(SYMBOL, "5m", limit=12)
    assert len(candles) == 12
    assert all(b[0] - a[0] == 300_000 for a, b in zip(candles, candles[1:]))
    mark_candles = client.fetch_ohlcv(SYMBOL, "1h", limit=4, params={"price": "mark"})
    assert len(mark_candles) == 4
    funding = client.fetch_funding_rate_history(SYMBOL, limit=5)
    assert len(funding) == 5 and funding[0]["fundingRate"] is not None


def test_async_markets_and_candles_as_freqtrade_loads_them(exchange):
    """Freqtrade loads markets and candles through ccxt.async_support (aiohttp)."""

    async def scenario():
        client = ccxt_async.binance({
            "apiKey": exchange.api_key, "secret": exchange.api_secret, "enableRateLimit": False,
            "urls": {"api": moved_ccxt_urls(ccxt.binance, exchange.base_url)},
            "options": {"defaultType": "swap", "fetchMarkets": {"types": ["linear"]}, "fetchCurrencies": False},
        })
        try:
            markets = await client.load_markets()
            candles = await client.fetch_ohlcv(SYMBOL, "1m", limit=30)
            balance = await client.fetch_balance()
            return markets, candles, balance
        finally:
            await client.close()

    markets, candles, balance = asyncio.run(scenario())
    assert markets[SYMBOL]["active"] is True
    assert len(candles) == 30
    assert balance["USDT"]["total"] == pytest.approx(10_000)


def test_funding_fees_as_freqtrade_reads_them(client, exchange):
    """Last in the module: it moves the simulated clock 8 hours ahead."""
    client.load_markets()
    since = client.milliseconds() - 60_000
    client.create_order(SYMBOL, "market", "sell", 0.01)
    exchange.advance(8 * 3600)
    fees = client.fetch_funding_history(SYMBOL, since)
    assert len(fees) >= 1
    assert ("GET", "/fapi/v1/income", 200) in client.request_log.calls
    assert all(path.startswith("/fapi/") for path in client.request_log.paths())
