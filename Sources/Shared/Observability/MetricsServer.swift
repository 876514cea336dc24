import Logging
import ServiceLifecycle

/// A small HTTP endpoint per daemon: `/metrics` (Prometheus text) and `/healthz` (JSON; 200 when
/// every component is healthy, else 503).
package struct MetricsServer: Service {
    /// Where to listen.
    package struct Configuration: Sendable {
        package var address: String
        package var port: UInt16

        package init(address: String = "127.0.0.1", port: UInt16) {
            self.address = address
            self.port = port
        }

        /// Reads the endpoint settings.
        ///
        /// - `METRICS_ADDR` (string, default `127.0.0.1`): IPv4 address to bind.
        /// - `METRICS_PORT` (int, default per daemon: exitbrain 9611, applylayer 9612, harvestbrain 9613; `0` disables).
        package init(environment env: EnvironmentReader, defaultPort: UInt16) throws(ConfigurationError) {
            address = env.string("METRICS_ADDR", default: "127.0.0.1")
            port = UInt16(try env.int("METRICS_PORT", default: Int(defaultPort), range: 0...65535))
        }
    }

    let configuration: Configuration
    let health: HealthState
    let service: String
    let logger: Logger

    package init(configuration: Configuration, health: HealthState, service: String, logger: Logger) {
        self.configuration = configuration
        self.health = health
        self.service = service
        self.logger = logger
    }

    package func run() async throws {
        guard configuration.port != 0 else {
            logger.info("metrics endpoint disabled (METRICS_PORT=0)")
            try? await gracefulShutdown()
            return
        }
        guard Self.isIPv4(configuration.address) else {
            throw ConfigurationError(key: "METRICS_ADDR", reason: "not an IPv4 address: \(configuration.address)")
        }
        let health = self.health
        let service = self.service
        let server = HTTPServer(
            configuration: .init(host: configuration.address, port: Int(configuration.port)), logger: logger
        ) { request in
            Self.respond(to: request, health: health, service: service)
        }
        let logger = self.logger
        try await cancelWhenGracefulShutdown {
            try await server.run { host, port in
                logger.info("metrics endpoint listening", metadata: ["address": "\(host)", "port": "\(port)"])
            }
        }
    }

    /// `GET /metrics` and `GET /healthz`; anything else is 404.
    static func respond(to request: HTTPServerRequest, health: HealthState, service: String) -> HTTPServerResponse {
        switch (request.method, request.path) {
        case ("GET", "/metrics"):
            return HTTPServerResponse(
                headers: [("Content-Type", "text/plain; version=0.0.4")], body: PrometheusExport.render())
        case ("GET", "/healthz"):
            // Keys in sorted order, as the endpoint always wrote them.
            let components = health.snapshot.sorted { $0.key < $1.key }.map { name, component in
                (
                    name,
                    JSONText.Value.object(
                        .init([("detail", .text(component.detail)), ("healthy", .bool(component.healthy))]))
                )
            }
            let body = JSONText.encode(
                .init([
                    ("components", .object(.init(components))), ("healthy", .bool(health.isHealthy)),
                    ("service", .text(service)),
                ]), pretty: false)
            return HTTPServerResponse(status: health.isHealthy ? 200 : 503, contentType: "application/json", text: body)
        default:
            return HTTPServerResponse(status: 404, contentType: "text/plain", text: "not found\n")
        }
    }

    /// True for a dotted-quad IPv4 address (what `METRICS_ADDR` takes).
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && UInt8(part) != nil
            }
    }
}
