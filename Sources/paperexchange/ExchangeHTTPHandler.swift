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
            return HTTPServerResponse(headers: [("Content-Type", "text/plain; version=0.0.4")], body: PrometheusExport.render())
        }
        guard let endpoint = routes.endpoint(method: method, path: path) else {
            return respond(error: .notFound(method, path), method: method, path: path)
        }
        if endpoint.security != .admin {
            let latency = await faults.latencyMillis
            if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }
            if let retryAfter = await faults.takeRateLimit() {
                var response = respond(error: .tooManyRequests, method: method, path: path)
                response.headers.append(("Retry-After", "\(retryAfter)"))
                return response
            }
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
                // The admin API's clock skew moves the server's "now" (real and simulated alike).
                let skew = await faults.skewMillis
                let simulatedNow = await engine.simulatedNow() + skew
                let realNow = SimulatedClock.realNow() + skew
                try authenticator.verifySigned(parameters, simulatedNow: simulatedNow, realNow: realNow)
            }
            let result = try await endpoint.handler(parameters)
            if endpoint.placesOrder {
                Counter(label: "paperexchange_orders_total", dimensions: [("outcome", "accepted")]).increment()
            }
            if endpoint.placesOrder, await faults.takeOrderFailure() {
                logger.warning("injected 503 after an accepted order", metadata: ["path": "\(path)"])
                return respond(error: .unknownError, method: method, path: path)
            }
            if endpoint.placesOrder, await faults.takeOrderDrop() {
                logger.warning("injected dropped connection after an accepted order", metadata: ["path": "\(path)"])
                return HTTPServerResponse(
                    headers: [("Content-Type", "application/json")], body: Array(repeating: UInt8(ascii: " "), count: 64),
                    ending: .dropBeforeBody)
            }
            var response = HTTPServerResponse(contentType: "application/json", text: result.serialized())
            let used = await meter.record(weight: endpoint.weight, isOrder: endpoint.placesOrder, now: SimulatedClock.realNow())
            response.headers.append(("X-MBX-USED-WEIGHT-1M", "\(used.weight)"))
            if endpoint.placesOrder { response.headers.append(("X-MBX-ORDER-COUNT-1M", "\(used.orders)")) }
            Counter(label: "paperexchange_requests_total", dimensions: [("outcome", "ok")]).increment()
            logger.debug("request answered", metadata: ["method": "\(method)", "path": "\(path)", "status": "200"])
            return response
        } catch {
            if endpoint.placesOrder {
                Counter(label: "paperexchange_orders_total", dimensions: [("outcome", "rejected")]).increment()
            }
            return respond(error: error, method: method, path: path)
        }
    }

    private func respond(error: ExchangeRejection, method: String, path: String) -> HTTPServerResponse {
        let body = JSONValue.object([("code", .int(error.code)), ("msg", .string(error.message))])
        Counter(label: "paperexchange_requests_total", dimensions: [("outcome", error.status >= 500 ? "error" : "rejected")]).increment()
        logger.info(
            "request rejected",
            metadata: ["method": "\(method)", "path": "\(path)", "status": "\(error.status)", "code": "\(error.code)"])
        return HTTPServerResponse(status: error.status, contentType: "application/json", text: body.serialized())
    }
}
