import Foundation
import Testing

@testable import Shared

@Suite("Typed settings from the environment")
struct EnvironmentReaderTests {
    enum Mode: String, CaseIterable { case paper, dry_run, live }

    @Test("empty values fall back to the default, as `KEY=` in an env file")
    func emptyIsUnset() throws {
        let env = EnvironmentReader(["A": "", "B": "  "])
        #expect(try env.int("A", default: 7) == 7)
        #expect(env.string("B", default: "x") == "x")
    }

    @Test("typed reads accept what operators write")
    func typedReads() throws {
        let env = EnvironmentReader([
            "N": "42", "F": "0.5", "D": "0.001", "B": "Yes", "L": "BTCUSDT, ETHUSDT,,", "M": "DRY_RUN",
        ])
        #expect(try env.int("N", default: 0, range: 1...100) == 42)
        #expect(try env.double("F", default: 0) == 0.5)
        #expect(try env.decimal("D", default: 0) == Decimal(string: "0.001"))
        #expect(try env.bool("B", default: false))
        #expect(env.list("L") == ["BTCUSDT", "ETHUSDT"])
        #expect(try env.choice("M", default: Mode.paper) == .dry_run)
    }

    @Test("a bad value names the key and the reason")
    func errors() {
        let env = EnvironmentReader(["N": "4x", "R": "500", "B": "maybe", "M": "prod", "D": "1e5"])
        #expect(throws: ConfigurationError(key: "N", reason: "expected an integer, got \"4x\"")) {
            try env.int("N", default: 0)
        }
        #expect(throws: ConfigurationError(key: "R", reason: "500 is outside 1...100")) {
            try env.int("R", default: 1, range: 1...100)
        }
        #expect(throws: ConfigurationError.self) { try env.bool("B", default: false) }
        #expect(throws: ConfigurationError.self) { try env.choice("M", default: Mode.paper) }
        #expect(throws: ConfigurationError.self) { try env.decimal("D", default: 0) }
    }

    @Test("LOG_LEVEL is parsed and validated")
    func logLevel() throws {
        #expect(try LoggingSetup.logLevel(EnvironmentReader(["LOG_LEVEL": "DEBUG"])) == .debug)
        #expect(try LoggingSetup.logLevel(EnvironmentReader([:])) == .info)
        #expect(throws: ConfigurationError.self) { try LoggingSetup.logLevel(EnvironmentReader(["LOG_LEVEL": "loud"])) }
    }

    @Test("backoff grows, is capped, and resets")
    func backoff() {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1))
        let first = backoff.next()
        #expect(first >= .milliseconds(80) && first <= .milliseconds(120))
        for _ in 0..<10 { _ = backoff.next() }
        #expect(backoff.next() <= .seconds(1))
        #expect(backoff.failures == 12)
        backoff.reset()
        #expect(backoff.next() <= .milliseconds(120))
    }
}
