import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
    @Suite("stop updates and the kill switch on closes")
    struct Stops {
        @Test(
            "UPDATE_SL tightens the stop in the hash and replaces the exchange's protective STOP_MARKET; a looser stop is refused"
        )
        func updateStopLoss() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(apply.id("sl-entry"), "ETHUSDT", qty: "0.2"))
                _ = try await apply.result(for: apply.id("sl-entry"))
                let mark = try await apply.exchange.markPrice(symbol: "ETHUSDT").markPrice
                func stop(_ name: String, _ factor: String) async throws -> [String: String] {
                    var exact = mark * Decimal(string: factor)!
                    var price = Decimal()
                    NSDecimalRound(&price, &exact, 2, .down)
                    try await apply.publish([
                        ("plan_id", apply.id(name)), ("decision", "EXECUTE"), ("symbol", "ETHUSDT"),
                        ("action", "UPDATE_SL"), ("source", "exitbrain"),
                        (
                            "steps",
                            #"[{"step": "MOVE_SL", "type": "stop_loss_order", "side": "close", "price": \#(price)}]"#
                        ),
                    ])
                    return try await apply.result(for: apply.id(name))
                }
                let first = try await stop("sl-1", "0.95")
                #expect(first["error"] == "", "\(first)")
                let tighter = try await stop("sl-2", "0.97")
                #expect(tighter["error"] == "")
                let looser = try await stop("sl-3", "0.96")
                #expect(looser["error"] == "stop_not_tightened")
                let beyond = try await stop("sl-4", "1.05")
                #expect(beyond["error"] == "stop_beyond_mark")
            }
            let stops = try await apply.exchange.openAlgoOrders(symbol: "ETHUSDT")
            #expect(stops.count == 1, "the protective stop is replaced, not added")
            let hash = try await apply.redis.hashGetAll(ApplyKeys.position("ETHUSDT"))
            #expect(
                stops.first.map { "\($0.triggerPrice)" }
                    == hash["stop_loss"].flatMap { Decimal(string: $0) }.map { "\($0)" })
            #expect(stops.first?.closePosition == true)
        }

        @Test("the kill switch blocks entries but not closes, unless configured to block closes too")
        func killSwitchOnCloses() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(apply.id("ks-entry"), "ETHUSDT", qty: "0.2"))
                _ = try await apply.result(for: apply.id("ks-entry"))
                try await apply.redis.set(ApplyKeys.globalKillSwitch, "true")
                try await apply.publish(ApplyHarness.partial75(apply.id("ks-close"), "ETHUSDT"))
                #expect(try await apply.result(for: apply.id("ks-close"))["executed"] == "True")
            }
            let strict = try await ApplyHarness.start { $0.killBlocksCloses = true }
            defer { strict.stop() }
            try await strict.running {
                try await strict.publish(ApplyHarness.entry(strict.id("ks2-entry"), "ETHUSDT", qty: "0.2"))
                _ = try await strict.result(for: strict.id("ks2-entry"))
                try await strict.redis.set(ApplyKeys.killSwitch, "1")
                try await strict.publish(ApplyHarness.partial75(strict.id("ks2-close"), "ETHUSDT"))
                #expect(try await strict.result(for: strict.id("ks2-close"))["error"] == "kill_switch_active")
            }
            #expect(try await strict.positionAmount("ETHUSDT") == Decimal(string: "0.2"))
            try await strict.redis.delete(ApplyKeys.killSwitch, ApplyKeys.globalKillSwitch)
        }
    }
}
