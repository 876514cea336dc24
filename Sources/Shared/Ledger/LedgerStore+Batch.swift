import FoundationEssentials

extension LedgerStore {
    /// Records `results` (in stream order) in one transaction and returns one outcome per result,
    /// in order: the same rows, outcomes and round trips as ``record(_:)`` called for each in turn
    /// (only the ids of `ledger_orders` may differ: the one-at-a-time path spends a sequence value
    /// on a duplicate order, this one does not insert it).
    ///
    /// A constant number of statements whatever the batch size: BEGIN, one multi-row INSERT of
    /// the results, one SELECT of the batch's orders already in the ledger, the round trips'
    /// lock / id reservation / update / insert (``RoundTripBook/apply(batch:amounts:)``), one
    /// multi-row INSERT of the orders with their round trip, COMMIT, each a ``PostgresStatement``
    /// prepared once per connection. The columns travel as PostgreSQL array literals
    /// (``PostgresArrayLiteral``) unnested on the server. A duplicate
    /// result or order inside the batch counts as the one-at-a-time path counts it (the first one
    /// wins). Any error rolls the whole batch back (an order recorded concurrently by another
    /// instance fails it with a unique violation); the caller decides whether to retry the
    /// results one at a time.
    package func recordBatch(_ results: [LedgerResult]) async throws(PostgresError) -> [LedgerOutcome] {
        try await recordBatch(LedgerBatch(results))
    }

    /// Records a prepared batch (see ``LedgerBatch``) as ``recordBatch(_:)-([LedgerResult])`` does.
    package func recordBatch(_ batch: LedgerBatch) async throws(PostgresError) -> [LedgerOutcome] {
        guard !batch.isEmpty else { return [] }
        return try await database.transaction { connection throws(PostgresError) -> [LedgerOutcome] in
            let results = batch.results
            let resultIDs = try Self.insertResults(batch, connection)
            var outcomes: [LedgerOutcome] = resultIDs.map { $0 == nil ? .duplicate : .recorded(order: false) }
            let candidates = results.indices.filter { resultIDs[$0] != nil && results[$0].fill != nil }
            guard !candidates.isEmpty else { return outcomes }
            let recorded = try Self.ordersAlreadyRecorded(candidates.map { results[$0].fill! }, connection)
            var seen: Set<[UInt8]> = []
            var booked: [(fill: LedgerFill, resultID: String)] = []
            var amounts: [LedgerFillAmounts] = []
            for (position, index) in candidates.enumerated() {
                let fill = results[index].fill!
                if recorded.contains(position) || Self.orderKey(fill).map({ !seen.insert($0).inserted }) == true {
                    outcomes[index] = .duplicateOrder
                } else {
                    outcomes[index] = .recorded(order: true)
                    booked.append((fill, resultIDs[index]!))
                    amounts.append(batch.amounts[index] ?? LedgerFillAmounts(fill))
                }
            }
            guard !booked.isEmpty else { return outcomes }
            let tripIDs = try RoundTripBook(connection: connection).apply(batch: booked.map(\.fill), amounts: amounts)
            try Self.insertOrders(booked, amounts: amounts, tripIDs: tripIDs, connection)
            return outcomes
        }
    }

    /// The unique key `ledger_orders` gives the order of `fill`, as stored: (exchange, symbol,
    /// order id), or the plan id when the producer sent no order id; nil when it has neither
    /// (never a duplicate). Bytes, not `String`: PostgreSQL compares text byte for byte.
    static func orderKey(_ fill: LedgerFill) -> [UInt8]? {
        if let orderID = fill.orderID {
            return Array(storable(fill.exchange).utf8) + [0] + Array(storable(fill.symbol).utf8) + [0]
                + Array(storable(orderID).utf8)
        }
        guard let planID = fill.planID else { return nil }
        return [1] + Array(storable(planID).utf8)
    }

    /// The positions in `fills` of orders `ledger_orders` already holds (under either unique key).
    private static func ordersAlreadyRecorded(_ fills: [LedgerFill], _ connection: PostgresConnection)
        throws(PostgresError) -> Set<Int>
    {
        let rows = try connection.execute(
            Self.ordersRecordedStatement,
            [
                PostgresArrayLiteral.encode(fills.map(\.exchange)), PostgresArrayLiteral.encode(fills.map(\.symbol)),
                PostgresArrayLiteral.encode(fills.map(\.orderID)), PostgresArrayLiteral.encode(fills.map(\.planID)),
            ])
        var positions: Set<Int> = []
        for row in rows.values {
            guard let text = row.first ?? nil, let ordinal = Int(text), ordinal >= 1 else {
                throw .unexpected("order lookup returned \(row)")
            }
            positions.insert(ordinal - 1)
        }
        return positions
    }

    /// Inserts the result rows; returns each result's new row id, nil for one already recorded
    /// (before, or earlier in this batch).
    ///
    /// The rows are inserted in stream order (`ORDER BY r.ord`), so their ids ascend in it: the
    /// returned rows, sorted by id, are matched to the results in one walk (a result that does not
    /// match the next row was a duplicate). Should the walk not account for every row, they are
    /// matched by key instead.
    private static func insertResults(_ batch: LedgerBatch, _ connection: PostgresConnection)
        throws(PostgresError) -> [String?]
    {
        let rows = try connection.execute(Self.insertResultsStatement, batch.resultParameters)
        var inserted: [(id: Int64, text: String, stream: String, entry: String)] = []
        inserted.reserveCapacity(rows.values.count)
        for row in rows.values {
            guard row.count == 3, let text = row[0], let id = Int64(text), let stream = row[1], let entry = row[2]
            else {
                throw .unexpected("result insert returned \(row)")
            }
            inserted.append((id, text, stream, entry))
        }
        inserted.sort { $0.id < $1.id }
        var ids = [String?](repeating: nil, count: batch.results.count)
        var next = 0
        for (index, result) in batch.results.enumerated() where next < inserted.count {
            let row = inserted[next]
            if row.entry == storable(result.entryID) && row.stream == storable(result.stream) {
                ids[index] = row.text
                next += 1
            }
        }
        guard next < inserted.count else { return ids }
        var byKey: [String: String] = [:]
        for row in inserted { byKey[row.stream + "\u{0}" + row.entry] = row.text }
        return batch.results.map { byKey.removeValue(forKey: storable($0.stream) + "\u{0}" + storable($0.entryID)) }
    }

    /// Inserts the orders of newly recorded results with the round trip each moved. A conflict
    /// (an order another instance recorded meanwhile) is an error that rolls the batch back.
    private static func insertOrders(
        _ booked: [(fill: LedgerFill, resultID: String)], amounts: [LedgerFillAmounts], tripIDs: [String],
        _ connection: PostgresConnection
    ) throws(PostgresError) {
        var columns = Array(repeating: [String?](), count: 22)
        for index in columns.indices { columns[index].reserveCapacity(booked.count) }
        for (index, (fill, resultID)) in booked.enumerated() {
            let amount = amounts[index]
            let values: [String?] = [
                fill.exchange, fill.symbol, fill.orderID, fill.clientOrderID, fill.planID, fill.side.rawValue,
                String(fill.reduceOnly), fill.action, fill.status, amount.quantity, amount.averagePrice,
                amount.realizedPnL, amount.commission, fill.commissionAsset, String(fill.pnlReported),
                fill.killScore.map { "\($0)" }, fill.reasonCodes, fill.exitReason, fill.planSource,
                String(fill.executedAt.timeIntervalSince1970), resultID, tripIDs[index],
            ]
            for column in columns.indices { columns[column].append(values[column]) }
        }
        try connection.execute(Self.insertOrdersStatement, columns.map { PostgresArrayLiteral.encode($0) })
    }

    /// The positions (1-based) of the batch's orders `ledger_orders` already holds. LATERAL … LIMIT 1:
    /// one index probe per order, whatever the table size (an EXISTS here may be planned as a
    /// hashed subplan over a sequential scan of ledger_orders).
    static let ordersRecordedStatement = PostgresStatement(
        name: "ledger_batch_orders_recorded",
        sql: """
            SELECT k.n
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k(exchange, symbol, order_id, plan_id, n)
             CROSS JOIN LATERAL (
                   SELECT 1 FROM ledger_orders o
                    WHERE k.order_id IS NOT NULL AND o.exchange = k.exchange AND o.symbol = k.symbol AND o.order_id = k.order_id
                   UNION ALL
                   SELECT 1 FROM ledger_orders o
                    WHERE k.order_id IS NULL AND o.order_id IS NULL AND o.plan_id = k.plan_id
                   LIMIT 1) AS found
            """)

    /// The multi-row INSERT of the results; returns the new rows' ids and keys.
    static let insertResultsStatement = PostgresStatement(
        name: "ledger_batch_insert_results",
        sql: """
            INSERT INTO ledger_results (stream, entry_id, plan_id, symbol, action, decision, executed, reduce_only,
                                        error, error_code, producer, result_time, fields)
            SELECT r.stream, r.entry_id, r.plan_id, r.symbol, r.action, r.decision, r.executed, r.reduce_only, r.error,
                   r.error_code, r.producer, to_timestamp(r.result_time), r.fields::jsonb
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[],
                          $8::boolean[], $9::text[], $10::text[], $11::text[], $12::double precision[], $13::text[])
                   WITH ORDINALITY AS r(stream, entry_id, plan_id, symbol, action, decision, executed, reduce_only, error,
                                        error_code, producer, result_time, fields, ord)
             ORDER BY r.ord
            ON CONFLICT (stream, entry_id) DO NOTHING
            RETURNING id, stream, entry_id
            """)

    /// The multi-row INSERT of the orders with their round trips.
    static let insertOrdersStatement = PostgresStatement(
        name: "ledger_batch_insert_orders",
        sql: """
            INSERT INTO ledger_orders (exchange, symbol, order_id, client_order_id, plan_id, side, reduce_only, action,
                                       status, filled_qty, avg_price, realized_pnl, commission, commission_asset,
                                       pnl_reported, kill_score, reason_codes, exit_reason, plan_source, executed_at,
                                       result_id, round_trip_id)
            SELECT o.exchange, o.symbol, o.order_id, o.client_order_id, o.plan_id, o.side, o.reduce_only, o.action,
                   o.status, o.filled_qty, o.avg_price, o.realized_pnl, o.commission, o.commission_asset, o.pnl_reported,
                   o.kill_score, o.reason_codes, o.exit_reason, o.plan_source, to_timestamp(o.executed_at), o.result_id,
                   o.round_trip_id
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[],
                          $8::text[], $9::text[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[],
                          $14::text[], $15::boolean[], $16::double precision[], $17::text[], $18::text[], $19::text[],
                          $20::double precision[], $21::bigint[], $22::bigint[])
                   WITH ORDINALITY AS o(exchange, symbol, order_id, client_order_id, plan_id, side, reduce_only, action,
                                        status, filled_qty, avg_price, realized_pnl, commission, commission_asset,
                                        pnl_reported, kill_score, reason_codes, exit_reason, plan_source, executed_at,
                                        result_id, round_trip_id, ord)
             ORDER BY o.ord
            """)
}
