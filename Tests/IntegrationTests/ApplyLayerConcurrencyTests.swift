import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
@Suite("closes of several symbols in one read batch")
struct Concurrency {
    @Test("partial then full closes of three symbols published together: each symbol's plans in order, each answered once, every position flat")
    func closesOfSeveralSymbols() async throws {
        let apply = try await ApplyHarness.start { $0.concurrency = 4 }
        defer { apply.stop() }
        let sizes = [("ETHUSDT", "0.4", "0.3", "0.1"), ("BTCUSDT", "0.02", "0.015", "0.005"), ("SOLUSDT", "4", "3", "1")]
        try await apply.running {
            for (symbol, quantity, _, _) in sizes {
                try await apply.publish(ApplyHarness.entry(apply.id("e-\(symbol)"), symbol, qty: quantity))
                #expect(try await apply.result(for: apply.id("e-\(symbol)"))["executed"] == "True")
            }
            // Every close in one pipeline, so the consumer reads them in one or two batches.
            let now = String(Int(Date().timeIntervalSince1970))
            var commands: [[String]] = []
            for (symbol, _, _, _) in sizes {
                for fields in [ApplyHarness.partial75(apply.id("p-\(symbol)"), symbol),
                               ApplyHarness.harvestFullClose(apply.id("f-\(symbol)"), symbol)] {
                    commands.append(["XADD", apply.planStream, "*"] + (fields + [("timestamp", now)]).flatMap { [$0.0, $0.1] })
                }
            }
            // Interleave the symbols: p-ETH, p-BTC, p-SOL, f-ETH, f-BTC, f-SOL.
            let interleaved = stride(from: 0, to: commands.count, by: 2).map { commands[$0] }
                + stride(from: 1, to: commands.count, by: 2).map { commands[$0] }
            _ = try await apply.redis.pipeline(interleaved)
            for (symbol, quantity, partial, rest) in sizes {
                let first = try await apply.result(for: apply.id("p-\(symbol)"))
                let second = try await apply.result(for: apply.id("f-\(symbol)"))
                #expect(first["executed"] == "True", "\(symbol): \(first)")
                #expect(first["filled_qty"] == partial, "\(symbol) partial first: \(first)")
                #expect(first["position_qty_before"] == quantity)
                #expect(first["position_qty_after"] == rest)
                #expect(second["executed"] == "True", "\(symbol): \(second)")
                #expect(second["filled_qty"] == rest, "\(symbol) full close second: \(second)")
                #expect(second["position_qty_after"] == "0")
            }
            for (symbol, _, _, _) in sizes {
                #expect(try await apply.results(for: apply.id("p-\(symbol)")).count == 1)
                #expect(try await apply.results(for: apply.id("f-\(symbol)")).count == 1)
            }
        }
        for (symbol, _, _, _) in sizes {
            #expect(try await apply.positionAmount(symbol) == 0)
            #expect(try await apply.orders(symbol).count == 3, "\(symbol): one entry, two closes")
            #expect(try await apply.redis.hashGetAll(ApplyKeys.position(symbol)) == [:])
        }
    }
}
}
