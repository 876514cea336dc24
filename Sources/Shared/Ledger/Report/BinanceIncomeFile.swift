import FoundationEssentials

/// An ``IncomeSource`` over a saved `/fapi/v1/income` answer: a JSON array of
/// `{"symbol", "incomeType", "income", "asset", "time", "tranId", "tradeId"}` objects (several
/// pages may be concatenated into one array). `-` reads standard input.
package struct BinanceIncomeFile: IncomeSource {
    package var path: String

    package init(path: String) {
        self.path = path
    }

    package func income(from start: Date, until end: Date) async throws(IncomeSourceError) -> [IncomeRow] {
        let data: Data
        if path == "-" {
            data = Data(StandardStreams.readInput())
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw IncomeSourceError("cannot read \(path)")
            }
            data = contents
        }
        let rows = try Self.parse(data, origin: path)
        return rows.filter { $0.time >= start && $0.time < end }.sorted { $0.time < $1.time }
    }

    /// Parses Binance's income JSON; `income` may be text or a number, `tranId` a number or text.
    package static func parse(_ data: Data, origin: String = "input") throws(IncomeSourceError) -> [IncomeRow] {
        // Numbers keep their literal text (ids and amounts never pass through a Double).
        guard let array = (try? BinanceJSON.parse(Array(data)))?.arrayValue,
            array.allSatisfy({ if case .object = $0 { true } else { false } })
        else {
            throw IncomeSourceError("\(origin) is not a JSON array of income objects")
        }
        var rows: [IncomeRow] = []
        for (index, object) in array.enumerated() {
            func text(_ key: String) -> String? { object[key]?.stringValue }
            guard let type = text("incomeType"), let amountText = text("income"),
                let amount = Decimal(string: amountText, locale: Locale(identifier: "en_US_POSIX")), !amount.isNaN,
                let timeText = text("time"), let millis = Int64(timeText), let tranID = text("tranId")
            else {
                throw IncomeSourceError("\(origin): row \(index) lacks incomeType, income, time or tranId")
            }
            let tradeID = text("tradeId").flatMap { $0.isEmpty ? nil : $0 }
            rows.append(
                IncomeRow(
                    symbol: text("symbol") ?? "", incomeType: type, amount: amount, asset: text("asset") ?? "",
                    time: Date(timeIntervalSince1970: Double(millis) / 1000), tranID: tranID, tradeID: tradeID))
        }
        return rows
    }
}
