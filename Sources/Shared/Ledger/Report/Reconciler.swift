import FoundationEssentials

/// Compares the ledger's realized PnL, commissions and funding with the exchange's income history
/// per symbol and UTC day, and records what it found.
///
/// In one transaction it stores the income rows in `ledger_income` (idempotent on exchange,
/// income type and transaction id), copies `FUNDING_FEE` rows into `ledger_funding` (the ledger's
/// only source of funding; idempotent on exchange and transaction id) and adds each new one to
/// the round trip of its symbol open at that time, compares, and appends one
/// `ledger_reconciliations` row per symbol-day.
///
/// - Important: The ledger side is every order and funding row of the database, whatever its
///   `exchange` column: one ledger holds one account.
package struct Reconciler: Sendable {
    let database: PostgresClient
    /// The `exchange` recorded with income, funding and reconciliation rows.
    package var exchange: String

    package init(database: PostgresClient, exchange: String = "binance_usdm") {
        self.database = database
        self.exchange = exchange
    }

    /// Records `income`, compares `since <= time < until`, and returns the rows with their drift.
    /// `tolerance` is in the quote asset per symbol-day.
    package func reconcile(income: [IncomeRow], since: Date, until: Date, tolerance: Decimal)
        async throws(PostgresError)
        -> Reconciliation
    {
        let exchange = exchange
        let rows = try await database.transaction { connection throws(PostgresError) -> [ReconciliationRow] in
            for row in income {
                let values: [String?] = [
                    exchange, row.symbol, row.incomeType, row.tranID, LedgerDecimal.text(row.amount), row.asset,
                    ReportTime.rfc3339(row.time), row.tradeID,
                ]
                try connection.query(
                    """
                    INSERT INTO ledger_income (exchange, symbol, income_type, tran_id, amount, asset, income_time, trade_id)
                    VALUES ($1, $2, $3, $4, $5::numeric, $6, $7::timestamptz, $8)
                    ON CONFLICT (exchange, income_type, tran_id) DO NOTHING
                    """, values)
                if row.incomeType == "FUNDING_FEE" { try Self.recordFunding(row, exchange: exchange, connection) }
            }
            let compared = try Self.compare(
                connection, exchange: exchange, since: since, until: until, tolerance: tolerance)
            for row in compared {
                try connection.query(
                    """
                    INSERT INTO ledger_reconciliations (exchange, symbol, day, ledger_realized, exchange_realized,
                        ledger_commission, exchange_commission, ledger_funding, exchange_funding, drift, tolerance,
                        within_tolerance)
                    VALUES ($1, $2, $3::date, $4::numeric, $5::numeric, $6::numeric, $7::numeric, $8::numeric,
                            $9::numeric, $10::numeric, $11::numeric, $12::boolean)
                    """,
                    [
                        exchange, row.symbol, row.day, LedgerDecimal.text(row.ledgerRealized),
                        LedgerDecimal.text(row.exchangeRealized), LedgerDecimal.text(row.ledgerCommission),
                        LedgerDecimal.text(row.exchangeCommission), LedgerDecimal.text(row.ledgerFunding),
                        LedgerDecimal.text(row.exchangeFunding), LedgerDecimal.text(row.drift),
                        LedgerDecimal.text(tolerance), row.withinTolerance ? "true" : "false",
                    ])
            }
            return compared
        }
        return Reconciliation(since: since, until: until, tolerance: tolerance, rows: rows)
    }

    /// Stores a funding payment once and adds it to the round trip of its symbol open at that time.
    private static func recordFunding(_ row: IncomeRow, exchange: String, _ connection: PostgresConnection)
        throws(PostgresError)
    {
        let amount = LedgerDecimal.text(row.amount)
        let time = ReportTime.rfc3339(row.time)
        let inserted = try connection.query(
            """
            INSERT INTO ledger_funding (exchange, symbol, tran_id, amount, asset, funding_time)
            VALUES ($1, $2, $3, $4::numeric, $5, $6::timestamptz)
            ON CONFLICT (exchange, tran_id) DO NOTHING
            """, [exchange, row.symbol, row.tranID, amount, row.asset, time])
        guard inserted.affectedRows == 1 else { return }
        try connection.query(
            """
            UPDATE ledger_round_trips SET funding = funding + $3::numeric
             WHERE id = (SELECT id FROM ledger_round_trips
                          WHERE symbol = $1 AND opened_at <= $2::timestamptz
                            AND (closed_at IS NULL OR closed_at >= $2::timestamptz)
                          ORDER BY opened_at DESC, id DESC LIMIT 1)
            """, [row.symbol, time, amount])
    }

    private static func compare(
        _ connection: PostgresConnection, exchange: String, since: Date, until: Date, tolerance: Decimal
    ) throws(PostgresError) -> [ReconciliationRow] {
        let result = try connection.query(
            """
            WITH ledger AS (
                SELECT symbol, (executed_at AT TIME ZONE 'UTC')::date AS day, realized_pnl AS realized,
                       commission, 0::numeric AS funding
                  FROM ledger_orders WHERE executed_at >= $1::timestamptz AND executed_at < $2::timestamptz
                UNION ALL
                SELECT symbol, (funding_time AT TIME ZONE 'UTC')::date, 0, 0, amount
                  FROM ledger_funding WHERE funding_time >= $1::timestamptz AND funding_time < $2::timestamptz
            ), l AS (
                SELECT symbol, day, sum(realized) AS realized, sum(commission) AS commission, sum(funding) AS funding
                  FROM ledger GROUP BY 1, 2
            ), x AS (
                SELECT symbol, (income_time AT TIME ZONE 'UTC')::date AS day,
                       COALESCE(sum(amount) FILTER (WHERE income_type = 'REALIZED_PNL'), 0) AS realized,
                       COALESCE(-sum(amount) FILTER (WHERE income_type = 'COMMISSION'), 0) AS commission,
                       COALESCE(sum(amount) FILTER (WHERE income_type = 'FUNDING_FEE'), 0) AS funding
                  FROM ledger_income
                 WHERE exchange = $3 AND income_type IN ('REALIZED_PNL', 'COMMISSION', 'FUNDING_FEE')
                   AND income_time >= $1::timestamptz AND income_time < $2::timestamptz
                 GROUP BY 1, 2
            )
            SELECT COALESCE(l.symbol, x.symbol) AS symbol, to_char(COALESCE(l.day, x.day), 'YYYY-MM-DD') AS day,
                   COALESCE(l.realized, 0) AS ledger_realized, COALESCE(x.realized, 0) AS exchange_realized,
                   COALESCE(l.commission, 0) AS ledger_commission, COALESCE(x.commission, 0) AS exchange_commission,
                   COALESCE(l.funding, 0) AS ledger_funding, COALESCE(x.funding, 0) AS exchange_funding
              FROM l FULL OUTER JOIN x ON l.symbol = x.symbol AND l.day = x.day
             ORDER BY 2, 1
            """, [ReportTime.rfc3339(since), ReportTime.rfc3339(until), exchange])
        var rows: [ReconciliationRow] = []
        for index in 0..<result.count {
            func number(_ column: String) throws(PostgresError) -> Decimal {
                try LedgerDecimal.parseOrZero(try result.value(index, column), column: column)
            }
            rows.append(
                ReconciliationRow(
                    symbol: try result.value(index, "symbol") ?? "", day: try result.value(index, "day") ?? "",
                    ledgerRealized: try number("ledger_realized"), exchangeRealized: try number("exchange_realized"),
                    ledgerCommission: try number("ledger_commission"),
                    exchangeCommission: try number("exchange_commission"),
                    ledgerFunding: try number("ledger_funding"), exchangeFunding: try number("exchange_funding"),
                    tolerance: tolerance))
        }
        return rows
    }
}
