import ArgumentParser
import Foundation
import Shared

/// `qtchaos flatten`: at the end of a run, proposes a full close for every open exchange position
/// through apply.plan (the normal path, so the closes are checked like any other plan) until the
/// account is flat.
struct FlattenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flatten", abstract: "Close every open position through applylayer; exit 1 if not flat in time.")

    @Option(help: "Give up after this many seconds.") var seconds: Double = 90
    @Option(help: "Append one line per published plan to this file.") var record: String?

    func run() async throws {
        let chaos = ChaosEnvironment()
        let redis = try chaos.redis(name: "chaos-flatten")
        let exchange = try chaos.exchange()
        let recorder = try record.map { try PlanRecord(path: $0) }
        let deadline = Date().addingTimeInterval(seconds)
        var round = 0
        while Date() < deadline {
            let open: [PositionRisk]
            do {
                open = try await exchange.positions(symbol: nil).filter { $0.positionAmount != 0 }
            } catch {
                try await Task.sleep(for: .seconds(1))
                continue
            }
            if open.isEmpty {
                print("flat after \(round) round(s)")
                return
            }
            round += 1
            for position in open {
                let id = "fl-\(round)-\(position.symbol)-\(UInt32.random(in: 0...UInt32.max))"
                let plan = ApplyPlan.close(
                    ClosePlan(
                        planID: id, symbol: position.symbol, shape: .harvest, action: "FULL_CLOSE_PROPOSED",
                        steps: [.close(percent: 100)], source: "chaos-flatten", timestamp: Date().timeIntervalSince1970)
                )
                if let streamID = try? await redis.streamAdd(chaos.planStream, plan.encode()) {
                    recorder?.append("\(id) flatten \(position.symbol) \(streamID)")
                }
            }
            try await Task.sleep(for: .seconds(3))
        }
        throw ChaosFailure("positions still open after \(seconds) s")
    }
}
