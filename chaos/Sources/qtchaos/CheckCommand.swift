import ArgumentParser
import Foundation
import Shared

/// `qtchaos check`: the final audit. Prints one `CHECK` line per check (see ``ChaosCheck``) and
/// exits 1 when any fails.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit streams, dead letters, ledger and exchange orders after a chaos run.",
        discussion:
            "The secret to look for is read from the environment variable named by --secret-env, never from argv.")

    @Option(help: "paperexchange's --state file (orders and positions).") var paperState: String
    @Option(help: "The file `qtchaos feed` and `flatten` recorded to.") var feedRecord: String?
    @Option(help: "The file `qtchaos hostile` recorded to.") var hostileRecord: String?
    @Option(help: "Environment variable holding the API secret that must appear nowhere.") var secretEnv =
        "BINANCE_API_SECRET"

    func run() async throws {
        let chaos = ChaosEnvironment()
        let redis = try chaos.redis(name: "chaos-check")
        let postgres = try chaos.postgres()
        let plans = try await StreamSnapshot.read(chaos.planStream, redis: redis)
        let results = try await StreamSnapshot.read(chaos.resultStream, redis: redis)
        let deadLetters = try await StreamSnapshot.read(chaos.deadLetterStream, redis: redis)
        let ledger = try await postgres.query(
            "SELECT entry_id FROM ledger_results WHERE stream = $1", [chaos.resultStream])
        let ledgerIDs = Set(ledger.values.compactMap { $0.first ?? nil })
        var groups: [ChaosAudit.GroupState] = []
        for stream in [chaos.planStream, chaos.resultStream] {
            groups += try await Self.groups(of: stream, redis: redis)
        }
        let fed = try feedRecord.map { try Self.lines($0) } ?? []
        let audit = ChaosAudit(
            plans: plans, results: results, deadLetters: deadLetters, ledgerEntryIDs: ledgerIDs,
            exchange: try PaperStateFile.load(paperState), groups: groups,
            hostileLines: try hostileRecord.map { try Self.lines($0) } ?? [],
            fedCount: fed.filter { !$0.contains(" flatten ") }.count)
        var rows = audit.checks()
        rows.append(try await secretCheck(streams: [results, deadLetters], postgres: postgres))
        for row in rows { print(row.line) }
        if rows.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    private func secretCheck(streams: [StreamSnapshot], postgres: PostgresClient) async throws -> ChaosCheck {
        guard let secret = ProcessInfo.processInfo.environment[secretEnv], secret.utf8.count >= 8 else {
            return ChaosCheck(
                name: "API secret in no result, dead letter or ledger row", passed: false,
                detail: "\(secretEnv) is not set (or shorter than 8 bytes): nothing to look for")
        }
        let needle = Array(secret.utf8)
        var hits: [String] = []
        for snapshot in streams {
            for entry in snapshot.entries
            where entry.fields.contains(where: { Self.contains($0.0, needle) || Self.contains($0.1, needle) }) {
                hits.append("\(snapshot.stream) \(entry.id)")
            }
        }
        let ledger = try await postgres.query(
            "SELECT count(*) FROM ledger_results WHERE position($1 in fields::text) > 0", [secret])
        let ledgerHits = Int(ledger.values.first?.first.flatMap { $0 } ?? "0") ?? 0
        let scanned = streams.map { "\($0.entries.count) \($0.stream)" }.joined(separator: ", ")
        return ChaosCheck(
            name: "API secret in no result, dead letter or ledger row", passed: hits.isEmpty && ledgerHits == 0,
            detail: "scanned \(scanned) and the ledger: \(hits.count + ledgerHits) hits\(ChaosAudit.sample(hits))")
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    static func lines(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func groups(of stream: String, redis: RedisClient) async throws -> [ChaosAudit.GroupState] {
        let reply = try await redis.send(["XINFO", "GROUPS", stream])
        if case .error(let message) = reply {
            if message.contains("no such key") { return [] }
            throw ChaosFailure("XINFO GROUPS \(stream): \(message)")
        }
        var groups: [ChaosAudit.GroupState] = []
        for group in reply.array ?? [] {
            let fields = Dictionary(group.pairs, uniquingKeysWith: { first, _ in first })
            guard let name = fields["name"] else { continue }
            let lag = try await redis.streamGroupLag(
                stream: stream, reported: fields["lag"].flatMap { Int($0) },
                lastDeliveredID: fields["last-delivered-id"])
            groups.append(
                ChaosAudit.GroupState(
                    stream: stream, name: name, pending: fields["pending"].flatMap { Int($0) } ?? 0, lag: lag))
        }
        return groups
    }
}
