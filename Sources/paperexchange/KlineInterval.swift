/// A kline interval of Binance's list ("1m" … "1w"), as milliseconds.
struct KlineInterval: Sendable {
    let millis: Int64

    private static let table: [String: Int64] = [
        "1m": 60, "3m": 180, "5m": 300, "15m": 900, "30m": 1800, "1h": 3600, "2h": 7200, "4h": 14_400,
        "6h": 21_600, "8h": 28_800, "12h": 43_200, "1d": 86_400, "3d": 259_200, "1w": 604_800,
    ]

    /// Parses an interval, or `-1120` "Invalid interval.".
    init(_ text: String?) throws(ExchangeRejection) {
        guard let text else { throw .mandatory("interval") }
        guard let seconds = Self.table[text] else { throw ExchangeRejection(code: -1120, "Invalid interval.") }
        millis = seconds * 1000
    }

    /// Merges one-minute candles (in order) into candles of this interval.
    func aggregate(_ minutes: [Candle]) -> [Candle] {
        guard millis > 60_000 else { return minutes }
        var result: [Candle] = []
        var groupStart = minutes.startIndex
        while groupStart < minutes.endIndex {
            let bucket = minutes[groupStart].openTime / millis * millis
            var end = groupStart
            while end < minutes.endIndex, minutes[end].openTime / millis * millis == bucket { end += 1 }
            result.append(Candle.merge(minutes[groupStart..<end], openTime: bucket))
            groupStart = end
        }
        return result
    }
}
