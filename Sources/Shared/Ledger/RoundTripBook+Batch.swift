import FoundationEssentials

extension RoundTripBook {
    /// Applies `fills` (in stream order) with the rules of ``apply(_:)`` and returns the id of each
    /// fill's round trip, in a constant number of statements: one `SELECT … FOR UPDATE` of the open
    /// trips of the batch's symbols (in symbol order, so two harvestbrains cannot deadlock on
    /// them), the walk in Swift (``RoundTripBatchPlan``), then at most one id reservation, one
    /// `UPDATE` of the trips that were open and one `INSERT` of the new ones. The sums (quantities,
    /// notionals, PnL, fees, risk) are added by PostgreSQL's `numeric` `sum`, which gives the same
    /// values and scales as the one-at-a-time additions.
    /// `amounts` are the fills' ``LedgerFillAmounts``, in the same order.
    func apply(batch fills: [LedgerFill], amounts: [LedgerFillAmounts]) throws(PostgresError) -> [String] {
        guard !fills.isEmpty else { return [] }
        let plan = RoundTripBatchPlan(open: try lockOpenTrips(of: fills), fills: fills)
        var ids = plan.trips.map(\.existingID)
        let created = ids.indices.filter { ids[$0] == nil }
        if !created.isEmpty {
            for (index, id) in zip(created, try reserveIDs(created.count)) { ids[index] = id }
        }
        let tripIDs = ids.map { $0 ?? "" }
        let sums = Self.sumParameters(amounts, plan: plan, tripIDs: tripIDs)
        if created.count < plan.trips.count { try updateOpenTrips(plan, tripIDs: tripIDs, sums: sums) }
        if !created.isEmpty { try insertNewTrips(plan, tripIDs: tripIDs, sums: sums) }
        return plan.moves.map { tripIDs[$0.trip] }
    }

    /// Locks and reads the open trips of the fills' symbols.
    private func lockOpenTrips(of fills: [LedgerFill]) throws(PostgresError) -> [RoundTripBatchPlan.OpenTrip] {
        let symbols = RoundTripBatchPlan.symbols(of: fills)
        let rows = try connection.execute(
            Self.lockOpenTripsStatement,
            [
                PostgresArrayLiteral.encode(symbols.map(\.exchange)),
                PostgresArrayLiteral.encode(symbols.map(\.symbol)),
            ])
        var open: [RoundTripBatchPlan.OpenTrip] = []
        for row in rows.values {
            guard row.count == 6, let id = row[0], let exchange = row[1], let symbol = row[2], let side = row[3],
                let entry = row[4].flatMap({ Decimal(string: $0) }), let exit = row[5].flatMap({ Decimal(string: $0) })
            else { throw .unexpected("open round trip row \(row)") }
            open.append(.init(id: id, exchange: exchange, symbol: symbol, side: side, entryQty: entry, exitQty: exit))
        }
        return open
    }

    /// Takes `count` ids from the trips' sequence, ascending (the order one-at-a-time inserts would use).
    private func reserveIDs(_ count: Int) throws(PostgresError) -> [String] {
        let rows = try connection.execute(Self.reserveIDsStatement, [String(count)])
        let ids = rows.values.compactMap { $0.first ?? nil }.compactMap(Int64.init).sorted()
        guard ids.count == count else { throw .unexpected("reserved \(ids.count) round trip ids, wanted \(count)") }
        return ids.map(String.init)
    }

    /// `$1…$7`: one row per fill (trip id, grows, quantity, notional, PnL, fee, entry risk).
    private static func sumParameters(_ amounts: [LedgerFillAmounts], plan: RoundTripBatchPlan, tripIDs: [String])
        -> [String?]
    {
        var columns = Array(repeating: [String?](), count: 7)
        for index in columns.indices { columns[index].reserveCapacity(amounts.count) }
        for (amount, move) in zip(amounts, plan.moves) {
            columns[0].append(tripIDs[move.trip])
            columns[1].append(move.grows ? "true" : "false")
            columns[2].append(amount.quantity)
            columns[3].append(amount.notional)
            columns[4].append(amount.realizedPnL)
            columns[5].append(amount.commission)
            columns[6].append(move.grows ? amount.entryRiskUSDT : nil)
        }
        return columns.map { PostgresArrayLiteral.encode($0) }
    }

    /// The per-trip sums of the fills in `$1…$7`, as the subquery `s`.
    private static let sums = """
        SELECT f.trip,
               sum(f.qty) FILTER (WHERE f.grows) AS entry_qty,
               sum(f.notional) FILTER (WHERE f.grows) AS entry_notional,
               sum(f.qty) FILTER (WHERE NOT f.grows) AS exit_qty,
               sum(f.notional) FILTER (WHERE NOT f.grows) AS exit_notional,
               sum(f.pnl) AS pnl, sum(f.fee) AS fees,
               sum(f.risk) FILTER (WHERE f.grows) AS risk,
               count(*) FILTER (WHERE NOT f.grows) AS exits
          FROM unnest($1::bigint[], $2::boolean[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[])
               AS f(trip, grows, qty, notional, pnl, fee, risk)
         GROUP BY f.trip
        """

    /// The exit columns of `trip` as RoundTripBook's shrink sets them from its last reducing fill.
    private static func exitColumns(_ trip: RoundTripBatchPlan.Trip) -> [String?] {
        guard let exit = trip.lastExit else { return [nil, nil, nil, nil, nil] }
        return [
            exit.action, exit.exitReason ?? "other", exit.planSource, exit.killScore.map { "\($0)" }, exit.reasonCodes,
        ]
        .map(LedgerStore.storable)
    }

    private func updateOpenTrips(_ plan: RoundTripBatchPlan, tripIDs: [String], sums: [String?]) throws(PostgresError) {
        var columns = Array(repeating: [String?](), count: 9)
        for (index, trip) in plan.trips.enumerated() where trip.existingID != nil {
            let values: [String?] =
                [tripIDs[index], trip.lastExit == nil ? "false" : "true", trip.status, trip.closedAt]
                + Self.exitColumns(trip)
            for column in columns.indices { columns[column].append(values[column]) }
        }
        try connection.execute(Self.updateOpenTripsStatement, sums + columns.map { PostgresArrayLiteral.encode($0) })
    }

    private func insertNewTrips(_ plan: RoundTripBatchPlan, tripIDs: [String], sums: [String?]) throws(PostgresError) {
        var columns = Array(repeating: [String?](), count: 14)
        for (index, trip) in plan.trips.enumerated() where trip.existingID == nil {
            let values: [String?] =
                [
                    tripIDs[index], trip.exchange, trip.symbol, trip.side, trip.status, trip.openedAt,
                    trip.closedAt, trip.entryPlanID, trip.entrySource,
                ] + Self.exitColumns(trip)
            for column in columns.indices { columns[column].append(values[column]) }
        }
        try connection.execute(Self.insertNewTripsStatement, sums + columns.map { PostgresArrayLiteral.encode($0) })
    }

    /// Locks and reads the open trips of the (exchange, symbol) pairs in `$1`, `$2`.
    private static let lockOpenTripsStatement = PostgresStatement(
        name: "ledger_batch_lock_open_trips",
        sql: """
            SELECT r.id, r.exchange, r.symbol, r.side, r.entry_qty::text, r.exit_qty::text
              FROM ledger_round_trips r
             WHERE r.status = 'open'
               AND (r.exchange, r.symbol) IN (SELECT k.exchange, k.symbol FROM unnest($1::text[], $2::text[]) AS k(exchange, symbol))
             ORDER BY r.exchange, r.symbol
               FOR UPDATE OF r
            """)

    /// `$1` values of the trips' id sequence.
    private static let reserveIDsStatement = PostgresStatement(
        name: "ledger_batch_reserve_trip_ids",
        sql: """
            SELECT nextval(pg_get_serial_sequence('ledger_round_trips', 'id')) FROM generate_series(1, $1::int)
            """)

    /// Adds the sums `$1…$7` to the open trips `$8…$16` and sets their exit columns.
    private static let updateOpenTripsStatement = PostgresStatement(
        name: "ledger_batch_update_open_trips",
        sql: """
            UPDATE ledger_round_trips r
               SET entry_qty = r.entry_qty + COALESCE(s.entry_qty, 0),
                   entry_notional = r.entry_notional + COALESCE(s.entry_notional, 0),
                   exit_qty = r.exit_qty + COALESCE(s.exit_qty, 0),
                   exit_notional = r.exit_notional + COALESCE(s.exit_notional, 0),
                   gross_pnl = r.gross_pnl + s.pnl, fees = r.fees + s.fees,
                   entry_risk_usdt = CASE WHEN s.risk IS NULL THEN r.entry_risk_usdt
                                          ELSE COALESCE(r.entry_risk_usdt, 0) + s.risk END,
                   exits = r.exits + s.exits,
                   status = t.status,
                   closed_at = CASE WHEN t.exited THEN to_timestamp(t.closed_at) ELSE r.closed_at END,
                   exit_action = CASE WHEN t.exited THEN t.exit_action ELSE r.exit_action END,
                   exit_reason = CASE WHEN t.exited THEN t.exit_reason ELSE r.exit_reason END,
                   exit_source = CASE WHEN t.exited THEN t.exit_source ELSE r.exit_source END,
                   kill_score = CASE WHEN t.exited THEN t.kill_score ELSE r.kill_score END,
                   reason_codes = CASE WHEN t.exited THEN t.reason_codes ELSE r.reason_codes END
              FROM (\(Self.sums)) s,
                   unnest($8::bigint[], $9::boolean[], $10::text[], $11::double precision[], $12::text[], $13::text[],
                          $14::text[], $15::double precision[], $16::text[])
                   AS t(id, exited, status, closed_at, exit_action, exit_reason, exit_source, kill_score, reason_codes)
             WHERE r.id = t.id AND s.trip = t.id
            """)

    /// Inserts the trips `$8…$21` the batch opened, with the sums `$1…$7`.
    private static let insertNewTripsStatement = PostgresStatement(
        name: "ledger_batch_insert_new_trips",
        sql: """
            INSERT INTO ledger_round_trips (id, exchange, symbol, side, status, opened_at, closed_at, entry_qty, entry_notional,
                                            exit_qty, exit_notional, gross_pnl, fees, entry_risk_usdt, entry_plan_id,
                                            entry_source, exit_action, exit_reason, exit_source, kill_score, reason_codes, exits)
            SELECT t.id, t.exchange, t.symbol, t.side, t.status, to_timestamp(t.opened_at), to_timestamp(t.closed_at),
                   COALESCE(s.entry_qty, 0), COALESCE(s.entry_notional, 0), COALESCE(s.exit_qty, 0),
                   COALESCE(s.exit_notional, 0), s.pnl, s.fees, s.risk, t.entry_plan_id, t.entry_source, t.exit_action,
                   t.exit_reason, t.exit_source, t.kill_score, t.reason_codes, s.exits
              FROM unnest($8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::double precision[],
                          $14::double precision[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
                          $20::double precision[], $21::text[])
                   WITH ORDINALITY AS t(id, exchange, symbol, side, status, opened_at, closed_at, entry_plan_id,
                                        entry_source, exit_action, exit_reason, exit_source, kill_score, reason_codes, ord)
              JOIN (\(Self.sums)) s ON s.trip = t.id
             ORDER BY t.ord
            """)
}
