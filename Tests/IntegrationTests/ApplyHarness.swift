import Foundation
import Testing

@testable import Shared

/// applylayer's executor and consumer wired to a real Redis and a real paperexchange over HTTP,
/// on streams of their own.
struct ApplyHarness {
    let paper: PaperExchangeProcess
    let exchange: BinanceFuturesClient
    let redis: RedisClient
    let configuration: ApplyConfiguration
    let planStream: String

    static func start(configure: (inout ApplyConfiguration) -> Void = { _ in }) async throws -> ApplyHarness {
        let paper = try await PaperExchangeProcess.launch(["--admin"])
        let exchange = BinanceFuturesClient(
            configuration: .init(
                mode: .paper, baseURL: paper.baseURL, apiKey: paper.apiKey,
                apiSecret: APISecret(paper.apiSecret)),
            logger: TestEnvironment.logger)
        var configuration = ApplyConfiguration()
        let prefix = TestEnvironment.unique("apply")
        configuration.planStream = prefix + ":plan"
        configuration.resultStream = prefix + ":result"
        configuration.entryCooldownSeconds = 0
        configuration.exitCooldownSeconds = 0
        configure(&configuration)
        let redis = try TestEnvironment.redis()
        for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT", "ANKRUSDT", "DOGEUSDT"] {
            try await redis.delete(
                ApplyKeys.position(symbol), ApplyKeys.cooldown(symbol), ApplyKeys.lease(symbol),
                ExitPositionState.key(symbol), MarketDataSource.key(symbol),
                "quantum:harvest:proposal:\(symbol)")
        }
        try await redis.delete(ApplyKeys.killSwitch, ApplyKeys.globalKillSwitch)
        return ApplyHarness(
            paper: paper, exchange: exchange, redis: redis, configuration: configuration,
            planStream: configuration.planStream, run: String(prefix.suffix(8)))
    }

    /// A suffix unique to this harness, so plan ids (and their done keys) never repeat across runs.
    let run: String

    /// `name` made unique to this harness.
    func id(_ name: String) -> String { "\(name)-\(run)" }

    func stop() { _ = paper.stop() }

    /// The executor as applylayer builds it, under consumer name `consumer`.
    func executor(consumer: String = "host:applylayer") -> PlanExecutor {
        PlanExecutor(
            configuration: configuration, consumer: consumer, redis: redis, exchange: exchange,
            logger: TestEnvironment.logger)
    }

    /// Runs a consumer with the executor until `body` returns.
    func running<T>(consumer: String = "host:applylayer", _ body: () async throws -> T) async throws -> T {
        var streamConfiguration = StreamConsumer.Configuration(
            stream: configuration.planStream, group: configuration.group, consumer: consumer, service: "applylayer")
        streamConfiguration.blockTime = .milliseconds(100)
        streamConfiguration.retryBackoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(200))
        streamConfiguration.deadLetterStream = configuration.planStream + ":deadletter"
        let consumer = StreamConsumer(
            configuration: streamConfiguration, redis: try TestEnvironment.redisConfiguration(),
            handler: executor(consumer: consumer), logger: TestEnvironment.logger)
        try await consumer.ensureGroup()
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        return try await body()
    }

    /// Publishes plan fields (a fresh timestamp unless given).
    @discardableResult
    func publish(_ fields: [(String, String)]) async throws -> String {
        var fields = fields
        if !fields.contains(where: { $0.0 == "timestamp" }) {
            fields.append(("timestamp", String(Int(Date().timeIntervalSince1970))))
        }
        return try await redis.streamAdd(planStream, fields)
    }

    /// Every result on the result stream for `planID`.
    func results(for planID: String) async throws -> [[String: String]] {
        let entries = try StreamEntries.fromRead(
            try await redis.send(["XREAD", "STREAMS", configuration.resultStream, "0"]))
        return entries.compactMap { $0.fields.map { Dictionary($0, uniquingKeysWith: { $1 }) } }
            .filter { $0["plan_id"] == planID }
    }

    /// Waits for the first result of `planID`.
    func result(for planID: String) async throws -> [String: String] {
        var found: [String: String]?
        _ = await TestEnvironment.eventually(attempts: 400) {
            found = try? await results(for: planID).first
            return found != nil
        }
        return try #require(found, "no result for \(planID)")
    }

    /// Orders paperexchange holds for `symbol`.
    func orders(_ symbol: String) async throws -> [[String: Any]] {
        try await paper.signed("GET", "/fapi/v1/allOrders", [("symbol", symbol)]).array
    }

    /// The live position amount on paperexchange (signed).
    func positionAmount(_ symbol: String) async throws -> Decimal {
        try await exchange.position(symbol: symbol)?.positionAmount ?? 0
    }

    static func entry(_ planID: String, _ symbol: String, side: String = "BUY", qty: String) -> [(String, String)] {
        [
            ("plan_id", planID), ("decision", "EXECUTE"), ("symbol", symbol), ("side", side), ("type", "MARKET"),
            ("qty", qty), ("reduceOnly", "false"), ("source", "intent_bridge"), ("leverage", "5"),
        ]
    }

    /// The harvest-shape FULL_CLOSE_PROPOSED of shared/fixtures/wire-examples.json
    /// (`harvest_full_close_from_diagnosis`, as the Python apply layer wrote it), with our plan id and symbol.
    static func harvestFullClose(_ planID: String, _ symbol: String) -> [(String, String)] {
        [
            ("plan_id", planID), ("symbol", symbol), ("action", "FULL_CLOSE_PROPOSED"),
            ("kill_score", "0.7119699587849092"), ("k_regime_flip", "1.0"), ("k_sigma_spike", "0.0"),
            ("k_ts_drop", "0.24159399999999998"), ("k_age_penalty", "0.041666666666666664"),
            ("new_sl_proposed", "50.14999999999999"), ("R_net", "9.76"), ("decision", "EXECUTE"),
            ("reason_codes", "kill_score_close_ok"),
            ("steps", #"[{"step": "CLOSE_FULL", "type": "market_reduce_only", "side": "close", "pct": 100.0}]"#),
            ("close_qty", "0.0"), ("price", ""),
        ]
    }

    static func partial75(_ planID: String, _ symbol: String) -> [(String, String)] {
        [
            ("plan_id", planID), ("symbol", symbol), ("action", "PARTIAL_75"), ("kill_score", "0.5"),
            ("decision", "EXECUTE"), ("reason_codes", "harvest_partial_75"),
            ("steps", #"[{"step": "CLOSE_PARTIAL_75", "type": "market_reduce_only", "side": "close", "pct": 75.0}]"#),
            ("close_qty", "0.0"), ("price", ""),
        ]
    }
}
