/// Moves the open round trip of a symbol with each new order: entries grow it, reducing orders
/// shrink it, and it closes when the exits reach the entered quantity. Arithmetic is `numeric`,
/// done by PostgreSQL. Used inside ``LedgerStore``'s transaction; a whole batch of fills is applied
/// with the same rules by `apply(batch:amounts:)` (RoundTripBook+Batch.swift). Text is stored as
/// `LedgerStore.storable` makes it (NUL as U+FFFD).
struct RoundTripBook {
    let connection: PostgresConnection

    /// Applies `fill` and returns the id of the round trip it belongs to.
    func apply(_ fill: LedgerFill) throws(PostgresError) -> String {
        let open = try connection.query(
            """
            SELECT id, side FROM ledger_round_trips
             WHERE exchange = $1 AND symbol = $2 AND status = 'open' FOR UPDATE
            """, [fill.exchange, fill.symbol].map(LedgerStore.storable))
        let grows: Bool
        let tripID: String
        if let row = open.values.first, let id = row[0], let side = row[1] {
            tripID = id
            grows = !fill.reduceOnly && ((side == "LONG") == (fill.side == .buy))
        } else {
            // A close whose entry the ledger never saw (opened before harvestbrain ran) gets a
            // trip of its own with an unknown entry: its realized PnL still counts.
            let side = (fill.side == .buy) != fill.reduceOnly ? "LONG" : "SHORT"
            let created = try connection.query(
                """
                INSERT INTO ledger_round_trips (exchange, symbol, side, status, opened_at, entry_plan_id, entry_source)
                VALUES ($1, $2, $3, 'open', to_timestamp($4::double precision), $5, $6)
                RETURNING id
                """,
                [
                    fill.exchange, fill.symbol, side, String(fill.executedAt.timeIntervalSince1970),
                    fill.reduceOnly ? nil : fill.planID, fill.reduceOnly ? nil : fill.planSource,
                ].map(LedgerStore.storable))
            guard let id = created.values.first?.first ?? nil else {
                throw .unexpected("round trip insert returned no id")
            }
            tripID = id
            grows = !fill.reduceOnly
        }
        let quantity = "\(fill.quantity)"
        let notional = "\(fill.quantity * fill.averagePrice)"
        if grows {
            try connection.query(
                """
                UPDATE ledger_round_trips
                   SET entry_qty = entry_qty + $2::numeric, entry_notional = entry_notional + $3::numeric,
                       gross_pnl = gross_pnl + $4::numeric, fees = fees + $5::numeric,
                       entry_risk_usdt = CASE WHEN $6::numeric IS NULL THEN entry_risk_usdt
                                              ELSE COALESCE(entry_risk_usdt, 0) + $6::numeric END
                 WHERE id = $1::bigint
                """,
                [
                    tripID, quantity, notional, "\(fill.realizedPnL)", "\(fill.commission)",
                    fill.entryRiskUSDT.map { "\($0)" },
                ])
        } else {
            try connection.query(
                """
                UPDATE ledger_round_trips
                   SET exit_qty = exit_qty + $2::numeric, exit_notional = exit_notional + $3::numeric,
                       gross_pnl = gross_pnl + $4::numeric, fees = fees + $5::numeric, exits = exits + 1,
                       exit_action = $6, exit_reason = $7, exit_source = $8, kill_score = $9::double precision,
                       reason_codes = $10,
                       status = CASE WHEN exit_qty + $2::numeric >= entry_qty THEN 'closed' ELSE 'open' END,
                       closed_at = CASE WHEN exit_qty + $2::numeric >= entry_qty
                                        THEN to_timestamp($11::double precision) END
                 WHERE id = $1::bigint
                """,
                [
                    tripID, quantity, notional, "\(fill.realizedPnL)", "\(fill.commission)", fill.action,
                    fill.exitReason ?? "other", fill.planSource, fill.killScore.map { "\($0)" }, fill.reasonCodes,
                    String(fill.executedAt.timeIntervalSince1970),
                ].map(LedgerStore.storable))
        }
        return tripID
    }
}
