import Foundation
import Testing

@testable import Shared

/// How HTTP answers and transport failures become ``ExchangeError``s and retry decisions.
@Suite struct ExchangeErrorMappingTests {
    let policy = BinanceRetryPolicy(
        maxAttempts: 3, initialBackoff: .milliseconds(200), maxBackoff: .seconds(1), maxRetryAfter: .seconds(30))

    func failure(_ status: Int, _ body: String, headers: [String: String] = [:], endpoint: BinanceEndpoint = .newOrder)
        -> ExchangeError
    {
        BinanceRetryPolicy.failure(status: status, headers: headers, body: Array(body.utf8), endpoint: endpoint)
    }

    @Test func binanceRejectionCarriesCodeMessageAndStatus() {
        let error = failure(400, #"{"code":-2022,"msg":"ReduceOnly Order is rejected."}"#)
        #expect(error.code == .api)
        #expect(error.binanceCode == -2022)
        #expect(error.message == "ReduceOnly Order is rejected.")
        #expect(error.httpStatus == 400)
        #expect(error.endpoint == "POST /fapi/v1/order")
        #expect(error.isBinance(-2022))
        #expect(error.resultCode == "exchange_rejected:-2022")
        #expect(error.description.contains("-2022"))
        guard case .fail = policy.afterFailure(error, endpoint: .newOrder, attempt: 1) else {
            Issue.record("a rejection must not be retried")
            return
        }
    }

    @Test func invalidKeyIsHTTP401WithCode() {
        let error = failure(
            401, #"{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#, endpoint: .positionRisk)
        #expect(error.isBinance(-2015))
        #expect(error.httpStatus == 401)
    }

    @Test func rateLimitHonoursRetryAfter() {
        let error = failure(429, #"{"code":-1003,"msg":"Too many requests."}"#, headers: ["retry-after": "7"])
        #expect(error.code == .rateLimited)
        #expect(error.retryAfterSeconds == 7)
        guard case .retry(let delay, let reason) = policy.afterFailure(error, endpoint: .newOrder, attempt: 1) else {
            Issue.record("a 429 within the budget must be retried")
            return
        }
        #expect(delay == .seconds(7))
        #expect(reason == "rate_limit")
        guard case .fail(let final) = policy.afterFailure(error, endpoint: .newOrder, attempt: 3) else {
            Issue.record("retries are bounded")
            return
        }
        #expect(final.code == .rateLimited)
    }

    @Test func banLongerThanTheBudgetFailsAtOnce() {
        let error = failure(
            418, #"{"code":-1003,"msg":"Way too many requests; IP banned until 1712840265023."}"#,
            headers: ["retry-after": "120"])
        guard case .fail(let final) = policy.afterFailure(error, endpoint: .queryOrder, attempt: 1) else {
            Issue.record("a 2-minute ban is not waited for")
            return
        }
        #expect(final.retryAfterSeconds == 120)
        #expect(final.httpStatus == 418)
    }

    @Test func serverErrorOnNewOrderIsUnknownOutcomeAndNotRetried() {
        let error = failure(
            503, #"{"code":-1000,"msg":"Unknown error, please check your request or try again later."}"#)
        #expect(error.code == .unknownOutcome)
        guard case .fail = policy.afterFailure(error, endpoint: .newOrder, attempt: 1) else {
            Issue.record("an order with unknown outcome must never be resent")
            return
        }
    }

    @Test func serverErrorOnReadIsRetried() {
        let error = failure(502, "<html>bad gateway</html>", endpoint: .queryOrder)
        #expect(error.code == .transport)
        #expect(!error.message.contains("html"))
        guard case .retry(let delay, _) = policy.afterFailure(error, endpoint: .queryOrder, attempt: 1) else {
            Issue.record("a 5xx on a read is retried")
            return
        }
        #expect(delay == .milliseconds(200))
    }

    @Test func throttledOrderIsADefiniteFailureAndRetried() {
        let error = failure(503, #"{"code":-1008,"msg":"Request throttled by system-level protection."}"#)
        #expect(error.code == .api)
        guard case .retry = policy.afterFailure(error, endpoint: .newOrder, attempt: 1) else {
            Issue.record("-1008 is a sure failure and may be retried")
            return
        }
    }

    @Test func transportFailureBeforeSendingIsRetriedEvenForOrders() {
        let refused = HTTPError(
            code: .connectFailed, curlCode: 7, requestMayHaveBeenSent: false, message: "Couldn't connect to server")
        guard case .retry = policy.afterTransportError(refused, endpoint: .newOrder, attempt: 1) else {
            Issue.record("nothing was sent, so the order may be sent")
            return
        }
        guard case .fail(let final) = policy.afterTransportError(refused, endpoint: .newOrder, attempt: 3) else {
            Issue.record("bounded")
            return
        }
        #expect(final.code == .transport)
    }

    @Test func timeoutBeforeThePreTransferMarkIsStillUnknownForOrders() {
        let early = HTTPError(
            code: .timeout, curlCode: 28, requestMayHaveBeenSent: false, message: "Timeout was reached")
        guard case .fail(let error) = policy.afterTransportError(early, endpoint: .newOrder, attempt: 1) else {
            Issue.record("only a refused connection proves an order was not sent")
            return
        }
        #expect(error.code == .unknownOutcome)
    }

    @Test func timeoutAfterSendingAnOrderIsUnknownOutcome() {
        let timeout = HTTPError(
            code: .timeout, curlCode: 28, requestMayHaveBeenSent: true, message: "Timeout was reached")
        guard case .fail(let error) = policy.afterTransportError(timeout, endpoint: .newOrder, attempt: 1) else {
            Issue.record("must not resend")
            return
        }
        #expect(error.code == .unknownOutcome)
        #expect(error.resultCode == "unknown_outcome")
        guard case .retry = policy.afterTransportError(timeout, endpoint: .userTrades, attempt: 1) else {
            Issue.record("reads are retried")
            return
        }
    }

    @Test func backoffDoublesUpToTheCap() {
        #expect(policy.backoff(afterAttempt: 1) == .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 2) == .milliseconds(400))
        #expect(policy.backoff(afterAttempt: 3) == .milliseconds(800))
        #expect(policy.backoff(afterAttempt: 9) == .seconds(1))
    }

    @Test func secretNeverPrints() {
        let secret = APISecret("s3cr3t-value-XYZ")
        var dumped = ""
        dump(secret, to: &dumped)
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped] {
            #expect(!text.contains("s3cr3t"))
        }
        #expect(secret.withValue { $0 } == "s3cr3t-value-XYZ")
        let configuration = BinanceFuturesClient.Configuration(apiKey: "key-ABCDEFGH", apiSecret: secret)
        var dumpedConfiguration = ""
        dump(configuration, to: &dumpedConfiguration)
        for text in ["\(configuration)", String(reflecting: configuration), dumpedConfiguration] {
            #expect(!text.contains("s3cr3t"))
        }
        #expect(!"\(configuration)".contains("ABCDEFGH"))
        #expect(!dumpedConfiguration.contains("ABCDEFGH"))
    }
}
