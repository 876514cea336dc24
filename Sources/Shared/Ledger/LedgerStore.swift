import FoundationEssentials
import Logging

/// The ledger's only writer: records results, orders and round trips, one transaction per result
/// (``record(_:)``) or per batch of results (``recordBatch(_:)``, LedgerStore+Batch.swift).
///
/// Idempotent: the result row is keyed by (stream, entry id) and the order by the exchange's order
/// id (or the plan id when a producer sent none), so a redelivered result changes nothing.
package struct LedgerStore: Sendable {
    let database: PostgresClient

    package init(database: PostgresClient) {
        self.database = database
    }

    /// Records one result (and its order, and the round trip it moves) in one transaction.
    package func record(_ result: LedgerResult) async throws(PostgresError) -> LedgerOutcome {
        try await database.transaction { connection throws(PostgresError) -> LedgerOutcome in
            let inserted = try connection.query(
                """
                INSERT INTO ledger_results (stream, entry_id, plan_id, symbol, action, decision, executed, reduce_only,
                                            error, error_code, producer, result_time, fields)
                VALUES ($1, $2, $3, $4, $5, $6, $7::boolean, $8::boolean, $9, $10, $11, to_timestamp($12::double precision), $13::jsonb)
                ON CONFLICT (stream, entry_id) DO NOTHING
                RETURNING id
                """,
                [
                    result.stream, result.entryID, result.planID, result.symbol, result.action, result.decision,
                    String(result.executed), String(result.reduceOnly), result.error, result.errorCode, result.producer,
                    String(result.time.timeIntervalSince1970), Self.json(result.fields),
                ].map(Self.storable))
            guard let resultID = inserted.values.first?.first ?? nil else { return .duplicate }
            guard let fill = result.fill else { return .recorded(order: false) }
            guard let orderID = try insertOrder(fill, resultID: resultID, connection) else { return .duplicateOrder }
            let tripID = try RoundTripBook(connection: connection).apply(fill)
            try connection.query(
                "UPDATE ledger_orders SET round_trip_id = $1::bigint WHERE id = $2::bigint", [tripID, orderID])
            return .recorded(order: true)
        }
    }

    private func insertOrder(_ fill: LedgerFill, resultID: String, _ connection: PostgresConnection)
        throws(PostgresError) -> String?
    {
        let rows = try connection.query(
            """
            INSERT INTO ledger_orders (exchange, symbol, order_id, client_order_id, plan_id, side, reduce_only, action,
                                       status, filled_qty, avg_price, realized_pnl, commission, commission_asset,
                                       pnl_reported, kill_score, reason_codes, exit_reason, plan_source, executed_at, result_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7::boolean, $8, $9, $10::numeric, $11::numeric, $12::numeric, $13::numeric,
                    $14, $15::boolean, $16::double precision, $17, $18, $19, to_timestamp($20::double precision), $21::bigint)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            [
                fill.exchange, fill.symbol, fill.orderID, fill.clientOrderID, fill.planID, fill.side.rawValue,
                String(fill.reduceOnly), fill.action, fill.status, "\(fill.quantity)", "\(fill.averagePrice)",
                "\(fill.realizedPnL)", "\(fill.commission)", fill.commissionAsset, String(fill.pnlReported),
                fill.killScore.map { "\($0)" }, fill.reasonCodes, fill.exitReason, fill.planSource,
                String(fill.executedAt.timeIntervalSince1970), resultID,
            ].map(Self.storable))
        return rows.values.first?.first ?? nil
    }

    /// PostgreSQL text and jsonb cannot hold U+0000 (libpq would cut the value there, jsonb rejects
    /// `\u0000`): a NUL from a hostile or broken producer is stored as U+FFFD, so the result (and a
    /// real fill in it) is still booked.
    static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacing("\u{0}", with: "\u{FFFD}") : text
    }

    static func storable(_ text: String?) -> String? { text.map(storable) }

    /// The fields as a JSON object for the `jsonb` column (``LedgerJSON``; NUL stored as U+FFFD).
    static func json(_ fields: [String: String]) -> String {
        LedgerJSON.object(fields)
    }
}
