import Foundation
import Testing

@testable import Shared

@Suite("Redis client against a real redis-server", .enabled(if: TestEnvironment.redisEnabled))
struct RedisClientTests {
    @Test("values are binary-safe: NUL, 0xFF and CRLF bytes round-trip unchanged")
    func binarySafeValues() async throws {
        let redis = try TestEnvironment.redis()
        let key = TestEnvironment.unique("binary")
        let value: [UInt8] = [0, 255, 13, 10, 36, 42, 0, 1, 2]
        _ = try await redis.send(bytes: [Array("SET".utf8), Array(key.utf8), value])
        #expect(try await redis.send(["GET", key]) == .bulk(value))
        try await redis.delete(key)
    }

    @Test("a pipeline sends many commands in one go and returns the replies in order")
    func pipelineKeepsOrder() async throws {
        let redis = try TestEnvironment.redis()
        let key = TestEnvironment.unique("pipe")
        let replies = try await redis.pipeline((1...100).map { _ in ["INCR", key] })
        #expect(replies.map(\.integer) == (1...100).map { Optional($0) })
        try await redis.delete(key)
    }

    @Test("an error reply comes back as .error and leaves the connection usable")
    func errorReplyKeepsConnection() async throws {
        let redis = try TestEnvironment.redis()
        let key = TestEnvironment.unique("err")
        try await redis.set(key, "text")
        let reply = try await redis.send(["INCR", key])
        guard case .error(let message) = reply else { Issue.record("expected an error reply, got \(reply)"); return }
        #expect(message.contains("not an integer"))
        await #expect(throws: RedisError.self) { try await redis.checked(["INCR", key]) }
        #expect(try await redis.get(key) == "text")
        try await redis.delete(key)
    }

    @Test("after the server drops the connection the next command reconnects")
    func reconnectsAfterConnectionKilled() async throws {
        let redis = try TestEnvironment.redis(name: "victim")
        let key = TestEnvironment.unique("reconnect")
        try await redis.set(key, "1")
        let id = try #require(try await redis.send(["CLIENT", "ID"]).integer)
        let admin = try TestEnvironment.redis(name: "admin")
        _ = try await admin.checked(["CLIENT", "KILL", "ID", String(id)])
        await #expect(throws: RedisError.self) { try await redis.send(["GET", key]) }
        #expect(await redis.isConnected == false)
        #expect(try await redis.get(key) == "1")
        #expect(try await redis.send(["CLIENT", "ID"]).integer != id)
        try await admin.delete(key)
    }

    @Test("a read that outlasts the socket timeout fails as .timeout and the client recovers")
    func readTimeout() async throws {
        var configuration = try TestEnvironment.redisConfiguration()
        configuration.commandTimeout = .milliseconds(300)
        let redis = RedisClient(configuration: configuration, name: "timeout", logger: TestEnvironment.logger)
        let stream = TestEnvironment.unique("timeout")
        do {
            _ = try await redis.send(["XREAD", "BLOCK", "2000", "STREAMS", stream, "$"])
            Issue.record("expected a timeout")
        } catch {
            guard case .timeout = error else { Issue.record("expected .timeout, got \(error)"); return }
        }
        #expect(try await redis.send(["PING"]) == .status("PONG"))
    }

    @Test("connects over a unix socket", .enabled(if: TestEnvironment.environment["TEST_REDIS_SOCKET"] != nil))
    func unixSocket() async throws {
        let path = try #require(TestEnvironment.environment["TEST_REDIS_SOCKET"])
        let configuration = try RedisConfiguration(url: "unix://\(path)?db=0")
        let redis = RedisClient(configuration: configuration, name: "unix", logger: TestEnvironment.logger)
        #expect(try await redis.send(["PING"]) == .status("PONG"))
    }

    @Test("a server that is down fails fast with a connection error, and later connects")
    func downThenUp() async throws {
        let server = try RedisProcess.start()
        defer { server.stop() }
        let redis = RedisClient(configuration: server.configuration, name: "flaky", logger: TestEnvironment.logger)
        #expect(try await redis.send(["PING"]) == .status("PONG"))
        server.stop()
        await #expect(throws: RedisError.self) { try await redis.send(["PING"]) }
        try server.restart()
        let recovered = await TestEnvironment.eventually {
            (try? await redis.send(["PING"])) == .status("PONG")
        }
        #expect(recovered)
    }
}
