/// Binance error codes the client and its callers act on (reference §3.5).
package enum BinanceErrorCode {
    package static let tooManyRequests = -1003
    package static let throttled = -1008
    package static let invalidTimestamp = -1021
    package static let invalidSignature = -1022
    package static let noSuchOrder = -2013
    package static let cancelRejected = -2011
    package static let rejectedAPIKey = -2015
    package static let reduceOnlyRejected = -2022
    package static let duplicateClientOrderID = -4116
    package static let minNotional = -4164
}
