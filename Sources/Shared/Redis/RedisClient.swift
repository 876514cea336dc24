import Logging

/// A Redis connection owned by an actor that runs on its own dispatch queue.
///
/// Blocking hiredis calls (including `XREADGROUP … BLOCK`) therefore never occupy the
/// cooperative thread pool. The connection is opened on first use and re-opened after any
/// I/O error; failed connects are spaced by a capped exponential backoff, during which commands
/// fail fast with ``RedisError/connection(_:)``. Connection state changes are logged once each.
///
/// - Important: A blocking read holds this client for its whole `BLOCK` time, so a consumer
///   gives its blocking reads a client of their own.
package actor RedisClient {
    package let configuration: RedisConfiguration
    private let logger: Logger
    private let executor: DispatchQueueExecutor
    private var connection: RedisConnection?
    private var gate: ReconnectGate

    package nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a client; nothing is opened until the first command.
    package init(configuration: RedisConfiguration, name: String = "redis", logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.executor = DispatchQueueExecutor(label: "redis.\(name)")
        self.gate = ReconnectGate(
            name: "redis", client: name, target: configuration.redactedDescription, logger: logger,
            backoff: Backoff(initial: .milliseconds(100), maximum: .seconds(5)))
    }

    /// True while a connection is open.
    package var isConnected: Bool { connection?.isOpen ?? false }

    /// Runs one command given as text arguments.
    @discardableResult
    package func send(_ arguments: [String]) throws(RedisError) -> RedisReply {
        try send(bytes: arguments.map { Array($0.utf8) })
    }

    /// Runs one command given as raw byte arguments (binary-safe).
    @discardableResult
    package func send(bytes arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        try pipeline(bytes: [arguments])[0]
    }

    /// Runs several commands in one round trip; replies in order (error replies included).
    package func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        try pipeline(bytes: commands.map { $0.map { Array($0.utf8) } })
    }

    /// Runs several raw-byte commands in one round trip.
    package func pipeline(bytes commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        let open = try openConnection()
        do {
            return try open.pipeline(bytes: commands)
        } catch {
            if !open.isOpen { lost(error) }
            throw error
        }
    }

    /// Closes the connection (the next command opens a new one).
    package func close() {
        connection?.close()
        connection = nil
        gate.closed()
    }

    private func openConnection() throws(RedisError) -> RedisConnection {
        if let connection, connection.isOpen { return connection }
        guard gate.mayConnect else {
            throw .connection(
                "reconnect backoff in force after a failed connect to \(configuration.redactedDescription)")
        }
        do {
            let opened = try RedisConnection(configuration: configuration)
            connection = opened
            gate.connected()
            return opened
        } catch {
            gate.connectFailed(error)
            throw error
        }
    }

    private func lost(_ error: RedisError) {
        connection = nil
        gate.lost(error)
    }
}
