import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server over SwiftNIO: every complete request goes to one async responder, one
/// connection at a time in order (keep-alive and pipelining honoured), each connection in a child
/// task of a discarding task group that prefers the connection's event loop
/// (``EventLoopTaskExecutor``): a request is read, answered and written on one thread.
///
/// Used for the daemons' `/metrics` and `/healthz` endpoint (``MetricsServer``) and for
/// paperexchange's Binance REST API. `TCP_NODELAY` is set on every connection (a kept-alive
/// client otherwise waits ≈ 40 ms for a delayed ACK on each answer); a connection idle for
/// ``Configuration/idleTimeout`` is closed; a body over ``Configuration/maxBodyBytes`` is
/// answered `413` and the connection closed; a request NIO cannot parse is answered `400`.
///
/// ``run(onListening:)`` serves until its task is cancelled (wrap it in `cancelWhenGracefulShutdown`):
/// the listening socket and every connection are then closed.
package struct HTTPServer: Sendable {
    /// Where to listen and the limits.
    package struct Configuration: Sendable {
        /// IPv4 address or host name to bind.
        package var host: String
        /// Port to bind; 0 picks a free one (``run(onListening:)`` reports it).
        package var port: Int
        /// A connection with no bytes read for this long is closed.
        package var idleTimeout: Duration = .seconds(30)
        /// Largest request body accepted.
        package var maxBodyBytes = 1 << 20

        package init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// Answers one request. Runs on the connection's event loop (its task's executor preference;
    /// the default actors it calls run there too); may suspend. Blocking work stalls the other
    /// connections of that loop, as it stalled a cooperative thread before: keep it short
    /// (paperexchange's state file, written at most once per `--state-interval-ms`).
    package typealias Responder = @Sendable (HTTPServerRequest) async -> HTTPServerResponse

    let configuration: Configuration
    let group: any EventLoopGroup
    let logger: Logger
    let responder: Responder

    package init(
        configuration: Configuration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger, responder: @escaping Responder
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.responder = responder
    }

    /// Binds, calls `onListening` with the bound host and port, and serves until cancelled.
    ///
    /// - Throws: the bind error (address in use, no such address); nothing once listening, and
    ///   nothing when cancelled.
    package func run(onListening: @Sendable (String, Int) -> Void = { _, _ in }) async throws {
        let idleTimeout = TimeAmount.nanoseconds(configuration.idleTimeout.nanoseconds)
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(IdleConnectionCloser())
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        onListening(configuration.host, listener.channel.localAddress?.port ?? configuration.port)
        do {
            try await withThrowingDiscardingTaskGroup { group in
                try await listener.executeThenClose { connections in
                    for try await connection in connections {
                        let executor = EventLoopTaskExecutor(connection.channel.eventLoop)
                        group.addTask(executorPreference: executor) { await serve(connection) }
                    }
                }
            }
        } catch  where Task.isCancelled {
            // Cancelled (graceful shutdown): the listener and every connection are closed; that
            // is how this server stops, not a failure.
        }
    }
}
