import Logging
import ServiceLifecycle
import Shared

/// The paper exchange as a `Service`: the HTTP server plus a ticker that keeps the
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
        let handler = self.handler
        let engine = self.engine
        let logger = self.logger
        let onListening = self.onListening
        let server = HTTPServer(
            configuration: .init(host: configuration.host, port: Int(configuration.port)), logger: logger
        ) { request in
            await handler.handleRequest(request)
        }
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                // A bind failure ends the server's child task with the error, and the group
                // rethrows it (cancelling the ticker).
                group.addTask {
                    try await server.run { host, port in
                        logger.info("paperexchange listening", metadata: ["host": "\(host)", "port": "\(port)"])
                        onListening(host, UInt16(port))
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        await engine.catchUp()
                        try? await Task.sleep(for: .milliseconds(250))
                    }
                }
            }
        }
        await engine.shutdown()
        logger.info("paperexchange stopped")
    }
}
