import ArgumentParser
import Foundation
import Shared

/// `qtchaos hostile`: publishes COUNT malformed and hostile messages on apply.plan and
/// apply.result (binary-safe, pipelined) and records each one's stream id and category.
struct HostileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostile", abstract: "Publish malformed and hostile messages on apply.plan and apply.result.")

    @Option(help: "How many messages.") var count = 10_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "Prefix of the feeder's plan ids, replayed with other content.") var replayPrefix = "cx-1-"
    @Option(help: "How many feeder plan ids exist to replay (0: no replays).") var replayMax = 0
    @Option(help: "Spread the messages over this many seconds (0: as fast as possible).") var seconds: Double = 0
    @Option(help: "Append `target stream-id category` per message to this file.") var record: String

    func run() async throws {
        let chaos = ChaosEnvironment()
        let redis = try chaos.redis(name: "chaos-hostile")
        let recorder = try PlanRecord(path: record)
        var generator = HostileGenerator(seed: seed, replayPrefix: replayPrefix, replayMax: replayMax)
        let batch = 50
        let pause = seconds > 0 ? seconds / Double(max(1, count / batch)) : 0
        var categories: [String: Int] = [:]
        var index = 0
        while index < count {
            let messages = (index..<min(count, index + batch)).map { generator.message($0) }
            let commands = messages.map { $0.xadd(stream: $0.target == .plan ? chaos.planStream : chaos.resultStream) }
            let replies = try await sendRetrying(commands, redis: redis)
            for (message, reply) in zip(messages, replies) {
                guard let id = reply.string, case .bulk = reply else {
                    throw ChaosFailure("XADD of a \(message.category) message failed: \(reply)")
                }
                recorder.append("\(message.target.rawValue) \(id) \(message.category)")
                categories[message.category, default: 0] += 1
            }
            index += messages.count
            if pause > 0 { try await Task.sleep(for: .milliseconds(Int(pause * 1000))) }
        }
        let summary = categories.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("published \(count) hostile messages: \(summary)")
    }

    /// A pipeline retried while Redis restarts (a lost reply can add an entry twice; both are checked).
    private func sendRetrying(_ commands: [[[UInt8]]], redis: RedisClient) async throws -> [RedisReply] {
        var attempts = 0
        while true {
            do {
                return try await redis.pipeline(bytes: commands)
            } catch {
                attempts += 1
                if attempts > 150 { throw ChaosFailure("Redis unreachable for 30 s while publishing: \(error)") }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
