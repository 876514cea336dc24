import Foundation
import Testing

@testable import Shared

/// applylayer against a real Redis and a real paperexchange. Serialized: position hashes, cooldowns
/// and leases are global keys (`quantum:position:{SYM}`…), as in production.
@Suite(
    "trading daemons against real Redis and paperexchange (serialized: global keys)", .serialized,
    .enabled(if: TestEnvironment.redisEnabled))
struct ApplyLayerTests {}

extension ApplyLayerTests {
    @Suite("closes")
    struct Closes {
        @Test(
            "the desk's scenario: an open position and a Python harvest-shape FULL_CLOSE_PROPOSED end flat, with PnL in the result"
        )
        func fullCloseFromHarvestPlan() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(apply.id("e-full"), "ETHUSDT", qty: "0.5"))
                let entry = try await apply.result(for: apply.id("e-full"))
                #expect(entry["executed"] == "True")
                #expect(try await apply.positionAmount("ETHUSDT") == Decimal(string: "0.5"))
                #expect(try await apply.redis.hashGetAll("quantum:position:ETHUSDT")["quantity"] == "0.5")

                #expect(try await apply.paper.admin("advance", [("seconds", "600")]).status == 200)
                try await apply.publish(ApplyHarness.harvestFullClose(apply.id("c-full"), "ETHUSDT"))
                let close = try await apply.result(for: apply.id("c-full"))
                #expect(close["executed"] == "True")
                #expect(close["reduceOnly"] == "True")
                #expect(close["error"] == "")
                #expect(close["side"] == "SELL")
                #expect(close["filled_qty"] == "0.5")
                #expect(Decimal(string: close["avg_price"] ?? "") ?? 0 > 0)
                #expect(close["realized_pnl"].flatMap { Decimal(string: $0) } != nil)
                #expect(Decimal(string: close["commission"] ?? "") ?? 0 > 0)
                #expect(close["close_pct"] == "100")
                #expect(close["position_qty_after"] == "0")
                #expect(close["kill_score"] == "0.7119699587849092")
                #expect(
                    close["qty"] == nil && close["price"] == nil,
                    "a Python harvest brain reads qty/price as a new position")
            }
            #expect(try await apply.positionAmount("ETHUSDT") == 0)
            #expect(try await apply.redis.hashGetAll("quantum:position:ETHUSDT") == [:])
            let orders = try await apply.orders("ETHUSDT")
            #expect(orders.count == 2)
            #expect(orders.last?["reduceOnly"] as? Bool == true)
        }

        @Test("PARTIAL_75 closes 75 % of the live position, rounded down to the step")
        func partialCloseRoundsToStep() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(apply.id("e-p75"), "ETHUSDT", qty: "0.333"))
                _ = try await apply.result(for: apply.id("e-p75"))
                try await apply.publish(ApplyHarness.partial75(apply.id("c-p75"), "ETHUSDT"))
                let close = try await apply.result(for: apply.id("c-p75"))
                #expect(close["executed"] == "True")
                #expect(close["filled_qty"] == "0.249")  // 0.333 × 0.75 = 0.24975 → step 0.001
                #expect(close["close_pct"] == "75")
            }
            #expect(try await apply.positionAmount("ETHUSDT") == Decimal(string: "0.084"))
            #expect(try await apply.redis.hashGetAll("quantum:position:ETHUSDT")["quantity"] == "0.084")
        }

        @Test(
            "a close for a symbol without an exchange position: no_position, no order, stale hash removed, other services' sub-keys kept"
        )
        func closeWithoutPosition() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.redis.hashSet(
                "quantum:position:SOLUSDT", [("symbol", "SOLUSDT"), ("side", "LONG"), ("quantity", "3")])
            try await apply.redis.set("quantum:position:snapshot:SOLUSDT", "keep")
            try await apply.running {
                try await apply.publish(ApplyHarness.harvestFullClose(apply.id("c-none"), "SOLUSDT"))
                let close = try await apply.result(for: apply.id("c-none"))
                #expect(close["executed"] == "False")
                #expect(close["error"] == "no_position")
            }
            #expect(try await apply.orders("SOLUSDT").isEmpty)
            #expect(try await apply.redis.exists("quantum:position:SOLUSDT") == false)
            #expect(try await apply.redis.get("quantum:position:snapshot:SOLUSDT") == "keep")
            try await apply.redis.delete("quantum:position:snapshot:SOLUSDT")
        }

        @Test("a close naming no percentage and no quantity is refused, never closed 100 % by default")
        func unspecifiedCloseRefused() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(apply.id("e-unsp"), "ETHUSDT", qty: "0.2"))
                _ = try await apply.result(for: apply.id("e-unsp"))
                try await apply.publish([
                    ("plan_id", apply.id("c-unsp")), ("decision", "EXECUTE"), ("symbol", "ETHUSDT"),
                    ("action", "PARTIAL_CLOSE_PROPOSED"), ("qty", "0"), ("reduceOnly", "true"),
                ])
                let close = try await apply.result(for: apply.id("c-unsp"))
                #expect(close["error"] == "close_qty_unspecified")
            }
            #expect(try await apply.positionAmount("ETHUSDT") == Decimal(string: "0.2"))
        }

        @Test("SKIP and BLOCKED plans, stale plans and dry_run never reach the exchange")
        func nothingReachesExchangeWhenNotExecuting() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                var skip = ApplyHarness.entry(apply.id("e-skip"), "BTCUSDT", qty: "0.01")
                skip[1] = ("decision", "SKIP")
                try await apply.publish(skip)
                var blocked = ApplyHarness.entry(apply.id("e-blocked"), "BTCUSDT", qty: "0.01")
                blocked[1] = ("decision", "BLOCKED")
                try await apply.publish(blocked)
                try await apply.publish(
                    ApplyHarness.entry(apply.id("e-stale"), "BTCUSDT", qty: "0.01")
                        + [("timestamp", String(Int(Date().timeIntervalSince1970) - 600))])
                #expect(try await apply.result(for: apply.id("e-skip"))["error"] == "decision_SKIP")
                #expect(try await apply.result(for: apply.id("e-blocked"))["error"] == "decision_BLOCKED")
                #expect(try await apply.result(for: apply.id("e-stale"))["error"] == "stale_plan")
            }
            let dry = try await ApplyHarness.start { $0.mode = .dryRun }
            defer { dry.stop() }
            try await dry.running {
                try await dry.publish(ApplyHarness.entry(dry.id("e-dry"), "BTCUSDT", qty: "0.01"))
                let result = try await dry.result(for: dry.id("e-dry"))
                #expect(result["executed"] == "False")
                #expect(result["would_execute"] == "True")
            }
            #expect(try await apply.orders("BTCUSDT").isEmpty)
            #expect(try await dry.orders("BTCUSDT").isEmpty)
        }
    }
}
