import ArgumentParser
import FoundationEssentials
import Shared

/// `applylayer propose`: publishes a well-formed plan, as a signal bridge or an operator would.
struct ProposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Publish an entry, close or stop-update plan to quantum:stream:apply.plan.",
        discussion: """
            Entry:  applylayer propose --symbol BTCUSDT --side BUY --qty 0.01 [--leverage 5] [--stop-loss 60000]
            Close:  applylayer propose --symbol BTCUSDT --close [--pct 50 | --qty 0.005]
            Stop:   applylayer propose --symbol BTCUSDT --update-sl 61000
            Prints the plan id and its stream id; with --wait SECONDS it waits for the plan's result on \
            apply.result and prints it (exit 0 when executed, 1 when answered without execution, 2 on timeout).
            Reads REDIS_URL (or REDIS_HOST/REDIS_PORT), APPLY_PLAN_STREAM and APPLY_RESULT_STREAM.
            """
    )

    @Option(help: "Symbol, e.g. BTCUSDT.") var symbol: String
    @Option(help: "BUY (opens LONG) or SELL (opens SHORT), for entries.") var side: String?
    @Option(help: "Base-asset quantity: the entry size, or the close size.") var qty: String?
    @Flag(help: "Propose a reduce-only close of the live position.") var close = false
    @Option(help: "Close this percentage of the live position (default 100 with --close and no --qty).") var pct:
        Double?
    @Option(help: "Propose tightening the protective stop to this price.") var updateSL: String?
    @Option(help: "Leverage to set before an entry.") var leverage: String?
    @Option(help: "Stop-loss price kept with the position.") var stopLoss: String?
    @Option(help: "Take-profit price kept with the position.") var takeProfit: String?
    @Option(help: "Decision: EXECUTE (default), SKIP, BLOCKED.") var decision = "EXECUTE"
    @Option(help: "Plan id (default: op-<random>).") var planID: String?
    @Option(help: "Producer name kept in the result.") var source = "operator"
    @Option(help: "Wait this many seconds for the result and print it.") var wait: Double?

    func run() async throws {
        let env = EnvironmentReader()
        let redisConfiguration = try ExitStatus.configuring("applylayer propose") {
            try RedisConfiguration(environment: env)
        }
        let planStream = env.string("APPLY_PLAN_STREAM", default: "quantum:stream:apply.plan")
        let resultStream = env.string("APPLY_RESULT_STREAM", default: "quantum:stream:apply.result")
        let plan = try makePlan()
        let redis = RedisClient(configuration: redisConfiguration, name: "propose", logger: .init(label: "propose"))
        let startID =
            try await redis.checked(["XREVRANGE", resultStream, "+", "-", "COUNT", "1"])
            .array?.first?.array?.first?.string ?? "0"
        let id = try await redis.streamAdd(planStream, plan.encode(), maxLength: 10_000)
        print("plan \(plan.planID) published as \(id) on \(planStream)")
        guard let wait else { return }
        if let result = try await awaitResult(
            plan.planID, redis: redis, stream: resultStream, after: startID, seconds: wait)
        {
            for (name, value) in result { print("  \(name) = \(value)") }
            let executed = result.first { $0.0 == "executed" }?.1 == "True"
            throw ExitCode(executed ? 0 : 1)
        }
        throw ExitStatus.fail("no result for \(plan.planID) within \(wait) s (is applylayer running?)", code: 2)
    }

    private func makePlan() throws -> ApplyPlan {
        let id = planID ?? "op-" + UUID().uuidString.replacing("-", with: "").prefix(16).lowercased()
        let now = Date().timeIntervalSince1970
        let symbol = self.symbol.uppercased()
        let decision = PlanDecision(self.decision.uppercased())
        func decimal(_ text: String?, _ name: String) throws -> Decimal? {
            guard let text else { return nil }
            guard let value = try? WireDecimal.parse(text, field: name), value > 0 else {
                throw ValidationError("--\(name) must be a positive decimal number, got \(text)")
            }
            return value
        }
        if let updateSL {
            return .updateStopLoss(
                StopLossUpdate(
                    planID: id, decision: decision, symbol: symbol,
                    stopPrice: try decimal(updateSL, "update-sl")!, source: source, timestamp: now))
        }
        if close {
            let quantity = try decimal(qty, "qty")
            let percent = pct ?? (quantity == nil ? 100 : nil)
            if let percent, !(percent > 0 && percent <= 100) { throw ValidationError("--pct must be in (0, 100]") }
            return .close(
                ClosePlan(
                    planID: id, decision: decision, symbol: symbol, shape: percent == nil ? .flat : .harvest,
                    action: percent == 100 ? "FULL_CLOSE_PROPOSED" : "PARTIAL_CLOSE_PROPOSED", orderType: "MARKET",
                    steps: percent.map { [PlanStep.close(percent: $0)] } ?? [], qty: quantity ?? 0, source: source,
                    timestamp: now))
        }
        guard let sideText = side?.uppercased(), let entrySide = EntryPlan.Side(rawValue: sideText) else {
            throw ValidationError("an entry needs --side BUY or --side SELL (or use --close / --update-sl)")
        }
        guard let quantity = try decimal(qty, "qty") else { throw ValidationError("an entry needs --qty") }
        return .entry(
            EntryPlan(
                planID: id, decision: decision, symbol: symbol, side: entrySide, qty: quantity,
                leverage: try decimal(leverage, "leverage"), stopLoss: try decimal(stopLoss, "stop-loss"),
                takeProfit: try decimal(takeProfit, "take-profit"), source: source, signature: source,
                timestamp: now))
    }

    private func awaitResult(_ planID: String, redis: RedisClient, stream: String, after start: String, seconds: Double)
        async throws -> [(String, String)]?
    {
        var cursor = start
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let reply = try await redis.send(["XREAD", "COUNT", "100", "BLOCK", "500", "STREAMS", stream, cursor])
            for entry in try StreamEntries.fromRead(reply) {
                cursor = entry.id
                if let fields = entry.fields, fields.contains(where: { $0 == ("plan_id", planID) }) { return fields }
            }
        }
        return nil
    }
}
