import Foundation

/// One row of `GET /fapi/v1/income`: REALIZED_PNL, COMMISSION (negative) or FUNDING_FEE.
struct IncomeEntry: Sendable, Codable, Equatable {
    var tranId: Int64
    var symbol: String
    var incomeType: String
    var income: Decimal
    var asset: String = "USDT"
    var info: String
    var time: Int64
    /// The trade id as a string, or "" for funding.
    var tradeId: String
}
