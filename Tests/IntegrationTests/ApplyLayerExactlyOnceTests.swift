import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
    @Suite("exactly once, leases and reconciliation")
    struct ExactlyOnce {
        @Test(
            "killed between the exchange order and the result: after restart, one order on the exchange and one result")
        func crashBetweenOrderAndResult() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let planID = apply.id("crash")
            try await apply.redis.checked([
                "XGROUP", "CREATE", apply.planStream, apply.configuration.group, "$", "MKSTREAM",
            ])
            try await apply.publish(ApplyHarness.entry(planID, "ETHUSDT", qty: "0.1"))
            // The process read the plan and sent the order, then died before publishing the result.
            _ = try await apply.redis.send([
                "XREADGROUP", "GROUP", apply.configuration.group, "host:applylayer",
                "STREAMS", apply.planStream, ">",
            ])
            _ = try await apply.exchange.newOrder(
                NewOrder(
                    symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.1")!,
                    clientOrderID: ClientOrderID.derive(planID: planID)))
            try await apply.running(consumer: "host:applylayer") {
                let result = try await apply.result(for: planID)
                #expect(result["executed"] == "True")
                #expect(result["filled_qty"] == "0.1")
                #expect(result["client_order_id"] == planID)
            }
            #expect(try await apply.orders("ETHUSDT").count == 1)
            #expect(try await apply.results(for: planID).count == 1)
            #expect(try await apply.positionAmount("ETHUSDT") == Decimal(string: "0.1"))
        }

        @Test("a 5xx after the exchange accepted the order: found by client id, not placed twice")
        func lostResponseFoundByClientID() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let planID = apply.id("lost")
            let fault = try await apply.paper.admin("faults", [("failOrders", "1")])
            #expect(fault.status == 200, "\(fault.text)")
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(planID, "ETHUSDT", qty: "0.2"))
                let result = try await apply.result(for: planID)
                #expect(result["executed"] == "True")
                #expect(result["filled_qty"] == "0.2")
            }
            #expect(try await apply.orders("ETHUSDT").count == 1)
            #expect(try await apply.positionAmount("ETHUSDT") == Decimal(string: "0.2"))
        }

        @Test("a symbol leased by another instance waits; it is traded once the lease is released")
        func symbolLeaseSerialisesInstances() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let planID = apply.id("leased")
            try await apply.redis.set(ApplyKeys.lease("ETHUSDT"), "otherhost:applylayer", expireMilliseconds: 60_000)
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(planID, "ETHUSDT", qty: "0.1"))
                try await Task.sleep(for: .milliseconds(600))
                #expect(try await apply.results(for: planID).isEmpty, "must not trade a symbol another instance holds")
                #expect(try await apply.orders("ETHUSDT").isEmpty)
                try await apply.redis.delete(ApplyKeys.lease("ETHUSDT"))
                #expect(try await apply.result(for: planID)["executed"] == "True")
            }
            #expect(try await apply.redis.exists(ApplyKeys.lease("ETHUSDT")) == false, "released after the result")
        }

        @Test("two instances in one group never trade one symbol twice")
        func twoInstancesOneGroup() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let ids = (0..<6).map { apply.id("pair\($0)") }
            try await apply.running(consumer: "a:applylayer") {
                try await apply.running(consumer: "b:applylayer") {
                    for (index, id) in ids.enumerated() {
                        let symbol = index.isMultiple(of: 2) ? "ETHUSDT" : "SOLUSDT"
                        try await apply.publish(ApplyHarness.entry(id, symbol, qty: symbol == "ETHUSDT" ? "0.05" : "1"))
                    }
                    for id in ids { _ = try await apply.result(for: id) }
                }
            }
            var executed = 0
            for id in ids {
                let results = try await apply.results(for: id)
                #expect(results.count == 1)
                executed += results.filter { $0["executed"] == "True" }.count
            }
            #expect(executed == 2, "one entry per symbol; the rest position_exists")
            #expect(try await apply.orders("ETHUSDT").count == 1)
            #expect(try await apply.orders("SOLUSDT").count == 1)
        }

        @Test("reconciliation removes ghost hashes, creates missing ones, fixes quantities, and leaves sub-keys alone")
        func reconciliation() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            _ = try await apply.exchange.newOrder(
                NewOrder(
                    symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.3")!,
                    clientOrderID: apply.id("manual1")))
            _ = try await apply.exchange.newOrder(
                NewOrder(
                    symbol: "SOLUSDT", side: .sell, quantity: 4,
                    clientOrderID: apply.id("manual2")))
            try await apply.redis.hashSet(ApplyKeys.position("BTCUSDT"), [("side", "LONG"), ("quantity", "1")])
            try await apply.redis.hashSet(ApplyKeys.position("SOLUSDT"), [("side", "SHORT"), ("quantity", "9")])
            try await apply.redis.hashSet("quantum:position:ledger:BTCUSDT", [("x", "1")])
            let reconciler = PositionReconciler(
                configuration: apply.configuration, redis: apply.redis,
                exchange: apply.exchange, logger: TestEnvironment.logger)
            #expect(try await reconciler.reconcileOnce() == 3)
            #expect(try await apply.redis.exists(ApplyKeys.position("BTCUSDT")) == false)
            #expect(try await apply.redis.hashGetAll(ApplyKeys.position("ETHUSDT"))["quantity"] == "0.3")
            #expect(try await apply.redis.hashGetAll(ApplyKeys.position("SOLUSDT"))["quantity"] == "4")
            #expect(try await apply.redis.exists("quantum:position:ledger:BTCUSDT"))
            #expect(try await reconciler.reconcileOnce() == 0)
            try await apply.redis.delete("quantum:position:ledger:BTCUSDT")
        }

        @Test("reconciliation leaves a symbol whose lease a plan holds (its hash is being written) for the next pass")
        func reconciliationWaitsForTheLease() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            _ = try await apply.exchange.newOrder(
                NewOrder(
                    symbol: "ETHUSDT", side: .buy, quantity: Decimal(string: "0.3")!,
                    clientOrderID: apply.id("manual3")))
            try await apply.redis.hashSet(ApplyKeys.position("ETHUSDT"), [("side", "LONG"), ("quantity", "0.1")])
            try await apply.redis.hashSet(ApplyKeys.position("BTCUSDT"), [("side", "LONG"), ("quantity", "1")])
            // A plan in flight on each symbol (another instance's lease).
            for symbol in ["ETHUSDT", "BTCUSDT"] {
                _ = try await apply.redis.set(ApplyKeys.lease(symbol), "other:applylayer", expireMilliseconds: 60_000)
            }
            let reconciler = PositionReconciler(
                configuration: apply.configuration, redis: apply.redis,
                exchange: apply.exchange, logger: TestEnvironment.logger)
            #expect(try await reconciler.reconcileOnce() == 0)
            #expect(try await apply.redis.hashGetAll(ApplyKeys.position("ETHUSDT"))["quantity"] == "0.1")
            #expect(try await apply.redis.exists(ApplyKeys.position("BTCUSDT")))
            try await apply.redis.delete(ApplyKeys.lease("ETHUSDT"), ApplyKeys.lease("BTCUSDT"))
            #expect(try await reconciler.reconcileOnce() == 2)
            #expect(try await apply.redis.hashGetAll(ApplyKeys.position("ETHUSDT"))["quantity"] == "0.3")
            #expect(try await apply.redis.exists(ApplyKeys.position("BTCUSDT")) == false)
            #expect(
                try await apply.redis.exists(ApplyKeys.lease("ETHUSDT")) == false, "the reconciler's lease is released")
        }
    }
}
