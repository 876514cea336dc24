import Foundation
import Shared

/// Checks the API key, the HMAC-SHA256 signature and the timestamp window as Binance does
/// (`-2015` with HTTP 401, `-1022`, `-1021`).
///
/// - Important: `GET /fapi/v1/time` reports the simulated clock, which runs ahead of real time
///   with `--speed` > 1 or after `/admin/advance`. Clients sign either with real time or with
///   real time plus an offset measured once from `/time` (the Swift client, ccxt's
///   `adjustForTimeDifference`); either way their timestamp lies between real and simulated
///   now. So the window is Binance's rule stretched over that gap: accepted when
///   `min(real, sim) − recvWindow ≤ timestamp < max(real, sim) + 1000`. At speed 1 with no
///   advance both clocks agree and this is exactly Binance's rule.
struct RequestAuthenticator: Sendable {
    let apiKey: String
    let apiSecret: String
    let defaultRecvWindow: Int64

    /// Only the key header (USER_STREAM / MARKET_DATA security).
    func verifyKey(_ parameters: RequestParameters) throws(ExchangeRejection) {
        guard let key = parameters.apiKey, Digest.constantTimeEquals(key, apiKey) else { throw .invalidKey }
    }

    /// Key, signature and timestamp (TRADE / USER_DATA security).
    func verifySigned(_ parameters: RequestParameters, simulatedNow: Int64, realNow: Int64 = SimulatedClock.realNow())
        throws(ExchangeRejection)
    {
        try verifyKey(parameters)
        guard let signature = parameters.signature else { throw .mandatory("signature") }
        let expected = Digest.hmacSHA256Hex(key: apiSecret, message: parameters.signedPayload)
        guard Digest.constantTimeEquals(expected, signature.lowercased()) else { throw .invalidSignature }
        guard let timestamp = try parameters.int64("timestamp") else { throw .mandatory("timestamp") }
        let window = try parameters.int64("recvWindow") ?? defaultRecvWindow
        guard timestamp < max(realNow, simulatedNow) + 1000 else { throw .timestampAhead }
        guard min(realNow, simulatedNow) - timestamp <= window else { throw .timestampOutsideWindow }
    }
}
