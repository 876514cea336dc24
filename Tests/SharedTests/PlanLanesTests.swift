import Testing

@testable import Shared

/// How applylayer splits a read batch into lanes that may run at once (PlanExecutor+Batch.swift).
@Suite struct PlanLanesTests {
    func message(_ fields: [(String, String)], _ n: Int) -> StreamMessage {
        StreamMessage(stream: "s", id: "1-\(n)", fields: fields + [("timestamp", "1770133359")], deliveries: 1)
    }

    func close(_ id: String, _ symbol: String) -> [(String, String)] {
        [
            ("plan_id", id), ("symbol", symbol), ("action", "FULL_CLOSE_PROPOSED"), ("decision", "EXECUTE"),
            ("steps", #"[{"step": "CLOSE_FULL", "type": "market_reduce_only", "side": "close", "pct": 100.0}]"#),
        ]
    }

    func entry(_ id: String, _ symbol: String) -> [(String, String)] {
        [
            ("plan_id", id), ("decision", "EXECUTE"), ("symbol", symbol), ("side", "BUY"), ("type", "MARKET"),
            ("qty", "1"), ("reduceOnly", "false"),
        ]
    }

    @Test("closes group by symbol, each symbol's plans in stream order, symbols in order of first appearance")
    func closesBySymbol() {
        let batch = [
            close("a", "BTCUSDT"), close("b", "ETHUSDT"), close("c", "BTCUSDT"), close("d", "SOLUSDT"),
            close("e", "ETHUSDT"),
        ].enumerated().map { message($1, $0) }
        #expect(PlanExecutor.lanes(for: batch) == [[0, 2], [1, 4], [3]])
    }

    @Test("entries, plans of a symbol with an entry in the batch, and undecodable plans share one serial lane")
    func entriesAreSerial() {
        let batch = [
            close("a", "BTCUSDT"), entry("b", "ETHUSDT"), close("c", "ETHUSDT"), [("plan_id", "d")],
            entry("e", "SOLUSDT"), close("f", "DOGEUSDT"), close("g", "BTCUSDT"),
        ]
        .enumerated().map { message($1, $0) }
        #expect(PlanExecutor.lanes(for: batch) == [[1, 2, 3, 4], [0, 6], [5]])
    }

    @Test("the test's plans decode (otherwise every lane test above would see one serial lane)")
    func plansDecode() throws {
        _ = try ApplyPlan(fields: message(close("a", "BTCUSDT"), 0).values)
        _ = try ApplyPlan(fields: message(entry("b", "BTCUSDT"), 0).values)
    }

    @Test("every message is in exactly one lane")
    func partition() {
        let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
        let batch = (0..<30).map { n in
            message(n % 7 == 0 ? entry("p\(n)", symbols[n % 3]) : close("p\(n)", symbols[n % 3]), n)
        }
        let lanes = PlanExecutor.lanes(for: batch)
        #expect(lanes.flatMap { $0 }.sorted() == Array(0..<30))
        for lane in lanes { #expect(lane == lane.sorted()) }
    }
}
