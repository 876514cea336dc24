import Foundation
import Testing

@testable import Shared

/// `PostgresArrayLiteral` read back by a real PostgreSQL `array_in`.
@Suite("PostgreSQL array literals for the ledger's batch statements", .enabled(if: TestEnvironment.postgresEnabled))
struct LedgerBatchArrayLiteralTests {
    static let tricky: [String?] = [
        "", "plain", "NULL", "null", nil, "a,b", "{braces}", "{\"a\",\"b\"}", "quote\"d", "back\\slash", "\\", "\"",
        "\\\"", " leading and trailing ", "\t\n\r", "é 日本 🚀", "nul\u{0}inside", "'single'", "$1", "}{,\"\\",
    ]

    @Test("text elements come back unchanged (NUL as U+FFFD), NULL stays NULL, order is kept")
    func textRoundTrips() async throws {
        let database = try TestEnvironment.postgres()
        let rows = try await database.query(
            "SELECT u.value, u.value IS NULL FROM unnest($1::text[]) WITH ORDINALITY AS u(value, n) ORDER BY u.n",
            [PostgresArrayLiteral.encode(Self.tricky)])
        let expected = Self.tricky.map { $0?.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
        #expect(rows.values.map { $0[0] } == expected)
        #expect(rows.values.map { $0[1] } == Self.tricky.map { $0 == nil ? "t" : "f" })
    }

    @Test("numeric, boolean, bigint and double elements keep their exact values; empty arrays are empty")
    func typedElements() async throws {
        let database = try TestEnvironment.postgres()
        let numeric = try await database.query(
            "SELECT x::text FROM unnest($1::numeric[]) AS x",
            [PostgresArrayLiteral.encode(["0.00000001", "-12345678901234567890.123456789", "2.50", nil])])
        #expect(numeric.values == [["0.00000001"], ["-12345678901234567890.123456789"], ["2.50"], [nil]])
        let mixed = try await database.query(
            "SELECT b::text, i::text, d = 1770000000.25 FROM unnest($1::boolean[], $2::bigint[], $3::double precision[]) AS u(b, i, d)",
            [
                PostgresArrayLiteral.encode(["true", "false"]),
                PostgresArrayLiteral.encode(["9223372036854775807", "1"]),
                PostgresArrayLiteral.encode([String(1_770_000_000.25), "1"]),
            ])
        #expect(mixed.values == [["true", "9223372036854775807", "t"], ["false", "1", "f"]])
        let empty = try await database.query(
            "SELECT cardinality($1::text[])::text", [PostgresArrayLiteral.encode([String]())])
        #expect(empty.values == [["0"]])
        #expect(PostgresArrayLiteral.encode([String]()) == "{}")
        #expect(PostgresArrayLiteral.encode(["a\"b", nil, "c\\"]) == #"{"a\"b",NULL,"c\\"}"#)
    }
}
