import Foundation
import Testing

@testable import Shared

extension ApplyLayerTests {
    @Suite("exitbrain")
    struct ExitBrain {
        /// A market another service reports as a regime flip (trend gone, chop up): K = 0.76 with defaults.
        static let flipped = [
            ("sigma", "0.01"), ("mu", "0"), ("ts", "0"), ("p_trend", "0.1"), ("p_mr", "0.3"),
            ("p_chop", "0.6"), ("dp", "0.5"), ("vr", "1"), ("spike_proxy", "1"),
        ]
        /// A calm trending market: every K component 0, K = 0.5 (below the 0.6 threshold).
        static let calm = [
            ("sigma", "0.005"), ("mu", "0.001"), ("ts", "1.0"), ("p_trend", "0.8"), ("p_mr", "0.1"),
            ("p_chop", "0.1"), ("dp", "0.6"), ("vr", "1"), ("spike_proxy", "1"),
        ]

        func writeMarket(_ apply: ApplyHarness, _ symbol: String, _ fields: [(String, String)]) async throws {
            let now = try await apply.exchange.serverTime() / 1000
            try await apply.redis.delete(MarketDataSource.key(symbol))
            try await apply.redis.hashSet(
                MarketDataSource.key(symbol),
                fields + [("ts_timestamp", String(now)), ("buffer_size", "300")])
        }

        func evaluator(_ apply: ApplyHarness, configure: (inout ExitConfiguration) -> Void = { _ in }) -> ExitEvaluator
        {
            var configuration = ExitConfiguration()
            configuration.planStream = apply.planStream
            configuration.shadowStream = apply.planStream + ".shadow"
            configuration.marketStateMaxAge = 86_400 * 30
            configure(&configuration)
            return ExitEvaluator(
                configuration: configuration, exchange: apply.exchange, redis: apply.redis,
                logger: TestEnvironment.logger)
        }

        func plans(_ apply: ApplyHarness, stream: String? = nil) async throws -> [[String: String]] {
            let entries = try StreamEntries.fromRead(
                try await apply.redis.send(["XREAD", "STREAMS", stream ?? apply.planStream, "0"]))
            return entries.compactMap { $0.fields.map { Dictionary($0, uniquingKeysWith: { $1 }) } }
        }

        func open(_ apply: ApplyHarness, _ symbol: String, _ side: OrderSide, _ qty: String) async throws {
            _ = try await apply.exchange.newOrder(
                NewOrder(
                    symbol: symbol, side: side, quantity: Decimal(string: qty)!,
                    clientOrderID: apply.id("open-\(symbol)")))
            for key in ["quantum:exitbrain:state:\(symbol)", "quantum:harvest:proposal:\(symbol)"] {
                try await apply.redis.delete(key)
            }
        }

        @Test("no positions: no plans, and the skip is counted")
        func noPositionsNoPlans() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            let decisions = try await evaluator(apply).cycle()
            #expect(decisions.isEmpty)
            #expect(try await plans(apply).isEmpty)
        }

        @Test(
            "a regime flip gives one FULL_CLOSE_PROPOSED plan over many cycles (no flood), in the harvest shape with the proposal hash"
        )
        func onePlanPerDecisionChange() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await open(apply, "ETHUSDT", .buy, "0.5")
            try await writeMarket(apply, "ETHUSDT", Self.flipped)
            let brain = evaluator(apply)
            for _ in 0..<4 { try await brain.cycle() }
            let published = try await plans(apply)
            #expect(published.count == 1)
            let plan = try #require(published.first)
            #expect(plan["action"] == "FULL_CLOSE_PROPOSED")
            #expect(plan["source"] == "exitbrain")
            #expect(plan["reduceOnly"] == "true")
            #expect(plan["reason_codes"]?.contains("kill_score_triggered") == true)
            #expect(plan["reason_codes"]?.contains("regime_flip") == true)
            let proposal = try await apply.redis.hashGetAll("quantum:harvest:proposal:ETHUSDT")
            #expect(proposal["harvest_action"] == "FULL_CLOSE_PROPOSED")
            #expect(
                try HarvestProposal.exitPlanID(symbol: "ETHUSDT", fields: WireFields(proposal)) == plan["plan_id"],
                "a Python apply layer reading the hash derives the same plan id")
            let decision = try ApplyPlan(fields: plan)
            guard case .close(let close) = decision else { Issue.record("not a close plan"); return }
            #expect(try close.requestedClose() == .percent(100))
        }

        @Test(
            "the ladder climbs one plan per rung as the price rises; a restart neither forgets peak nor re-proposes a rung"
        )
        func ladderAndRestart() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await open(apply, "SOLUSDT", .buy, "10")
            try await writeMarket(apply, "SOLUSDT", Self.calm)
            let entry = try #require(try await apply.exchange.position(symbol: "SOLUSDT")).entryPrice
            func price(_ factor: String) async throws {
                var exact = entry * Decimal(string: factor)!
                var target = Decimal()
                NSDecimalRound(&target, &exact, 2, .plain)
                let reply = try await apply.paper.admin("price", [("symbol", "SOLUSDT"), ("price", "\(target)")])
                #expect(reply.status == 200, "\(reply.text)")
            }
            try await price("1.06")  // R ≈ (0.06 − 0.001) / 0.02 ≈ 2.95 → PARTIAL_25
            try await evaluator(apply).cycle()
            try await evaluator(apply).cycle()
            try await price("1.10")  // R ≈ 4.95 → PARTIAL_50
            try await evaluator(apply).cycle()
            try await price("1.03")  // falls back: nothing new
            try await evaluator(apply).cycle()
            let actions = try await plans(apply).map { $0["action"] ?? "" }
            #expect(actions.filter { $0.hasPrefix("PARTIAL_") } == ["PARTIAL_25", "PARTIAL_50"])
            let state = try await apply.redis.hashGetAll("quantum:exitbrain:state:SOLUSDT")
            let peak = try #require(state["peak"].flatMap(Double.init))
            #expect(
                abs(peak - Double("\(entry * Decimal(string: "1.10")!)")!) < 0.02, "peak kept across evaluator restarts"
            )
        }

        @Test(
            "a stop crossed by the mark is a FULL_CLOSE_PROPOSED with stop_loss_hit, whatever K says; a stop of 0 is no stop"
        )
        func stopLossBackstop() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await open(apply, "SOLUSDT", .sell, "10")
            try await writeMarket(apply, "SOLUSDT", Self.calm)
            try await apply.redis.hashSet(
                ApplyKeys.position("SOLUSDT"),
                [
                    ("symbol", "SOLUSDT"), ("side", "SHORT"),
                    ("quantity", "10"), ("stop_loss", "0"),
                ])
            try await evaluator(apply).cycle()
            #expect(try await plans(apply).isEmpty, "a SHORT with stop 0 is not 'crossed'")
            let mark = try #require(try await apply.exchange.position(symbol: "SOLUSDT")).markPrice
            try await apply.redis.hashSet(
                ApplyKeys.position("SOLUSDT"), [("stop_loss", "\(mark * Decimal(string: "0.99")!)")])
            let decisions = try await evaluator(apply).cycle()
            let plan = try #require(try await plans(apply).first)
            #expect(plan["action"] == "FULL_CLOSE_PROPOSED")
            #expect(plan["reason_codes"]?.contains("stop_loss_hit") == true)
            #expect((decisions.first?.kernel.killScore.value ?? 1) < 0.55, "K alone would not close")
        }

        @Test(
            "a position unknown to Redis is still evaluated and flagged; market state is computed from klines and written"
        )
        func unknownPositionAndKlines() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await open(apply, "BTCUSDT", .buy, "0.01")
            try await apply.redis.delete(MarketDataSource.key("BTCUSDT"))
            let decisions = try await evaluator(apply).cycle()
            let decision = try #require(decisions.first)
            #expect(decision.flags.contains("no_position_hash"))
            #expect(decision.marketOrigin == .klines)
            let hash = try await apply.redis.hashGetAll(MarketDataSource.key("BTCUSDT"))
            #expect(hash["buffer_size"].flatMap(Int.init) ?? 0 >= 257)
            #expect(hash["sigma"] != nil)
        }

        @Test("shadow mode publishes to the shadow stream only and leaves the proposal hash alone")
        func shadowMode() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await open(apply, "ETHUSDT", .buy, "0.5")
            try await writeMarket(apply, "ETHUSDT", Self.flipped)
            try await apply.redis.hashSet("quantum:harvest:proposal:ETHUSDT", [("harvest_action", "NONE")])
            try await evaluator(apply) { $0.shadow = true }.cycle()
            #expect(try await plans(apply).isEmpty)
            #expect(try await plans(apply, stream: apply.planStream + ".shadow").count == 1)
            #expect(try await apply.redis.hashGetAll("quantum:harvest:proposal:ETHUSDT")["harvest_action"] == "NONE")
        }

        @Test(
            "the full loop: exitbrain's plan for a flipped regime is executed by applylayer and the position ends flat")
        func fullLoop() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await apply.running {
                try await apply.publish(ApplyHarness.entry(apply.id("loop-entry"), "ETHUSDT", qty: "0.4"))
                #expect(try await apply.result(for: apply.id("loop-entry"))["executed"] == "True")
                try await writeMarket(apply, "ETHUSDT", Self.flipped)
                try await evaluator(apply).cycle()
                let plan = try #require(try await plans(apply).first { $0["source"] == "exitbrain" })
                let result = try await apply.result(for: plan["plan_id"] ?? "")
                #expect(result["executed"] == "True")
                #expect(result["filled_qty"] == "0.4")
                #expect(result["kill_score"] == plan["kill_score"])
            }
            #expect(try await apply.positionAmount("ETHUSDT") == 0)
        }

        @Test(
            "the Python policy hash overrides kernel parameters until it expires; kill knobs are read from kill_params")
        func policyHash() async throws {
            let apply = try await ApplyHarness.start()
            defer { apply.stop() }
            try await open(apply, "ETHUSDT", .buy, "0.5")
            try await writeMarket(apply, "ETHUSDT", Self.flipped)
            let now = Date().timeIntervalSince1970
            try await apply.redis.hashSet(
                "quantum:policy:current",
                [
                    ("kill_params", #"{"trend_min": 0.0, "ts_ref": 0.0}"#),
                    ("harvest_params", #"{"trend_min": 0.9, "T1_R": 100}"#),
                    ("valid_until_epoch", String(Int(now) + 3600)),
                ])
            defer { Task { try? await apply.redis.delete("quantum:policy:current") } }
            let guarded = try await evaluator(apply).cycle(publish: false, now: now)
            #expect(
                guarded.first?.action == HarvestAction.none,
                "no regime flip or ts drop with kill_params' knobs (harvest_params' trend_min ignored): K 0.5")
            let expired = try await evaluator(apply).cycle(publish: false, now: now + 7200)
            #expect(expired.first?.action == .fullCloseProposed, "after valid_until_epoch the defaults (0.6) apply")
            try await apply.redis.delete("quantum:policy:current")
        }

        @Test("shards split symbols by a stable hash: every symbol is owned by exactly one of n instances")
        func sharding() {
            let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "ANKRUSDT", "DOGEUSDT", "XRPUSDT", "ADAUSDT"]
            for symbol in symbols {
                let owners = (0..<3).filter { shard in
                    var configuration = ExitConfiguration()
                    configuration.shard = shard
                    configuration.shardCount = 3
                    return configuration.owns(symbol)
                }
                #expect(owners.count == 1)
            }
        }
    }
}
