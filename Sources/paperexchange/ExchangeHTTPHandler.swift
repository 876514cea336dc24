import FlyingFox
import Foundation
import Logging
import Metrics
import Shared

/// The one FlyingFox handler: injects faults, reads parameters, checks the key, signature and
/// timestamp (or the admin token), runs the endpoint and writes Binance's JSON answer or error body.
struct ExchangeHTTPHandler: HTTPHandler {
    let routes: ExchangeRoutes
    let authenticator: RequestAuthenticator
    let engine: ExchangeEngine
    let faults: FaultInjector
    let meter = RequestMeter()
    let logger: Logger

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let method = request.method.rawValue.uppercased()
        let path = request.path
        if method == "GET" && path == "/metrics" {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: Data(PrometheusExport.render()))
        }
        guard let endpoint = routes.endpoint(method: method, path: path) else {
            return respond(error: .notFound(method, path), method: method, path: path)
        }
        if endpoint.security != .admin {
            let latency = await faults.latencyMillis
            if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }
            if let retryAfter = await faults.takeRateLimit() {
                var response = respond(error: .tooManyRequests, method: method, path: path)
                response.headers[HTTPHeader("Retry-After")] = "\(retryAfter)"
                return response
            }
        }
        let body = String(decoding: try await request.bodyData, as: UTF8.self)
        let parameters = RequestParameters(
            method: method, path: path, rawQuery: request.target.query(percentEncoded: true), body: body,
            apiKey: request.headers[HTTPHeader("X-MBX-APIKEY")])
        do {
            switch endpoint.security {
            case .none: break
            case .admin: try authenticator.verifyAdmin(request.headers[HTTPHeader("X-Admin-Token")])
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
                return HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "application/json"],
                    body: HTTPBodySequence(from: DroppedConnectionBody(), count: 64))
            }
            var response = HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(result.serialized().utf8))
            let used = await meter.record(weight: endpoint.weight, isOrder: endpoint.placesOrder, now: SimulatedClock.realNow())
            response.headers[HTTPHeader("X-MBX-USED-WEIGHT-1M")] = "\(used.weight)"
            if endpoint.placesOrder { response.headers[HTTPHeader("X-MBX-ORDER-COUNT-1M")] = "\(used.orders)" }
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

    private func respond(error: ExchangeRejection, method: String, path: String) -> HTTPResponse {
        let body = JSONValue.object([("code", .int(error.code)), ("msg", .string(error.message))])
        Counter(label: "paperexchange_requests_total", dimensions: [("outcome", error.status >= 500 ? "error" : "rejected")]).increment()
        logger.info(
            "request rejected",
            metadata: ["method": "\(method)", "path": "\(path)", "status": "\(error.status)", "code": "\(error.code)"])
        return HTTPResponse(
            statusCode: HTTPStatusCode(error.status, phrase: Self.phrase(error.status)),
            headers: [.contentType: "application/json"], body: Data(body.serialized().utf8))
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
