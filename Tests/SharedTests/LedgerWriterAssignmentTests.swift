import Foundation
import Testing

@testable import Shared

/// How harvestbrain deals a chunk's results to its ledger writers (`LEDGER_WRITERS`).
@Suite("Ledger writer assignment")
struct LedgerWriterAssignmentTests {
    /// The writers' loads and each key's writers, for `keys` dealt over `count` writers.
    func deal(_ keys: [String], _ count: Int) -> (load: [Int], writersOf: [String: Set<Int>]) {
        let writers = LedgerWriterAssignment.writers(for: keys, count: count)
        var load = Array(repeating: 0, count: count)
        var writersOf: [String: Set<Int>] = [:]
        for (key, writer) in zip(keys, writers) {
            load[writer] += 1
            writersOf[key, default: []].insert(writer)
        }
        return (load, writersOf)
    }

    @Test("one writer takes everything")
    func oneWriter() {
        #expect(LedgerWriterAssignment.writers(for: ["a", "b", "a"], count: 1) == [0, 0, 0])
        #expect(LedgerWriterAssignment.writers(for: [], count: 3) == [])
    }

    @Test("every key goes to one writer, in stream order, whatever its results are interleaved with")
    func oneWriterPerKey() {
        let keys = (0..<1_000).map { ["ETH", "BTC", "SOL", "DOGE", "XRP", "ETH", "ETH"][($0 * 7 + $0 / 3) % 7] }
        for count in 2...5 {
            let (load, writersOf) = deal(keys, count)
            #expect(writersOf.values.allSatisfy { $0.count == 1 }, "\(count) writers: \(writersOf)")
            #expect(load.reduce(0, +) == keys.count)
        }
    }

    @Test("four equal symbols over two writers split two and two; the largest symbol is placed first")
    func balanced() {
        let four = (0..<400).map { "S\($0 % 4)" }
        #expect(deal(four, 2).load == [200, 200])
        // 60 of A, 25 of B, 20 of C: A alone on one writer, B and C on the other.
        let skewed =
            Array(repeating: "A", count: 60) + Array(repeating: "B", count: 25) + Array(repeating: "C", count: 20)
        let (load, writersOf) = deal(skewed.shuffled(), 2)
        #expect(load.sorted() == [45, 60])
        #expect(writersOf["B"] == writersOf["C"] && writersOf["A"] != writersOf["B"])
        // Fewer symbols than writers: the spare writers get nothing.
        #expect(deal(["x", "y", "x"], 4).load.filter { $0 > 0 }.sorted() == [1, 2])
    }

    @Test("the key is the fill's exchange and stored symbol; a result without a fill is keyed by its symbol apart")
    func keys() {
        func result(_ symbol: String, exchange: String = "binance_usdm", fill: Bool = true) -> LedgerResult {
            let at = Date(timeIntervalSince1970: 1_770_000_000)
            return LedgerResult(
                stream: "s", entryID: "1-0", planID: "p", symbol: symbol, action: nil, decision: nil, executed: fill,
                reduceOnly: false, error: "", producer: nil, time: at, fields: [:],
                fill: fill
                    ? LedgerFill(
                        exchange: exchange, symbol: symbol, orderID: "1", planID: "p", side: .buy,
                        reduceOnly: false, quantity: 1, averagePrice: 1, executedAt: at) : nil)
        }
        let key = LedgerWriterAssignment.key
        #expect(key(result("ETHUSDT")) == key(result("ETHUSDT")))
        #expect(key(result("ETHUSDT")) != key(result("ETHUSDT", exchange: "paper")))
        #expect(key(result("ETHUSDT")) != key(result("ETHUSDT", fill: false)))
        // Stored, a NUL becomes U+FFFD: both spellings are one round trip, so one writer.
        #expect(key(result("ETH\u{0}USDT")) == key(result("ETH\u{FFFD}USDT")))
    }
}
