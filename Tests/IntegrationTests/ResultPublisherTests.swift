import Foundation
import Testing

@testable import Shared

/// The result script against a real Redis: a plan's result, done key, cooldown, position hash
/// change and lease release are one atomic write, and a second answer for the same plan id
/// writes none of them.
@Suite("applylayer's result script", .enabled(if: TestEnvironment.redisEnabled))
struct ResultPublisherTests {
    struct Setup {
        let redis: RedisClient
        let publisher: ResultPublisher
        let configuration: ApplyConfiguration
        let symbol: String
        let planID: String
        let leases: ResultPublisher.Leases
    }

    static func setup() throws -> Setup {
        let redis = try TestEnvironment.redis()
        var configuration = ApplyConfiguration()
        let prefix = TestEnvironment.unique("publish")
        configuration.resultStream = prefix + ":result"
        // A symbol of its own (position keys are global): upper-case letters only.
        let symbol = "QT" + String(UUID().uuidString.filter(\.isLetter).prefix(8)) + "USDT"
        let planID = "plan-" + prefix.suffix(8)
        return Setup(
            redis: redis, publisher: ResultPublisher(redis: redis, configuration: configuration),
            configuration: configuration, symbol: symbol, planID: planID,
            leases: .init(owner: "me:applylayer", keys: [ApplyKeys.planLease(planID), ApplyKeys.lease(symbol)]))
    }

    @Test func theResultItsPositionChangeAndTheLeaseReleaseAreWrittenTogether() async throws {
        let s = try Self.setup()
        for key in s.leases.keys { try await s.redis.set(key, s.leases.owner, expireMilliseconds: 60_000) }
        try await s.redis.hashSet(ApplyKeys.position(s.symbol), [("quantity", "2"), ("foreign", "kept")])
        let id = try await s.publisher.publish(
            [("plan_id", s.planID), ("executed", "True")], planID: s.planID, symbol: s.symbol, cooldownSeconds: 60,
            position: .set([("quantity", "1.5"), ("updated_at", "1")]), releasing: s.leases)
        let entries = try StreamEntries.fromRead(
            try await s.redis.send(["XREAD", "STREAMS", s.configuration.resultStream, "0"]))
        #expect(entries.map(\.id) == [id])
        #expect(try await s.redis.send(["GET", s.configuration.doneKey(s.planID)]).string == id)
        #expect(try await s.redis.exists(ApplyKeys.cooldown(s.symbol)))
        let hash = try await s.redis.hashGetAll(ApplyKeys.position(s.symbol))
        #expect(hash == ["quantity": "1.5", "updated_at": "1", "foreign": "kept"], "HSET: other services' fields stay")
        for key in s.leases.keys { #expect(try await s.redis.exists(key) == false, "\(key) released") }
        try await s.redis.delete(
            ApplyKeys.position(s.symbol), ApplyKeys.cooldown(s.symbol), s.configuration.doneKey(s.planID))
    }

    @Test func aPlanAnsweredAlreadyWritesNothingMoreButStillReleasesItsOwnLeases() async throws {
        let s = try Self.setup()
        let first = try await s.publisher.publish(
            [("plan_id", s.planID)], planID: s.planID, symbol: s.symbol, cooldownSeconds: 0)
        try await s.redis.hashSet(ApplyKeys.position(s.symbol), [("quantity", "3")])
        try await s.redis.set(s.leases.keys[0], s.leases.owner, expireMilliseconds: 60_000)
        try await s.redis.set(s.leases.keys[1], "other:applylayer", expireMilliseconds: 60_000)
        let second = try await s.publisher.publish(
            [("plan_id", s.planID), ("executed", "True")], planID: s.planID, symbol: s.symbol, cooldownSeconds: 60,
            position: .delete, releasing: s.leases)
        #expect(second == first, "the earlier result's id")
        let entries = try StreamEntries.fromRead(
            try await s.redis.send(["XREAD", "STREAMS", s.configuration.resultStream, "0"]))
        #expect(entries.count == 1, "one result per plan id")
        #expect(
            try await s.redis.hashGetAll(ApplyKeys.position(s.symbol))["quantity"] == "3", "not deleted by a duplicate")
        #expect(try await s.redis.exists(ApplyKeys.cooldown(s.symbol)) == false)
        #expect(try await s.redis.exists(s.leases.keys[0]) == false, "this owner's plan lease released")
        #expect(
            try await s.redis.send(["GET", s.leases.keys[1]]).string == "other:applylayer", "another owner's lease kept"
        )
        try await s.redis.delete(ApplyKeys.position(s.symbol), s.leases.keys[1], s.configuration.doneKey(s.planID))
    }

    @Test func aDeleteRemovesTheHashAndDryRunWritesNoPositionOrCooldown() async throws {
        let s = try Self.setup()
        try await s.redis.hashSet(ApplyKeys.position(s.symbol), [("quantity", "1")])
        try await s.publisher.publish(
            [("plan_id", s.planID)], planID: s.planID, symbol: s.symbol, cooldownSeconds: 0,
            position: .delete)
        #expect(try await s.redis.exists(ApplyKeys.position(s.symbol)) == false)

        var dry = s.configuration
        dry.mode = .dryRun
        let dryPlan = s.planID + "-dry"
        try await s.redis.hashSet(ApplyKeys.position(s.symbol), [("quantity", "1")])
        try await ResultPublisher(redis: s.redis, configuration: dry).publish(
            [("plan_id", dryPlan)], planID: dryPlan, symbol: s.symbol, cooldownSeconds: 60, position: .delete)
        #expect(try await s.redis.hashGetAll(ApplyKeys.position(s.symbol)) == ["quantity": "1"], "dry_run is truly dry")
        #expect(try await s.redis.exists(ApplyKeys.cooldown(s.symbol)) == false)
        try await s.redis.delete(ApplyKeys.position(s.symbol), s.configuration.doneKey(s.planID), dry.doneKey(dryPlan))
    }
}
