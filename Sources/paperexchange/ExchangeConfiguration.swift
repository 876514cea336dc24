import Foundation
import Shared

/// Everything `paperexchange run` can be told; built from its flags and environment.
///
/// - Important: the secret and the admin token are ``APISecret``s, redacted wherever the
///   configuration is described (ServiceLifecycle logs its services at debug level).
struct ExchangeConfiguration: Sendable {
    var host: String = "127.0.0.1"
    var port: UInt16 = 8089
    var apiKey: String = "paper-key"
    var apiSecret = APISecret("paper-secret")
    var symbols: [SymbolSpec] = SymbolSpec.catalogue
    var seed: UInt64 = 42
    /// Simulated seconds per real second.
    var speed: Double = 1
    /// Taker fee in basis points of the notional.
    var feeBps: Decimal = 4
    /// Maker fee in basis points (LIMIT orders that rested before filling).
    var makerFeeBps: Decimal = 2
    /// Slippage against the mark in basis points (BUY pays more, SELL gets less).
    var slippageBps: Decimal = 1
    var startingBalance: Decimal = 10_000
    /// Closed one-minute candles generated before the start.
    var historyMinutes: Int = 1500
    var stateFile: String?
    /// Least time between two writes of the state file while the account changes
    /// (`--state-interval-ms`); zero writes it after every change.
    var stateSaveInterval: Duration = .seconds(1)
    /// Klines files replayed instead of the price process, by symbol (`--replay SYMBOL=FILE`).
    var replays: [String: KlineReplay] = [:]
    var adminEnabled: Bool = false
    /// The token every `/admin/` call must send in `X-Admin-Token` (required with `adminEnabled`).
    var adminToken: APISecret?
    /// Default recvWindow when a request gives none (Binance: 5000 ms).
    var defaultRecvWindow: Int64 = 5000
}
