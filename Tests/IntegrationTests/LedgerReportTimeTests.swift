import Foundation
import Testing

@testable import Shared

@Suite("report time options: --since/--until dates and RFC 3339 times, --window durations")
struct LedgerReportTimeTests {
    @Test("a UTC date starts at 00:00 UTC and, as an end, includes the whole day")
    func dates() throws {
        #expect(try ReportTime.start("2026-11-25") == TestEnvironment.utc("2026-11-25T00:00:00Z"))
        #expect(try ReportTime.end("2026-11-25") == TestEnvironment.utc("2026-11-26T00:00:00Z"))
        #expect(try ReportTime.end("2026-12-31") == TestEnvironment.utc("2027-01-01T00:00:00Z"))
    }

    @Test("RFC 3339 times with Z, an offset or fractional seconds are taken as given")
    func times() throws {
        #expect(try ReportTime.start("2026-11-25T10:30:00Z") == TestEnvironment.utc("2026-11-25T10:30:00Z"))
        #expect(try ReportTime.end("2026-11-25T12:30:00+02:00") == TestEnvironment.utc("2026-11-25T10:30:00Z"))
        #expect(
            try ReportTime.start("2026-11-25t10:30:00.250z").timeIntervalSince(
                TestEnvironment.utc("2026-11-25T10:30:00Z")) == 0.25)
    }

    @Test(
        "anything else is rejected with a message naming the option",
        arguments: ["yesterday", "2026-13-01", "2026-11-25 10:00", ""])
    func invalid(_ text: String) {
        #expect(throws: ReportInputError.self) { try ReportTime.start(text) }
        do {
            _ = try ReportTime.end(text)
        } catch {
            #expect(error.description.hasPrefix("invalid --until"))
        }
    }

    @Test("windows: 30m, 1h, 24h, 1h30m, 7d; zero or garbage is rejected")
    func windows() throws {
        #expect(try ReportTime.duration("30m") == 1800)
        #expect(try ReportTime.duration("1h") == 3600)
        #expect(try ReportTime.duration("24h") == 86_400)
        #expect(try ReportTime.duration("1h30m") == 5400)
        #expect(try ReportTime.duration("7d") == 604_800)
        for bad in ["0h", "h", "1x", "90", "-1h"] {
            #expect(throws: ReportInputError.self) { try ReportTime.duration(bad) }
        }
        #expect(ScorecardReport.windowText(5400) == "1h30m")
    }
}
