import Testing

@testable import Shared

/// Client order ids from plan ids; expected hashes computed with python3 hashlib.sha256.
@Suite struct ExchangeClientOrderIDTests {
    @Test(arguments: ["plan:BTCUSDT:1700000000:close", String(repeating: "a", count: 36), "A.b:c/d_e-f", "x"])
    func validPlanIDIsUsedVerbatim(planID: String) {
        #expect(ClientOrderID.derive(planID: planID) == planID)
    }

    @Test(arguments: [
        ("exit-plan-with-a-very-long-identifier-1234567890", "qt-805aaf22ad19f9aaed6d7e298548a4b0c"),
        ("plan id with spaces", "qt-c724698d769c7802250b0bc2cb760e33f"),
        (String(repeating: "a", count: 37), "qt-21ec055b38ce759cd4d0f477e9bdec2c5"),
        ("résumé", "qt-e9f7b5b696661e938834cbc285688cfa4"),
        ("", "qt-e3b0c44298fc1c149afbf4c8996fb9242"),
    ])
    func invalidPlanIDIsHashed(planID: String, expected: String) {
        let id = ClientOrderID.derive(planID: planID)
        #expect(id == expected)
        #expect(id.count == 36)
        #expect(ClientOrderID.isValid(id))
    }

    @Test func derivationIsStable() {
        #expect(
            ClientOrderID.derive(planID: "plan id with spaces") == ClientOrderID.derive(planID: "plan id with spaces"))
    }

    @Test func validatorRejectsNewlineAndOtherPunctuation() {
        #expect(!ClientOrderID.isValid("abc\n"))
        #expect(!ClientOrderID.isValid("a+b"))
        #expect(!ClientOrderID.isValid("a#b"))
    }
}
