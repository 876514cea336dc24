import Logging
import Metrics
import Shared

/// The one HTTP responder: injects faults, reads parameters, checks the key, signature and
/// timestamp (or the admin token), runs the endpoint and writes Binance's JSON answer or error body.
struct ExchangeHTTPHandler: Sendable {
    let routes: ExchangeRoutes
    let authenticator: RequestAuthenticator
    let engine: ExchangeEngine
    let faults: FaultInjector
    let meter = RequestMeter()
    let logger: Logger

    func handleRequest(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let method = request.method
        let path = request.path
        if method == "GET" && path == "/metrics" {
            return HTTPServerResponse(
                headers: [("Content-Type", "text/plain; version=0.0.4")], body: PrometheusExport.render())
        }
        guard let endpoint = routes.endpoint(method: method, path: path) else {
            return respond(error: .notFound(method, path), method: method, path: path)
        }
        // The admin API's clock skew moves the server's "now" (real and simulated alike).
        var skew: Int64 = 0
        if endpoint.security != .admin {
            var admission = await faults.admit()
            if admission.latencyMillis > 0 {
                try? await Task.sleep(for: .milliseconds(admission.latencyMillis))
                admission = await faults.admitAfterLatency()
            }
            if let retryAfter = admission.retryAfterSeconds {
                var response = respond(error: .tooManyRequests, method: method, path: path)
                response.headers.append(("Retry-After", "\(retryAfter)"))
                return response
            }
            skew = admission.skewMillis
        }
        let body = String(decoding: request.body, as: UTF8.self)
        let parameters = RequestParameters(
            method: method, path: path, rawQuery: request.query, body: body, apiKey: request.header("X-MBX-APIKEY"))
        do {
            switch endpoint.security {
            case .none: break
            case .admin: try authenticator.verifyAdmin(request.header("X-Admin-Token"))
            case .apiKey: try authenticator.verifyKey(parameters)
            case .signed:
                let simulatedNow = await engine.simulatedNow() + skew
                let realNow = SimulatedClock.realNow() + skew
                try authenticator.verifySigned(parameters, simulatedNow: simulatedNow, realNow: realNow)
            }
            let result = try await endpoint.handler(parameters)
            if endpoint.placesOrder {
                Self.ordersAccepted.increment()
                switch await faults.takeOrderFault() {
                case .failAfterAccept?:
                    logger.warning("injected 503 after an accepted order", metadata: ["path": "\(path)"])
                    return respond(error: .unknownError, method: method, path: path)
                case .dropAfterAccept?:
                    logger.warning("injected dropped connection after an accepted order", metadata: ["path": "\(path)"])
                    return HTTPServerResponse(
                        headers: [("Content-Type", "application/json")],
                        body: Array(repeating: UInt8(ascii: " "), count: 64), ending: .dropBeforeBody)
                case nil: break
                }
            }
            var response = HTTPServerResponse(
                headers: [("Content-Type", "application/json")], body: result.serializedBytes())
            let used = await meter.record(
                weight: endpoint.weight, isOrder: endpoint.placesOrder, now: SimulatedClock.realNow())
            response.headers.append(("X-MBX-USED-WEIGHT-1M", "\(used.weight)"))
            if endpoint.placesOrder { response.headers.append(("X-MBX-ORDER-COUNT-1M", "\(used.orders)")) }
            Self.requestsAnswered.increment()
            logger.debug("request answered", metadata: ["method": "\(method)", "path": "\(path)", "status": "200"])
            return response
        } catch {
            if endpoint.placesOrder { Self.ordersRejected.increment() }
            return respond(error: error, method: method, path: path)
        }
    }

    private func respond(error: ExchangeRejection, method: String, path: String) -> HTTPServerResponse {
        let body = JSONValue.object([("code", .int(error.code)), ("msg", .string(error.message))])
        (error.status >= 500 ? Self.requestsFailed : Self.requestsRejected).increment()
        logger.info(
            "request rejected",
            metadata: ["method": "\(method)", "path": "\(path)", "status": "\(error.status)", "code": "\(error.code)"])
        return HTTPServerResponse(
            status: error.status, headers: [("Content-Type", "application/json")], body: body.serializedBytes())
    }

    // Created on first use (after `PrometheusExport.bootstrap()`), as each series appeared before.
    private static let requestsAnswered = counter("paperexchange_requests_total", outcome: "ok")
    private static let requestsRejected = counter("paperexchange_requests_total", outcome: "rejected")
    private static let requestsFailed = counter("paperexchange_requests_total", outcome: "error")
    private static let ordersAccepted = counter("paperexchange_orders_total", outcome: "accepted")
    private static let ordersRejected = counter("paperexchange_orders_total", outcome: "rejected")

    private static func counter(_ label: String, outcome: String) -> Counter {
        Counter(label: label, dimensions: [("outcome", outcome)])
    }
}
