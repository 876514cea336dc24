import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
    @Suite("hostile plans")
    struct Hostile {
        @Test(
            "a plan for a symbol the exchange does not list is answered exchange_rejected:-1121 instead of blocking the consumer"
        )
        func unlistedSymbolIsAnsweredNotRetried() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let close = apply.id("x-close"), entry = apply.id("x-entry"), good = apply.id("x-good")
            try await apply.running {
                try await apply.publish(ApplyHarness.harvestFullClose(close, "FAKEUSDT"))
                try await apply.publish(ApplyHarness.entry(entry, "NOPEUSDT", qty: "1"))
                try await apply.publish(ApplyHarness.entry(good, "ETHUSDT", qty: "0.05"))
                #expect(try await apply.result(for: close)["error"] == "exchange_rejected:-1121")
                #expect(try await apply.result(for: entry)["error"] == "exchange_rejected:-1121")
                #expect(try await apply.result(for: good)["executed"] == "True")
            }
            let pending = try await apply.redis.send(["XPENDING", apply.planStream, apply.configuration.group]).array?
                .first?.integer
            #expect(pending == 0)
        }

        @Test(
            "a plan id replayed on another symbol while two instances work: one result, and orders only if it says executed"
        )
        func replayedPlanIDOnAnotherSymbolDuringASlowExchange() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let planID = apply.id("replayed")
            #expect(try await apply.paper.admin("faults", [("latencyMs", "700")]).status == 200)
            try await apply.running(consumer: "a:applylayer") {
                try await apply.running(consumer: "b:applylayer") {
                    try await apply.publish(ApplyHarness.entry(planID, "ETHUSDT", qty: "0.05"))
                    // One instance is now mid-way, waiting on the exchange.
                    try await Task.sleep(for: .milliseconds(900))
                    try await apply.publish(ApplyHarness.entry(planID, "SOLUSDT", qty: "1"))
                    _ = try await apply.result(for: planID)
                    _ = await TestEnvironment.eventually(attempts: 200) {
                        (try? await apply.redis.send(["XPENDING", apply.planStream, apply.configuration.group]).array?
                            .first?.integer) == 0
                    }
                }
            }
            let results = try await apply.results(for: planID)
            #expect(results.count == 1)
            let orders = try await apply.orders("ETHUSDT").count + apply.orders("SOLUSDT").count
            #expect(
                orders == (results.first?["executed"] == "True" ? 1 : 0),
                "one plan id, one order at most, as its result says")
        }

        @Test(
            "non-UTF-8 bytes, out-of-range numbers, injection strings and a replayed plan id: each answered once, one order"
        )
        func hostileBytesAreAnsweredOrDeadLettered() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let badSymbol = apply.id("h-sym"), huge = apply.id("h-huge"), negative = apply.id("h-neg"),
                injected = apply.id("h-inj")
            let now = String(Int(Date().timeIntervalSince1970))
            func raw(_ fields: [([UInt8], [UInt8])]) async throws {
                var arguments: [[UInt8]] = [Array("XADD".utf8), Array(apply.planStream.utf8), Array("*".utf8)]
                for (name, value) in fields { arguments += [name, value] }
                _ = try await apply.redis.send(bytes: arguments)
            }
            try await apply.running {
                let utf8 = { (text: String) in Array(text.utf8) }
                try await raw([
                    (utf8("plan_id"), utf8(badSymbol)), (utf8("decision"), utf8("EXECUTE")),
                    (utf8("symbol"), utf8("ETH") + [0xFF, 0xFE] + utf8("USDT")), (utf8("side"), utf8("BUY")),
                    (utf8("qty"), utf8("0.05")), (utf8("timestamp"), utf8(now)),
                ])
                try await raw([([0xC3, 0x28], [0xFF]), (utf8("plan_id"), [0xED, 0xA0, 0x80])])
                try await apply.publish([
                    ("plan_id", huge), ("decision", "EXECUTE"), ("symbol", "ETHUSDT"), ("side", "BUY"),
                    ("qty", "1e999"),
                ])
                try await apply.publish([
                    ("plan_id", negative), ("decision", "EXECUTE"), ("symbol", "ETHUSDT"), ("side", "BUY"),
                    ("qty", "-0.05"),
                ])
                var injection = ApplyHarness.entry(injected, "ETHUSDT", qty: "0.05")
                injection.append(("note", "'; DROP TABLE ledger_results; --\r\nFLUSHALL\r\n\u{0}"))
                injection[injection.firstIndex { $0.0 == "source" }!].1 = "$(touch /tmp/pwned)\u{0}"
                try await apply.publish(injection)
                #expect(try await apply.result(for: injected)["executed"] == "True")
                // The same plan id again, larger: acknowledged without a second result or order.
                try await apply.publish(ApplyHarness.entry(injected, "ETHUSDT", side: "SELL", qty: "0.5"))
                #expect(
                    try await apply.result(for: badSymbol)["error"]?.hasPrefix("dead_lettered:invalid_plan:symbol")
                        == true)
                #expect(try await apply.result(for: huge)["error"]?.hasPrefix("dead_lettered:invalid_plan:qty") == true)
                #expect(
                    try await apply.result(for: negative)["error"]?.hasPrefix("dead_lettered:invalid_plan:qty") == true)
                _ = await TestEnvironment.eventually {
                    (try? await apply.redis.send(["XPENDING", apply.planStream, apply.configuration.group]).array?
                        .first?.integer) == 0
                }
            }
            #expect(try await apply.results(for: injected).count == 1)
            #expect(try await apply.orders("ETHUSDT").count == 1)
            #expect(try await apply.positionAmount("ETHUSDT") == Decimal(string: "0.05"))
            let letters = try await apply.redis.send(["XLEN", apply.planStream + ":deadletter"]).integer
            #expect(letters == 4, "bad symbol, no usable plan id, 1e999, negative")
            #expect(try await apply.redis.send(["DBSIZE"]).integer ?? 0 > 0, "no FLUSHALL went through")
        }
    }
}
