import Foundation

/// Replays a klines CSV in Binance's public-data format (data.binance.vision:
/// `open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
/// taker_buy_quote_volume,ignore`, with or without a header line) one simulated second at a time.
///
/// Each bar is walked open → first extreme → second extreme → close (low first on an up bar),
/// so the one-minute candles the exchange builds from it have the file's OHLC. The file's own
/// times are not used: its first bar starts where the exchange's history starts.
struct KlineReplay: Sendable {
    /// One bar of the file.
    struct Bar: Sendable, Equatable {
        var open: Double
        var high: Double
        var low: Double
        var close: Double
        var volume: Double
        /// Length of the bar in seconds (60 for 1m files).
        var seconds: Int
    }

    /// Why a replay file could not be used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let bars: [Bar]
    private var index = 0
    private var elapsed = 0

    init(bars: [Bar]) {
        self.bars = bars
    }

    /// Reads a CSV file; throws on an unreadable file, a malformed row or an empty file.
    init(path: String) throws(Failure) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(description: "cannot read replay file \(path): \(error.localizedDescription)")
        }
        var bars: [Bar] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if number == 0, let first = fields.first, Int64(first) == nil { continue }  // header
            guard fields.count >= 7, let openTime = Double(fields[0]), let closeTime = Double(fields[6]),
                let open = Double(fields[1]), let high = Double(fields[2]), let low = Double(fields[3]),
                let close = Double(fields[4]), let volume = Double(fields[5]),
                open > 0, low > 0, high >= low
            else {
                throw Failure(description: "replay file \(path), line \(number + 1): not a kline row")
            }
            let unit = openTime > 1e14 ? 1e6 : 1e3  // newer public files use microseconds
            let seconds = Int(((closeTime - openTime + 1) / unit).rounded())
            bars.append(
                Bar(
                    open: open, high: high, low: low, close: close, volume: volume,
                    seconds: min(max(seconds, 4), 604_800)))
        }
        guard !bars.isEmpty else { throw Failure(description: "replay file \(path) has no kline rows") }
        self.init(bars: bars)
    }

    /// The next second's price and base volume, or nil when the file is exhausted.
    mutating func next() -> (price: Double, volume: Double)? {
        guard index < bars.count else { return nil }
        let bar = bars[index]
        let n = bar.seconds
        let t = elapsed
        elapsed += 1
        if elapsed >= n {
            elapsed = 0
            index += 1
        }
        let up = bar.close >= bar.open
        let points: [(Int, Double)] = [
            (0, bar.open), (n / 3, up ? bar.low : bar.high), (2 * n / 3, up ? bar.high : bar.low), (n - 1, bar.close),
        ]
        for (a, b) in zip(points, points.dropFirst()) where t <= b.0 {
            let span = Double(max(b.0 - a.0, 1))
            let price = a.1 + (b.1 - a.1) * Double(t - a.0) / span
            return (price, bar.volume / Double(n))
        }
        return (bar.close, bar.volume / Double(n))
    }
}
