import FoundationEssentials

extension Reconciliation {
    /// An aligned table of every symbol-day and a closing verdict line.
    package func text() -> String {
        var lines = [
            "Reconciliation \(ReportTime.rfc3339(since)) to \(ReportTime.rfc3339(until)) (end excluded), "
                + "tolerance \(LedgerDecimal.text(tolerance)) per symbol-day"
        ]
        if rows.isEmpty {
            lines.append("  no ledger or exchange rows in this period")
        } else {
            var table = TextTable(
                headers: [
                    "day", "symbol", "ledger pnl", "exch pnl", "ledger fee", "exch fee",
                    "ledger fund", "exch fund", "drift", "status",
                ],
                alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .left])
            for row in rows {
                table.append(
                    [row.day, row.symbol]
                        + [
                            row.ledgerRealized, row.exchangeRealized, row.ledgerCommission,
                            row.exchangeCommission, row.ledgerFunding, row.exchangeFunding, row.drift,
                        ].map(LedgerDecimal.text)
                        + [row.withinTolerance ? "ok" : "DRIFT"])
            }
            lines.append(table.render())
        }
        let drifting = drifting.count
        lines.append(
            drifting == 0
                ? "OK: every symbol-day is within the tolerance"
                : "DRIFT: \(drifting) of \(rows.count) symbol-days beyond the tolerance")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"since", "until", "tolerance", "within_tolerance", "rows": [...]}`, decimals as strings.
    package func json(pretty: Bool = true) -> String {
        JSONText.encode(
            JSONText.Object([
                ("since", .text(ReportTime.rfc3339(since))), ("until", .text(ReportTime.rfc3339(until))),
                ("tolerance", .decimal(tolerance)), ("within_tolerance", .bool(allWithinTolerance)),
                (
                    "rows",
                    .array(
                        rows.map { row in
                            .object(
                                JSONText.Object([
                                    ("day", .text(row.day)), ("symbol", .text(row.symbol)),
                                    ("ledger_realized_pnl", .decimal(row.ledgerRealized)),
                                    ("exchange_realized_pnl", .decimal(row.exchangeRealized)),
                                    ("ledger_commission", .decimal(row.ledgerCommission)),
                                    ("exchange_commission", .decimal(row.exchangeCommission)),
                                    ("ledger_funding", .decimal(row.ledgerFunding)),
                                    ("exchange_funding", .decimal(row.exchangeFunding)),
                                    ("drift", .decimal(row.drift)), ("within_tolerance", .bool(row.withinTolerance)),
                                ]))
                        })
                ),
            ]), pretty: pretty)
    }
}
