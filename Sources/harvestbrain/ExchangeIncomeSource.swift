import FoundationEssentials
import Shared

/// The exchange's income history read through the exchange client, every page.
///
/// Binance pages `/fapi/v1/income` by time, ascending, 1,000 rows at most: the next page starts at
/// the last row's time, and rows already seen (same type and transaction id) are dropped, so rows
/// sharing one millisecond are neither skipped nor doubled.
struct ExchangeIncomeSource: IncomeSource {
    let exchange: any Exchange
    let pageSize = 1000

    func income(from start: Date, until end: Date) async throws(IncomeSourceError) -> [IncomeRow] {
        let endMs = Int64(end.timeIntervalSince1970 * 1000) - 1
        var cursor = Int64(start.timeIntervalSince1970 * 1000)
        var seen = Set<String>()
        var rows: [IncomeRow] = []
        while cursor <= endMs {
            let page: [IncomeRecord]
            do {
                page = try await exchange.incomeHistory(IncomeQuery(startTime: cursor, endTime: endMs, limit: pageSize))
            } catch {
                throw IncomeSourceError("\(error)")
            }
            var added = 0
            for record in page where seen.insert("\(record.incomeType):\(record.transactionID)").inserted {
                added += 1
                rows.append(
                    IncomeRow(
                        symbol: record.symbol, incomeType: record.incomeType, amount: record.income,
                        asset: record.asset,
                        time: Date(timeIntervalSince1970: Double(record.time) / 1000),
                        tranID: String(record.transactionID),
                        tradeID: record.tradeID.isEmpty ? nil : record.tradeID))
            }
            guard page.count >= pageSize, let last = page.last else { break }
            // A full page of rows all sharing one millisecond cannot advance by time: step past it.
            cursor = added == 0 ? last.time + 1 : last.time
        }
        return rows.sorted { $0.time < $1.time }
    }
}
