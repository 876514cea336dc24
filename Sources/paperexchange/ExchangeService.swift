import FlyingFox
import FlyingSocks
import Foundation
import Logging
import ServiceLifecycle

/// The paper exchange as a `Service`: the FlyingFox HTTP server plus a ticker that keeps the
/// simulated markets (and so stops and funding) moving between requests. On graceful shutdown
/// it stops accepting, lets the server close, and saves the state file one last time.
struct ExchangeService: Service {
    let configuration: ExchangeConfiguration
    let engine: ExchangeEngine
    let handler: ExchangeHTTPHandler
    let logger: Logger
    /// Called once with the bound host and port (the port is the real one when 0 was asked).
    let onListening: @Sendable (String, UInt16) -> Void

    /// Builds the engine, routes and handler from a configuration.
    init(
        configuration: ExchangeConfiguration, logger: Logger,
        onListening: @escaping @Sendable (String, UInt16) -> Void
    ) throws(StateStore.Failure) {
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
        let engine = try ExchangeEngine(configuration: configuration, logger: logger)
        let faults = FaultInjector()
        self.engine = engine
        handler = ExchangeHTTPHandler(
            routes: ExchangeRoutes(engine: engine, configuration: configuration, faults: faults),
            authenticator: RequestAuthenticator(
                apiKey: configuration.apiKey, apiSecret: configuration.apiSecret,
                defaultRecvWindow: configuration.defaultRecvWindow,
                adminToken: configuration.adminEnabled ? configuration.adminToken : nil),
            engine: engine, faults: faults, logger: logger)
    }

    func run() async throws {
        let address = try sockaddr_in.inet(ip4: configuration.host, port: configuration.port)
        let server = HTTPServer(
            address: address, timeout: 30, pool: NoDelaySocketPool(base: HTTPServer.defaultPool()),
            logger: FlyingFoxLogBridge(logger: logger), handler: handler)
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    do {
                        try await server.run()
                    } catch where Task.isCancelled {
                        // Cancelled by graceful shutdown: the server closed its socket.
                    }
                }
                // In a child task, so a bind failure of the server (a child too) cancels the
                // wait and the group rethrows the bind error itself.
                group.addTask {
                    try await server.waitUntilListening(timeout: 30)
                    if case .ip4(let host, let port) = await server.listeningAddress {
                        logger.info("paperexchange listening", metadata: ["host": "\(host)", "port": "\(port)"])
                        onListening(host, port)
                    }
                    while !Task.isCancelled {
                        await engine.catchUp()
                        try? await Task.sleep(for: .milliseconds(250))
                    }
                }
            }
        }
        await server.stop(timeout: 2)
        await engine.shutdown()
        logger.info("paperexchange stopped")
    }
}
