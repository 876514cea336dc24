import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
    @Suite("closes of several symbols in one read batch")
    struct Concurrency {
        @Test(
            "partial then full closes of three symbols published together: each symbol's plans in order, each answered once, every position flat"
        )
        func closesOfSeveralSymbols() async throws {
            let apply = try await ApplyHarness.start { $0.concurrency = 4 }
            defer { apply.stop() }
            let sizes = [
                ("ETHUSDT", "0.4", "0.3", "0.1"), ("BTCUSDT", "0.02", "0.015", "0.005"), ("SOLUSDT", "4", "3", "1"),
            ]
            try await apply.running {
                for (symbol, quantity, _, _) in sizes {
                    try await apply.publish(ApplyHarness.entry(apply.id("e-\(symbol)"), symbol, qty: quantity))
                    #expect(try await apply.result(for: apply.id("e-\(symbol)"))["executed"] == "True")
                }
            }
            // Published while no consumer runs, so the next one reads them all in one batch (a blocked
            // read would be answered after the first XADD). The stopped consumer's last blocking read
            // (100 ms) must be over first.
            try await Task.sleep(for: .milliseconds(400))
            do {
                let now = String(Int(Date().timeIntervalSince1970))
                var commands: [[String]] = []
                for (symbol, _, _, _) in sizes {
                    for fields in [
                        ApplyHarness.partial75(apply.id("p-\(symbol)"), symbol),
                        ApplyHarness.harvestFullClose(apply.id("f-\(symbol)"), symbol),
                    ] {
                        commands.append(
                            ["XADD", apply.planStream, "*"] + (fields + [("timestamp", now)]).flatMap { [$0.0, $0.1] })
                    }
                }
                // Interleave the symbols: p-ETH, p-BTC, p-SOL, f-ETH, f-BTC, f-SOL.
                let interleaved =
                    stride(from: 0, to: commands.count, by: 2).map { commands[$0] }
                    + stride(from: 1, to: commands.count, by: 2).map { commands[$0] }
                _ = try await apply.redis.pipeline(interleaved)
            }
            try await apply.running {
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

        @Test("one plan id on two symbols in one batch (two lanes of one process): one order, one result")
        func replayedPlanIDAcrossLanes() async throws {
            let apply = try await ApplyHarness.start { $0.concurrency = 4 }
            defer { apply.stop() }
            try await apply.running {
                for (symbol, quantity) in [("ETHUSDT", "0.2"), ("BTCUSDT", "0.01")] {
                    try await apply.publish(ApplyHarness.entry(apply.id("e2-\(symbol)"), symbol, qty: quantity))
                    #expect(try await apply.result(for: apply.id("e2-\(symbol)"))["executed"] == "True")
                }
            }
            // Both in one batch: published while no consumer runs (its last blocking read over).
            try await Task.sleep(for: .milliseconds(400))
            let now = String(Int(Date().timeIntervalSince1970))
            let planID = apply.id("same-id")
            _ = try await apply.redis.pipeline(
                ["ETHUSDT", "BTCUSDT"].map { symbol in
                    ["XADD", apply.planStream, "*"]
                        + (ApplyHarness.harvestFullClose(planID, symbol) + [("timestamp", now)]).flatMap {
                            [$0.0, $0.1]
                        }
                })
            try await apply.running {
                _ = try await apply.result(for: planID)
                // Both messages finished (acknowledged) before counting.
                #expect(
                    await TestEnvironment.eventually {
                        (try? await apply.redis.pendingCount(apply.planStream, apply.configuration.group)) == 0
                    })
                #expect(try await apply.results(for: planID).count == 1)
            }
            let closes = try await apply.orders("ETHUSDT").count + apply.orders("BTCUSDT").count - 2
            #expect(closes == 1, "close orders for one plan id: \(closes)")
        }
    }
}
