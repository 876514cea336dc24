import Foundation
import Testing

@testable import Shared

/// How a reducing fill's exit reason is classified, and the allocation-free matcher behind it.
@Suite("Ledger fill exit reason")
struct LedgerFillExitReasonTests {
    func fill(reduceOnly: Bool = true, action: String? = nil, codes: String? = nil, source: String? = nil) -> LedgerFill
    {
        LedgerFill(
            symbol: "BTCUSDT", orderID: "1", planID: "p", side: .sell, reduceOnly: reduceOnly, action: action,
            quantity: 1, averagePrice: 100, reasonCodes: codes, planSource: source,
            executedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("an entry has no exit reason, whatever its codes say")
    func entryHasNone() {
        #expect(fill(reduceOnly: false, action: "FULL_CLOSE", codes: "kill_score").exitReason == nil)
    }

    @Test(
        "each reason, in the order the rules are tried, ignoring ASCII case",
        arguments: [
            ("FULL_CLOSE", "regime_flip,KILL_SCORE", "exitbrain", "kill_score"),
            ("PARTIAL_25", "kill_score_high", nil, "kill_score"),
            ("partial_50", nil, nil, "ladder"),
            ("FULL_CLOSE", "Harvest_Partial_R2", nil, "ladder"),
            ("CLOSE_ON_STOP", nil, nil, "stop"),
            ("update_sl", nil, nil, "stop"),
            ("FULL_CLOSE", "trailing_STOP", "manual", "stop"),
            ("FULL_CLOSE", nil, "Operator", "manual"),
            ("FULL_CLOSE", "", "applylayer_propose", "manual"),
            ("FULL_CLOSE", nil, "cli", "manual"),
            ("FULL_CLOSE", nil, "client", "other"),
            ("FULL_CLOSE", nil, nil, "other"),
            ("UPDATE_SL_LATER", nil, nil, "other"),
            ("XPARTIAL_", nil, nil, "other"),
        ] as [(String?, String?, String?, String)])
    func reasons(action: String?, codes: String?, source: String?, expected: String) {
        #expect(fill(action: action, codes: codes, source: source).exitReason == expected)
    }

    @Test("the matcher folds A-Z only: other bytes, UTF-8 included, match themselves")
    func matcher() {
        #expect(ASCIICaseInsensitive.contains("abcSTOPdef", "stop"))
        #expect(ASCIICaseInsensitive.contains("stop", "STOP"))
        #expect(!ASCIICaseInsensitive.contains("sto", "stop"))
        #expect(!ASCIICaseInsensitive.contains(nil, "stop"))
        #expect(ASCIICaseInsensitive.contains("", ""))
        #expect(!ASCIICaseInsensitive.contains("\u{212A}ill_score", "kill_score"))  // Kelvin sign
        #expect(ASCIICaseInsensitive.contains("é kill_score", "KILL_SCORE"))
        #expect(!ASCIICaseInsensitive.contains("s[op", "s{op"))  // '[' and '{' differ by 0x20 but are not letters
        #expect(ASCIICaseInsensitive.hasPrefix("Partial_1", "PARTIAL_"))
        #expect(!ASCIICaseInsensitive.hasPrefix("PARTIAL", "PARTIAL_"))
        #expect(ASCIICaseInsensitive.equals("Update_Sl", "UPDATE_SL"))
        #expect(!ASCIICaseInsensitive.equals("UPDATE_SL ", "UPDATE_SL"))
        #expect(!ASCIICaseInsensitive.equals(nil, "cli"))
    }
}
