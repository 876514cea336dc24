import Foundation
import Shared

/// Checks the API key, the HMAC-SHA256 signature and the timestamp window as Binance does
/// (`-2015` with HTTP 401, `-1022`, `-1021`), and the admin token of `/admin/` calls.
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
    /// Redacted in every description (the service and its parts are logged at debug level).
    let apiSecret: APISecret
    let defaultRecvWindow: Int64
    /// The token `/admin/` calls must send in `X-Admin-Token` (nil: the admin API is not served).
    let adminToken: APISecret?

    /// The admin token header (compared in constant time; its value is never logged).
    func verifyAdmin(_ presented: String?) throws(ExchangeRejection) {
        guard let adminToken, !adminToken.isEmpty, let presented,
            adminToken.withValue({ Digest.constantTimeEquals(presented, $0) })
        else {
            throw .adminUnauthorized
        }
    }

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
        let expected = apiSecret.withValue { Digest.hmacSHA256Hex(key: $0, message: parameters.signedPayload) }
        guard Digest.constantTimeEquals(expected, signature.lowercased()) else { throw .invalidSignature }
        guard let timestamp = try parameters.int64("timestamp") else { throw .mandatory("timestamp") }
        let window = try parameters.int64("recvWindow") ?? defaultRecvWindow
        guard timestamp < max(realNow, simulatedNow) + 1000 else { throw .timestampAhead }
        guard min(realNow, simulatedNow) - timestamp <= window else { throw .timestampOutsideWindow }
    }
}
