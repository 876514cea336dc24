import FoundationEssentials

/// Read-only queries over the ledger for `harvestbrain report` and the scorecard.
///
/// Money figures come from `ledger_pnl_events` (orders and funding, by the time they happened);
/// trade counts and statistics from closed round trips (by the time they closed). All money is
/// read as `NUMERIC` text and kept as `Decimal`.
package struct LedgerReport: Sendable {
    let database: PostgresClient

    package init(database: PostgresClient) {
        self.database = database
    }

    /// Totals, every breakdown, trade statistics and the equity curve for `filter`.
    package func summary(_ filter: ReportFilter) async throws(PostgresError) -> LedgerSummary {
        let money = try await moneyTotals(filter)
        let nets = try await roundTripNets(filter)
        let curve = try await equityCurve(filter)
        let stats = TradeStats(roundTripNets: nets, maxDrawdown: EquityPoint.maxDrawdown(of: curve))
        var totals = money
        totals.trades = stats.trades
        totals.wins = stats.wins
        totals.losses = stats.losses
        return LedgerSummary(
            filter: filter, totals: totals,
            byDay: try await breakdown(.day, filter), byWeek: try await breakdown(.week, filter),
            byMonth: try await breakdown(.month, filter), bySymbol: try await breakdown(.symbol, filter),
            byExitReason: try await breakdown(.exitReason, filter), bySource: try await breakdown(.source, filter),
            stats: stats, equity: curve)
    }

    /// Realized PnL, commission and funding in the period (trade counts left at zero).
    package func moneyTotals(_ filter: ReportFilter) async throws(PostgresError) -> LedgerTotals {
        let rows = try await database.query(
            """
            SELECT sum(realized_pnl) AS realized_pnl, sum(commission) AS commission, sum(funding) AS funding
              FROM ledger_pnl_events WHERE \(ReportFilter.condition(time: "at"))
            """, filter.parameters)
        return LedgerTotals(
            realizedPnL: try LedgerDecimal.parseOrZero(try rows.value(0, "realized_pnl"), column: "realized_pnl"),
            commission: try LedgerDecimal.parseOrZero(try rows.value(0, "commission"), column: "commission"),
            funding: try LedgerDecimal.parseOrZero(try rows.value(0, "funding"), column: "funding"))
    }

    /// Realized PnL, commission and funding per group; calendar groups in time order, the others by
    /// net PnL, best first.
    package func breakdown(_ dimension: PnLDimension, _ filter: ReportFilter) async throws(PostgresError) -> [PnLRow] {
        let rows = try await database.query(
            """
            SELECT \(dimension.keyExpression) AS key, sum(realized_pnl) AS realized_pnl, sum(commission) AS commission,
                   sum(funding) AS funding, count(*) AS events
              FROM ledger_pnl_events WHERE \(ReportFilter.condition(time: "at"))
             GROUP BY 1 ORDER BY 1
            """, filter.parameters)
        var result: [PnLRow] = []
        for index in 0..<rows.count {
            result.append(
                PnLRow(
                    key: try rows.value(index, "key") ?? "",
                    realizedPnL: try LedgerDecimal.parseOrZero(
                        try rows.value(index, "realized_pnl"), column: "realized_pnl"),
                    commission: try LedgerDecimal.parseOrZero(
                        try rows.value(index, "commission"), column: "commission"),
                    funding: try LedgerDecimal.parseOrZero(try rows.value(index, "funding"), column: "funding"),
                    events: Int(try rows.value(index, "events") ?? "") ?? 0))
        }
        if !dimension.isCalendar {
            result.sort { $0.netPnL != $1.netPnL ? $0.netPnL > $1.netPnL : $0.key < $1.key }
        }
        return result
    }

    /// Net PnL (gross − fees + funding) of each round trip closed in the period, in close order.
    package func roundTripNets(_ filter: ReportFilter) async throws(PostgresError) -> [Decimal] {
        let rows = try await database.query(
            """
            SELECT gross_pnl - fees + funding AS net FROM ledger_round_trips
             WHERE status = 'closed' AND \(ReportFilter.condition(time: "closed_at"))
             ORDER BY closed_at, id
            """, filter.parameters)
        var nets: [Decimal] = []
        for index in 0..<rows.count {
            nets.append(try LedgerDecimal.parseOrZero(try rows.value(index, "net"), column: "net"))
        }
        return nets
    }

    /// Statistics over the round trips closed in the period, with the drawdown of its equity curve.
    package func stats(_ filter: ReportFilter) async throws(PostgresError) -> TradeStats {
        let nets = try await roundTripNets(filter)
        return TradeStats(roundTripNets: nets, maxDrawdown: EquityPoint.maxDrawdown(of: try await equityCurve(filter)))
    }

    /// The cumulative net PnL after each ledger event (order or funding payment) of the period.
    package func equityCurve(_ filter: ReportFilter) async throws(PostgresError) -> [EquityPoint] {
        let rows = try await database.query(
            """
            SELECT extract(epoch FROM at)::text AS at, realized_pnl - commission + funding AS net
              FROM ledger_pnl_events WHERE \(ReportFilter.condition(time: "at"))
             ORDER BY at
            """, filter.parameters)
        var equity: Decimal = 0
        var curve: [EquityPoint] = []
        curve.reserveCapacity(rows.count)
        for index in 0..<rows.count {
            guard let epoch = Double(try rows.value(index, "at") ?? "") else {
                throw .unexpected("event without a time")
            }
            equity += try LedgerDecimal.parseOrZero(try rows.value(index, "net"), column: "net")
            curve.append(EquityPoint(time: Date(timeIntervalSince1970: epoch), equity: equity))
        }
        return curve
    }
}
