import Logging

/// A PostgreSQL connection owned by an actor that runs on its own dispatch queue.
///
/// Opened on first use and re-opened after a connection error, with connects spaced by a capped
/// backoff (calls in between fail fast with ``PostgresError/connection(_:)``). State changes are
/// logged once each and exported as `postgres_connected`.
package actor PostgresClient {
    package let configuration: PostgresConfiguration
    private let logger: Logger
    private let executor: DispatchQueueExecutor
    private var connection: PostgresConnection?
    private var gate: ReconnectGate

    package nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    package init(configuration: PostgresConfiguration, name: String = "postgres", logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.executor = DispatchQueueExecutor(label: "postgres.\(name)")
        self.gate = ReconnectGate(
            name: "postgres", client: name, target: configuration.redactedDescription, logger: logger,
            backoff: Backoff(initial: .milliseconds(200), maximum: .seconds(10)))
    }

    /// Runs one statement with text parameters.
    @discardableResult
    package func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        let open = try openConnection()
        do {
            return try open.query(sql, parameters)
        } catch {
            if !open.isOpen { lost(error) }
            throw error
        }
    }

    /// Runs `body` inside `BEGIN … COMMIT`; any error rolls back and is rethrown.
    ///
    /// `body` runs on this actor's queue and may block; it must not escape the connection.
    @discardableResult
    package func transaction<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(PostgresError) -> T {
        let open = try openConnection()
        do {
            try open.query("BEGIN")
            let value = try body(open)
            try open.query("COMMIT")
            return value
        } catch {
            if open.isOpen {
                _ = try? open.query("ROLLBACK")
            } else {
                lost(error)
            }
            throw error
        }
    }

    /// True while a connection is open.
    package var isConnected: Bool { connection?.isOpen ?? false }

    package func close() {
        connection?.close()
        connection = nil
        gate.closed()
    }

    private func openConnection() throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isOpen { return connection }
        guard gate.mayConnect else { throw .connection("reconnect backoff in force after a failed connect") }
        do {
            let opened = try PostgresConnection(configuration: configuration)
            connection = opened
            gate.connected()
            return opened
        } catch {
            gate.connectFailed(error)
            throw error
        }
    }

    private func lost(_ error: PostgresError) {
        connection = nil
        gate.lost(error)
    }
}
