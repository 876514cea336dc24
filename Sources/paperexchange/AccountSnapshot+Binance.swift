import Foundation

extension AccountSnapshot {
    private func money(_ value: Decimal) -> JSONValue { .decimal(value, scale: 8) }

    /// 1 ± the 4-bps fee Binance's break-even price of a long (short) position covers.
    private static let breakEvenLong = Decimal(string: "1.0004")!
    private static let breakEvenShort = Decimal(string: "0.9996")!

    /// A `positionRisk` row; v2 carries leverage and margin type, v3 the margin fields.
    func positionJSON(_ symbol: String, v3: Bool) -> JSONValue {
        let spec = specs[symbol]!
        let position = position(symbol)
        let mark = marks[symbol] ?? 0
        let breakEven =
            position.amount == 0
            ? 0
            : position.entryPrice * (position.amount > 0 ? Self.breakEvenLong : Self.breakEvenShort)
        let notional = position.amount * mark
        let initial = v3 ? initialMargin(symbol) : 0
        var fields: [(String, JSONValue)] = [
            ("symbol", .string(symbol)),
            ("positionSide", .string("BOTH")),
            ("positionAmt", .decimal(position.amount, scale: spec.quantityScale)),
            ("entryPrice", .decimal(position.entryPrice, scale: 8)),
            ("breakEvenPrice", .decimal(breakEven, scale: 8)),
            ("markPrice", .decimal(mark, scale: 8)),
            ("unRealizedProfit", money(unrealized(symbol))),
            ("liquidationPrice", .string("0")),
        ]
        if v3 {
            fields += [
                ("isolatedMargin", money(0)), ("notional", money(notional)), ("marginAsset", .string("USDT")),
                ("isolatedWallet", money(0)), ("initialMargin", money(initial)),
                ("maintMargin", money(maintenanceMargin(symbol))), ("positionInitialMargin", money(initial)),
                ("openOrderInitialMargin", money(0)), ("adl", .int(position.amount == 0 ? 0 : 1)),
                ("bidNotional", money(0)), ("askNotional", money(0)),
            ]
        } else {
            let isolated = marginType[symbol] == "ISOLATED"
            fields += [
                ("leverage", .string("\(leverage(of: symbol))")), ("maxNotionalValue", .string("1000000")),
                ("marginType", .string(isolated ? "isolated" : "cross")), ("isolatedMargin", money(0)),
                ("isAutoAddMargin", .string("false")), ("notional", money(notional)), ("isolatedWallet", money(0)),
            ]
        }
        fields.append(("updateTime", .int(position.updateTime)))
        return .object(fields)
    }

    /// The USDT asset row of the account endpoints.
    private var assetJSON: JSONValue {
        .object([
            ("asset", .string("USDT")), ("walletBalance", money(walletBalance)),
            ("unrealizedProfit", money(totalUnrealized)), ("marginBalance", money(marginBalance)),
            ("maintMargin", money(totalMaintenanceMargin)), ("initialMargin", money(totalInitialMargin)),
            ("positionInitialMargin", money(totalInitialMargin)), ("openOrderInitialMargin", money(0)),
            ("crossWalletBalance", money(walletBalance)), ("crossUnPnl", money(totalUnrealized)),
            ("availableBalance", money(availableBalance)), ("maxWithdrawAmount", money(availableBalance)),
            ("marginAvailable", .bool(true)), ("updateTime", .int(updateTime)),
        ])
    }

    /// `GET /fapi/v2/account` (all symbols in positions) or `/fapi/v3/account` (active only).
    func accountJSON(v3: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if !v3 {
            fields += [
                ("feeTier", .int(0)), ("feeBurn", .bool(false)), ("canTrade", .bool(true)),
                ("canDeposit", .bool(true)), ("canWithdraw", .bool(true)), ("updateTime", .int(0)),
                ("multiAssetsMargin", .bool(false)), ("tradeGroupId", .int(-1)),
            ]
        }
        fields += [
            ("totalInitialMargin", money(totalInitialMargin)), ("totalMaintMargin", money(totalMaintenanceMargin)),
            ("totalWalletBalance", money(walletBalance)), ("totalUnrealizedProfit", money(totalUnrealized)),
            ("totalMarginBalance", money(marginBalance)), ("totalPositionInitialMargin", money(totalInitialMargin)),
            ("totalOpenOrderInitialMargin", money(0)), ("totalCrossWalletBalance", money(walletBalance)),
            ("totalCrossUnPnl", money(totalUnrealized)), ("availableBalance", money(availableBalance)),
            ("maxWithdrawAmount", money(availableBalance)), ("assets", .array([assetJSON])),
        ]
        let listed = v3 ? activeSymbols : symbols
        let positions: [JSONValue] = listed.map { symbol in
            let spec = specs[symbol]!
            let p = position(symbol)
            var row: [(String, JSONValue)] = [
                ("symbol", .string(symbol)), ("positionSide", .string("BOTH")),
                ("positionAmt", .decimal(p.amount, scale: spec.quantityScale)),
                ("unrealizedProfit", money(unrealized(symbol))), ("isolatedMargin", money(0)),
                ("notional", money(p.amount * (marks[symbol] ?? 0))), ("isolatedWallet", money(0)),
                ("initialMargin", money(initialMargin(symbol))), ("maintMargin", money(maintenanceMargin(symbol))),
            ]
            if !v3 {
                row += [
                    ("leverage", .string("\(leverage(of: symbol))")),
                    ("isolated", .bool(marginType[symbol] == "ISOLATED")),
                    ("entryPrice", .decimal(p.entryPrice, scale: 8)), ("maxNotional", .string("1000000")),
                    ("bidNotional", money(0)), ("askNotional", money(0)),
                ]
            }
            row.append(("updateTime", .int(p.updateTime)))
            return .object(row)
        }
        fields.append(("positions", .array(positions)))
        return .object(fields)
    }

    /// `GET /fapi/v2/balance` and `/fapi/v3/balance`.
    var balanceJSON: JSONValue {
        .array([
            .object([
                ("accountAlias", .string("paper")), ("asset", .string("USDT")), ("balance", money(walletBalance)),
                ("crossWalletBalance", money(walletBalance)), ("crossUnPnl", money(totalUnrealized)),
                ("availableBalance", money(availableBalance)), ("maxWithdrawAmount", money(availableBalance)),
                ("marginAvailable", .bool(true)), ("updateTime", .int(updateTime)),
            ])
        ])
    }
}
