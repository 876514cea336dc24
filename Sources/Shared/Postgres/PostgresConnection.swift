import CLibpq
import Glibc

/// One libpq connection; statements with text parameters (`$1`…), never string-built SQL.
///
/// Not `Sendable`: a `PGconn` must be used by one thread at a time. ``PostgresClient`` confines it
/// to an actor running on its own dispatch queue, so blocking libpq calls never occupy the
/// cooperative thread pool.
package final class PostgresConnection {
    private var connection: OpaquePointer?
    /// Names of the ``PostgresStatement``s prepared on this connection.
    private var prepared: Set<String> = []

    /// Connects; throws ``PostgresError/connection(_:)`` on failure (the message holds no password).
    package init(configuration: PostgresConfiguration) throws(PostgresError) {
        let keys = ["dbname", "connect_timeout", "application_name", "options"]
        let values = [
            configuration.connectionString, String(configuration.connectTimeoutSeconds),
            "quantum-exits", "-c client_min_messages=warning",
        ]
        let conn = Self.withCStrings(keys) { keyPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard let conn else { throw .connection("cannot allocate a libpq connection") }
        if PQstatus(conn) != CONNECTION_OK {
            let message = String(cString: PQerrorMessage(conn)).trimmingTrailingNewlines
            PQfinish(conn)
            throw .connection(message)
        }
        connection = conn
    }

    deinit { close() }

    /// False once closed or broken.
    package var isOpen: Bool {
        guard let connection else { return false }
        return PQstatus(connection) == CONNECTION_OK
    }

    package func close() {
        if let connection { PQfinish(connection) }
        connection = nil
        prepared = []
    }

    /// Runs one statement with text parameters (`nil` is SQL NULL) and returns its rows.
    @discardableResult
    package func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        guard let connection else { throw .connection("connection is closed") }
        let result = Self.withOptionalCStrings(parameters) { pointers in
            PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard let result else { throw lost("no result") }
        return try check(result, connection)
    }

    /// Runs a prepared statement (preparing it first when this connection has not) with text
    /// parameters (`nil` is SQL NULL) and returns its rows.
    @discardableResult
    package func execute(_ statement: PostgresStatement, _ parameters: [String?])
        throws(PostgresError) -> PostgresRows
    {
        guard let connection else { throw .connection("connection is closed") }
        if !prepared.contains(statement.name) {
            let result = PQprepare(connection, statement.name, statement.sql, Int32(parameters.count), nil)
            defer { PQclear(result) }
            guard let result else { throw lost("no result") }
            _ = try check(result, connection)
            prepared.insert(statement.name)
        }
        let result = Self.withOptionalCStrings(parameters) { pointers in
            PQexecPrepared(connection, statement.name, Int32(parameters.count), pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard let result else { throw lost("no result") }
        return try check(result, connection)
    }

    /// Runs a script of several statements without parameters (migrations); returns the last result's rows.
    @discardableResult
    package func script(_ sql: String) throws(PostgresError) -> PostgresRows {
        guard let connection else { throw .connection("connection is closed") }
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        guard let result else { throw lost("no result") }
        return try check(result, connection)
    }

    private func check(_ result: OpaquePointer, _ connection: OpaquePointer) throws(PostgresError) -> PostgresRows {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.rows(result)
        default:
            if PQstatus(connection) != CONNECTION_OK {
                throw lost(String(cString: PQerrorMessage(connection)))
            }
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "XX000"
            let message =
                PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQresultErrorMessage(result))
            throw .server(sqlState: state, message: message.trimmingTrailingNewlines)
        }
    }

    private func lost(_ message: String) -> PostgresError {
        close()
        return .connection(message.trimmingTrailingNewlines)
    }

    private static func rows(_ result: OpaquePointer) -> PostgresRows {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var values: [[String?]] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            values.append(
                (0..<columnCount).map { column in
                    PQgetisnull(result, Int32(row), Int32(column)) == 1
                        ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                })
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, values: values, affectedRows: affected)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        withOptionalCStrings(strings + [nil]) { body($0!) }
    }

    private static func withOptionalCStrings<R>(
        _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        if strings.isEmpty { return body(nil) }
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return copies.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return text
    }
}
