import Foundation

extension ExchangeRoutes {
    /// Signed account endpoints: positions, account, balance, leverage, margin type, income, config.
    mutating func addAccountRoutes() {
        let engine = engine
        let feeRate = configuration.feeBps / 10_000
        for version in ["v2", "v3"] {
            let v3 = version == "v3"
            add("GET", "/fapi/\(version)/positionRisk", security: .signed, weight: 5) {
                parameters throws(ExchangeRejection) in
                let wanted = try parameters.string("symbol").map { (s: String) throws(ExchangeRejection) in
                    try engine.spec(s).symbol
                }
                let snapshot = await engine.snapshot()
                var listed = v3 ? snapshot.activeSymbols : snapshot.symbols
                if let wanted { listed = listed.filter { $0 == wanted } }
                return .array(listed.map { snapshot.positionJSON($0, v3: v3) })
            }
            add("GET", "/fapi/\(version)/account", security: .signed, weight: 5) { _ in
                await engine.snapshot().accountJSON(v3: v3)
            }
            add("GET", "/fapi/\(version)/balance", security: .signed, weight: 5) { _ in
                await engine.snapshot().balanceJSON
            }
        }
        add("POST", "/fapi/v1/leverage", security: .signed) { parameters throws(ExchangeRejection) in
            let (spec, leverage) = try await engine.setLeverage(
                symbol: parameters.string("symbol"), leverage: parameters.string("leverage"))
            return .object([
                ("leverage", .int(leverage)), ("maxNotionalValue", .string("1000000")),
                ("symbol", .string(spec.symbol)),
            ])
        }
        add("POST", "/fapi/v1/marginType", security: .signed) { parameters throws(ExchangeRejection) in
            try await engine.setMarginType(
                symbol: parameters.string("symbol"), marginType: parameters.string("marginType"))
            return Self.success
        }
        add("GET", "/fapi/v1/leverageBracket", "/fapi/v2/leverageBracket", security: .signed) {
            parameters throws(ExchangeRejection) in
            let snapshot = await engine.snapshot()
            let wanted = parameters.string("symbol")?.uppercased()
            let rows: [JSONValue] = snapshot.symbols.filter { wanted == nil || $0 == wanted }.map { symbol in
                let spec = snapshot.specs[symbol]!
                return .object([
                    ("symbol", .string(symbol)), ("notionalCoef", .int(1)),
                    (
                        "brackets",
                        .array([
                            .object([
                                ("bracket", .int(1)), ("initialLeverage", .int(spec.maxLeverage)),
                                ("notionalCap", .int(1_000_000)),
                                ("notionalFloor", .int(0)), ("maintMarginRatio", .string("0.004")),
                                ("cum", .string("0.0")),
                            ])
                        ])
                    ),
                ])
            }
            return .array(rows)
        }
        add("GET", "/fapi/v1/positionSide/dual", security: .signed, weight: 30) { _ in
            .object([("dualSidePosition", .bool(false))])
        }
        add("POST", "/fapi/v1/positionSide/dual", security: .signed) { parameters throws(ExchangeRejection) in
            guard parameters.bool("dualSidePosition") else { throw .positionSideUnchanged }
            throw ExchangeRejection(code: -4059, "Hedge mode is not supported by paperexchange.")
        }
        add("GET", "/fapi/v1/multiAssetsMargin", security: .signed, weight: 30) { _ in
            .object([("multiAssetsMargin", .bool(false))])
        }
        add("GET", "/fapi/v1/commissionRate", security: .signed, weight: 20) { parameters throws(ExchangeRejection) in
            let spec = try engine.spec(parameters.string("symbol"))
            return .object([
                ("symbol", .string(spec.symbol)), ("makerCommissionRate", .decimal(feeRate / 2, scale: 6)),
                ("takerCommissionRate", .decimal(feeRate, scale: 6)),
            ])
        }
        add("GET", "/fapi/v1/symbolConfig", security: .signed, weight: 5) { parameters throws(ExchangeRejection) in
            let snapshot = await engine.snapshot()
            let wanted = parameters.string("symbol")?.uppercased()
            return .array(
                snapshot.symbols.filter { wanted == nil || $0 == wanted }.map { symbol in
                    .object([
                        ("symbol", .string(symbol)), ("marginType", .string(snapshot.marginType[symbol] ?? "CROSSED")),
                        ("isAutoAddMargin", .bool(false)), ("leverage", .int(snapshot.leverage(of: symbol))),
                        ("maxNotionalValue", .string("1000000")),
                    ])
                })
        }
        add("GET", "/fapi/v1/accountConfig", security: .signed, weight: 5) { _ in
            let snapshot = await engine.snapshot()
            return .object([
                ("feeTier", .int(0)), ("canTrade", .bool(true)), ("canDeposit", .bool(true)),
                ("canWithdraw", .bool(true)),
                ("dualSidePosition", .bool(false)), ("updateTime", .int(snapshot.updateTime)),
                ("multiAssetsMargin", .bool(false)), ("tradeGroupId", .int(-1)),
            ])
        }
        add("GET", "/fapi/v1/income", security: .signed, weight: 30) { parameters throws(ExchangeRejection) in
            let limit = try Self.limit(parameters, fallback: 100, maximum: 1000)
            let rows = await engine.incomeHistory(
                symbol: parameters.string("symbol"), type: parameters.string("incomeType"),
                start: try parameters.int64("startTime"), end: try parameters.int64("endTime"), limit: limit)
            return .array(rows.map(\.binanceJSON))
        }
        add("POST", "/fapi/v1/listenKey", security: .apiKey) { _ in
            .object([("listenKey", .string("paperexchange-listen-key-user-data-streams-are-not-served"))])
        }
        add("PUT", "/fapi/v1/listenKey", security: .apiKey) { _ in
            .object([("listenKey", .string("paperexchange-listen-key-user-data-streams-are-not-served"))])
        }
        add("DELETE", "/fapi/v1/listenKey", security: .apiKey) { _ in .object([]) }
    }
}
