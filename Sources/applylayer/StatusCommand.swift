import ArgumentParser
import FoundationEssentials
import Shared

/// `applylayer status`: positions, pending plans and the last results, for an operator's terminal.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show position hashes, the plan consumer group's pending count and lag, and the last results.",
        discussion: "Reads REDIS_URL (or REDIS_HOST/REDIS_PORT), APPLY_PLAN_STREAM, APPLY_RESULT_STREAM, APPLY_GROUP."
    )

    @Option(help: "How many recent results to show.") var results = 10

    func run() async throws {
        let env = EnvironmentReader()
        let redisConfiguration = try ExitStatus.configuring("applylayer status") {
            try RedisConfiguration(environment: env)
        }
        let planStream = env.string("APPLY_PLAN_STREAM", default: "quantum:stream:apply.plan")
        let resultStream = env.string("APPLY_RESULT_STREAM", default: "quantum:stream:apply.result")
        let group = env.string("APPLY_GROUP", default: "apply_layer_entry")
        let redis = RedisClient(configuration: redisConfiguration, name: "status", logger: .init(label: "status"))
        do {
            try await show(redis: redis, planStream: planStream, resultStream: resultStream, group: group)
        } catch {
            throw ExitStatus.fail("applylayer status: \(error)", code: ExitStatus.unavailable)
        }
    }

    private func show(redis: RedisClient, planStream: String, resultStream: String, group: String)
        async throws(RedisError)
    {
        print("positions (quantum:position:{SYM}):")
        var cursor = "0"
        repeat {
            let reply = try await redis.checked(["SCAN", cursor, "MATCH", "quantum:position:*", "COUNT", "500"])
            cursor = reply.array?.first?.string ?? "0"
            for key in reply.array?.last?.array?.compactMap(\.string) ?? [] {
                guard let symbol = ApplyKeys.positionSymbol(fromKey: key) else { continue }
                let fields = try await redis.hashGetAll(key)
                print(
                    "  \(symbol) \(fields["side"] ?? "?") qty \(fields["quantity"] ?? "?") entry \(fields["entry_price"] ?? "?") stop \(fields["stop_loss"] ?? "0") plan \(fields["plan_id"] ?? "")"
                )
            }
        } while cursor != "0"
        print("group \(group) on \(planStream):")
        for info in try await redis.send(["XINFO", "GROUPS", planStream]).array ?? [] {
            let values = Dictionary(info.pairs, uniquingKeysWith: { $1 })
            guard values["name"] == group else { continue }
            print(
                "  pending \(values["pending"] ?? "?"), lag \(values["lag"] ?? "?"), consumers \(values["consumers"] ?? "?"), last delivered \(values["last-delivered-id"] ?? "?")"
            )
        }
        print("last \(results) results on \(resultStream):")
        let recent = try await redis.checked(["XREVRANGE", resultStream, "+", "-", "COUNT", String(results)])
        for entry in recent.array ?? [] {
            let fields = Dictionary((entry.array?.last ?? .null).pairs, uniquingKeysWith: { $1 })
            print(
                "  \(entry.array?.first?.string ?? "") \(fields["plan_id"] ?? "") \(fields["symbol"] ?? "") \(fields["action"] ?? "") executed=\(fields["executed"] ?? "") error=\(fields["error"] ?? "") filled=\(fields["filled_qty"] ?? "")"
            )
        }
    }
}
