import Foundation
import Testing

@testable import Shared

/// Inputs the libFuzzer targets in `fuzz/` found to trap or hang, kept as tests (docs/fuzzing.md).
///
/// Before the fixes each of these crashed the test process or took seconds; they must now
/// return promptly with the documented value.
@Suite struct FuzzRegressionTests {
    /// Fuzz input `S7e87`: a finite timestamp above `Int64.max` trapped in the `Int64` conversion.
    @Test(arguments: [7e87, 9.3e18, -9.3e18, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude])
    func timestampTextOfAHugeValueDoesNotTrap(seconds: Double) {
        #expect(WireTimestamp.text(seconds: seconds) == "0")
    }

    @Test func timestampTextStillTruncatesWhatFits() {
        #expect(WireTimestamp.text(seconds: 1_770_133_359.9) == "1770133359")
        #expect(WireTimestamp.text(seconds: -1.5) == "-1")
        #expect(WireTimestamp.text(seconds: 9.2e18) == "9200000000000000000")
        #expect(WireTimestamp.text(seconds: .nan) == "0")
    }

    /// A huge `Retry-After` header: trimming it by walking `Character`s backwards took 0.3 s per
    /// MB (seconds per input under the fuzzer's sanitizers); the mapping runs on every 429/418.
    /// 4 MB took 1.2 s before the fix and takes about a millisecond now.
    @Test func hugeRetryAfterHeaderIsReadQuickly() {
        let header = "  " + String(repeating: "9", count: 1 << 22) + "  "
        let clock = ContinuousClock()
        var error: ExchangeError?
        let took = clock.measure {
            error = BinanceRetryPolicy.failure(
                status: 429, headers: ["retry-after": header], body: Array(#"{"code":-1003,"msg":"x"}"#.utf8),
                endpoint: .newOrder)
        }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfterSeconds == nil)
        #expect(took < .milliseconds(250), "took \(took)")
    }

    @Test(arguments: [("7", 7), ("  12  ", 12), (" ", nil), ("", nil), ("1 2", nil), ("-3", -3)] as [(String, Int?)])
    func retryAfterIsTrimmedOfSpaces(header: String, seconds: Int?) {
        let error = BinanceRetryPolicy.failure(
            status: 429, headers: ["retry-after": header], body: [], endpoint: .positionRisk)
        #expect(error.retryAfterSeconds == seconds)
    }
}

extension FuzzRegressionTests {
    /// Found with `fuzz/run --roundtrip`: `1e-100` decoded, but its plain text (102 characters) was
    /// longer than any decoder accepts, so a result carrying it was dead-lettered downstream.
    @Test(arguments: ["1e-100", "-3.5e-19", "0.0000000000000000001"])
    func negligibleQuantitiesReadAsZeroAndRoundTrip(text: String) throws {
        let value = try WireDecimal.parse(text, field: "qty")
        #expect(value == 0)
        #expect(try WireDecimal.parse(WireDecimal.format(value), field: "qty") == value)
    }

    @Test func theSmallestKeptMagnitudeRoundTrips() throws {
        let value = try WireDecimal.parse("1.2345678901234567890123456789e-18", field: "qty")
        #expect(value > 0)
        #expect(try WireDecimal.parse(WireDecimal.format(value), field: "qty") == value)
    }
}
