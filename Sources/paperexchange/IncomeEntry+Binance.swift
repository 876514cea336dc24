import Foundation

extension IncomeEntry {
    /// A row of `GET /fapi/v1/income`.
    var binanceJSON: JSONValue {
        .object([
            ("symbol", .string(symbol)),
            ("incomeType", .string(incomeType)),
            ("income", .decimal(income, scale: 8)),
            ("asset", .string(asset)),
            ("info", .string(info)),
            ("time", .int(time)),
            ("tranId", .int(tranId)),
            ("tradeId", .string(tradeId)),
        ])
    }
}
