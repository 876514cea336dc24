import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
    @Suite("entries and gates")
    struct Entries {
        @Test(
            "an entry sets leverage, fills a MARKET order with the plan's client id and writes the position hash from the fill"
        )
        func entryFills() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let planID = apply.id("e-fill")
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(planID, "SOLUSDT", qty: "3.7"))
                let result = try await apply.result(for: planID)
                #expect(result["executed"] == "True")
                #expect(result["filled_qty"] == "3")  // step 1: 3.7 → 3
                #expect(result["client_order_id"] == planID)
                #expect(result["action"] == "ENTRY_PROPOSED")
                let steps =
                    try JSONSerialization.jsonObject(with: Data((result["steps_results"] ?? "").utf8))
                    as? [[String: Any]]
                #expect(steps?.last?["order_id"] as? String == result["order_id"])
            }
            let hash = try await apply.redis.hashGetAll(ApplyKeys.position("SOLUSDT"))
            #expect(hash["side"] == "LONG")
            #expect(hash["quantity"] == "3")
            #expect(hash["plan_id"] == planID)
            #expect(Decimal(string: hash["entry_price"] ?? "") ?? 0 > 0)
            #expect(hash["leverage"] == "5")
            // positionRisk v3 carries no leverage; v2 does.
            let rows = try await apply.paper.signed("GET", "/fapi/v2/positionRisk", [("symbol", "SOLUSDT")]).array
            #expect(rows.first?["leverage"] as? String == "5")
        }

        @Test("every entry gate answers with its code and sends no order")
        func gates() async throws {
            let apply = try await ApplyHarness.start {
                $0.allowlist = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "ANKRUSDT"]
                $0.maxOpenPositions = 2
                $0.maxNotional = 1000
                $0.entryCooldownSeconds = 600
            }
            defer { apply.stop() }
            try await apply.running {
                func code(_ name: String, _ fields: [(String, String)]) async throws -> String? {
                    try await apply.publish(fields)
                    return try await apply.result(for: apply.id(name))["error"]
                }
                try await apply.redis.set(ApplyKeys.killSwitch, "1")
                #expect(
                    try await code("k", ApplyHarness.entry(apply.id("k"), "ETHUSDT", qty: "0.1"))
                        == "kill_switch_active")
                try await apply.redis.delete(ApplyKeys.killSwitch)
                #expect(
                    try await code("a", ApplyHarness.entry(apply.id("a"), "DOGEUSDT", qty: "100")) == "not_in_allowlist"
                )
                #expect(try await code("o1", ApplyHarness.entry(apply.id("o1"), "ETHUSDT", qty: "0.1")) == "")
                try await apply.redis.delete(ApplyKeys.cooldown("ETHUSDT"))
                #expect(
                    try await code("dup", ApplyHarness.entry(apply.id("dup"), "ETHUSDT", qty: "0.1"))
                        == "position_exists")
                #expect(
                    try await code("opp", ApplyHarness.entry(apply.id("opp"), "ETHUSDT", side: "SELL", qty: "0.1"))
                        == "opposite_position_open")
                #expect(try await code("o2", ApplyHarness.entry(apply.id("o2"), "ANKRUSDT", qty: "1000")) == "")
                #expect(
                    try await code("cool", ApplyHarness.entry(apply.id("cool"), "ANKRUSDT", side: "SELL", qty: "1000"))
                        == "opposite_position_open")
                try await apply.redis.set(ApplyKeys.cooldown("SOLUSDT"), "1", expireSeconds: 60)
                #expect(
                    try await code("cd", ApplyHarness.entry(apply.id("cd"), "SOLUSDT", qty: "1")) == "cooldown_active")
                try await apply.redis.delete(ApplyKeys.cooldown("SOLUSDT"))
                #expect(
                    try await code("max", ApplyHarness.entry(apply.id("max"), "SOLUSDT", qty: "1")) == "max_positions")
            }
            let notional = try await ApplyHarness.start { $0.maxNotional = 50 }
            defer { notional.stop() }
            try await notional.running {
                try await notional.publish(ApplyHarness.entry(notional.id("big"), "BTCUSDT", qty: "0.01"))
                #expect(try await notional.result(for: notional.id("big"))["error"] == "max_notional")
                try await notional.publish(ApplyHarness.entry(notional.id("tiny"), "ANKRUSDT", qty: "2"))
                #expect(try await notional.result(for: notional.id("tiny"))["error"] == "min_notional")
            }
            #expect(try await notional.orders("BTCUSDT").isEmpty)
            #expect(try await notional.orders("ANKRUSDT").isEmpty)
            #expect(try await apply.orders("SOLUSDT").isEmpty)
            #expect(try await apply.orders("ETHUSDT").count == 1)
        }

        @Test("a plan already answered (done key) gets no second result and no order")
        func duplicatePlanAnsweredOnce() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let planID = apply.id("twice")
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(planID, "ETHUSDT", qty: "0.05"))
                _ = try await apply.result(for: planID)
                try await apply.publish(ApplyHarness.entry(planID, "ETHUSDT", qty: "0.05"))
                let marker = apply.id("marker")
                try await apply.publish(ApplyHarness.entry(marker, "BTCUSDT", qty: "0.002") + [("decision", "SKIP")])
                _ = try await apply.result(for: marker)
            }
            #expect(try await apply.results(for: planID).count == 1)
            #expect(try await apply.orders("ETHUSDT").count == 1)
            let done = try await apply.redis.get(ApplyKeys.done(planID))
            #expect(done?.contains("-") == true, "the done key holds the result's stream id")
        }

        @Test(
            "malformed plans end in the dead-letter stream with a result naming the bad field, and the next plan runs")
        func malformedPlans() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let bad = apply.id("bad")
            let good = apply.id("good")
            try await apply.running {
                try await apply.publish([
                    ("plan_id", bad), ("decision", "EXECUTE"), ("symbol", "ETHUSDT"), ("side", "BUY"),
                    ("qty", "NaN"),
                ])
                try await apply.publish([("garbage", String(repeating: "x", count: 100_000))])
                try await apply.publish(ApplyHarness.entry(good, "ETHUSDT", qty: "0.05"))
                let result = try await apply.result(for: bad)
                #expect(result["error"]?.hasPrefix("dead_lettered:invalid_plan:qty") == true)
                #expect(try await apply.result(for: good)["executed"] == "True")
                // A read batch's dead letters are written after its handler ran (the good plan's
                // result can come first): wait for both while the consumer runs.
                #expect(
                    await TestEnvironment.eventually {
                        (try? await apply.redis.send(["XLEN", apply.planStream + ":deadletter"]).integer) == 2
                    })
            }
        }
    }
}
