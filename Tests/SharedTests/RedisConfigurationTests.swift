import Testing

@testable import Shared

@Suite("Redis settings from the environment")
struct RedisConfigurationTests {
    @Test("REDIS_URL with user, password and database")
    func fullURL() throws {
        let configuration = try RedisConfiguration(
            environment: EnvironmentReader([
                "REDIS_URL": "redis://desk:s%40cret@10.0.0.5:6380/3"
            ]))
        #expect(configuration.endpoint == .tcp(host: "10.0.0.5", port: 6380))
        #expect(configuration.username == "desk")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == 3)
        #expect(!configuration.redactedDescription.contains("s@cret"))
    }

    @Test("password-only URL as redis-py writes it, default port and database")
    func passwordOnly() throws {
        let configuration = try RedisConfiguration(url: "redis://:pw@localhost")
        #expect(configuration.endpoint == .tcp(host: "localhost", port: 6379))
        #expect(configuration.username == nil)
        #expect(configuration.password == "pw")
        #expect(configuration.database == 0)
    }

    @Test("REDIS_HOST and REDIS_PORT as the Python services used them")
    func hostAndPort() throws {
        let configuration = try RedisConfiguration(
            environment: EnvironmentReader([
                "REDIS_HOST": "redis.internal", "REDIS_PORT": "6390", "REDIS_DB": "2",
            ]))
        #expect(configuration.endpoint == .tcp(host: "redis.internal", port: 6390))
        #expect(configuration.database == 2)
    }

    @Test("unix sockets: unix:// URL with db, or a bare path")
    func unixSockets() throws {
        let url = try RedisConfiguration(url: "unix:///run/redis/redis.sock?db=4")
        #expect(url.endpoint == .unixSocket(path: "/run/redis/redis.sock"))
        #expect(url.database == 4)
        let path = try RedisConfiguration(url: "/run/redis.sock")
        #expect(path.endpoint == .unixSocket(path: "/run/redis.sock"))
    }

    @Test("bad settings name the key and say why")
    func badSettings() {
        #expect(throws: ConfigurationError(key: "REDIS_PORT", reason: "expected an integer, got \"six\"")) {
            try RedisConfiguration(environment: EnvironmentReader(["REDIS_PORT": "six"]))
        }
        #expect(throws: ConfigurationError.self) { try RedisConfiguration(url: "http://x:1") }
        #expect(throws: ConfigurationError.self) { try RedisConfiguration(url: "redis://h:1/notanumber") }
        #expect(throws: ConfigurationError.self) { try RedisConfiguration(url: "rediss://h:1") }
        do {
            _ = try RedisConfiguration(environment: EnvironmentReader(["REDIS_URL": "ftp://u:topsecret@h"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "REDIS_URL")
            #expect(!error.description.contains("topsecret"))
        }
    }
}
