import FlyingFox
import Foundation
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
        let address: sockaddr_in
        do {
            address = try .inet(ip4: configuration.address, port: configuration.port)
        } catch {
            throw ConfigurationError(key: "METRICS_ADDR", reason: "not an IPv4 address: \(configuration.address)")
        }
        let server = HTTPServer(address: address, logger: .disabled)
        let health = self.health
        let service = self.service
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                         body: Data(PrometheusExport.render()))
        }
        await server.appendRoute("GET /healthz") { _ in
            let snapshot = health.snapshot
            let components = snapshot.mapValues { ["healthy": $0.healthy, "detail": $0.detail] as [String: Any] }
            let body: [String: Any] = ["service": service, "healthy": health.isHealthy, "components": components]
            let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
            return HTTPResponse(statusCode: health.isHealthy ? .ok : .serviceUnavailable,
                                headers: [.contentType: "application/json"], body: data)
        }
        logger.info("metrics endpoint listening", metadata: [
            "address": "\(configuration.address)", "port": "\(configuration.port)",
        ])
        do {
            try await cancelWhenGracefulShutdown {
                try await server.run()
            }
        } catch {
            // Cancelled by the shutdown, FlyingFox reports its closed socket as an error
            // (SocketError.disconnected); a daemon stopped by SIGTERM must still exit 0.
            guard Task.isShuttingDownGracefully || Task.isCancelled else { throw error }
        }
    }
}
