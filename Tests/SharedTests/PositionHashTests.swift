import Foundation
import Testing

@testable import Shared

/// `quantum:position:{SYM}`: numbers never empty on write; tolerant read; no quantity, no position.
@Suite("Position hash")
struct PositionHashTests {
    @Test("a position encodes every number, 0 for none, and decodes back equal")
    func roundTrip() throws {
        let position = PositionHash(
            symbol: "ANKRUSDT", side: .long, quantity: 33892, entryPrice: Decimal(string: "0.005912"), leverage: 10,
            stopLoss: nil, takeProfit: Decimal(string: "0.00612"), planID: "5e1f0c2a9b7d4e11",
            createdAt: 1_770_133_203, updatedAt: 1_770_133_203, source: "applylayer", atrValue: nil,
            volatilityFactor: nil, entryRiskUSDT: nil, riskPrice: nil, riskMissing: true)
        let pairs = position.encode()
        let fields = Dictionary(pairs, uniquingKeysWith: { $1 })
        #expect(fields["stop_loss"] == "0" && fields["quantity"] == "33892" && fields["side"] == "LONG")
        #expect(fields["risk_missing"] == "1" && fields["atr_value"] == "0" && fields["created_at"] == "1770133203")
        #expect(!pairs.contains { $0.1.isEmpty })
        #expect(try PositionHash.decode(fields: WireFields(pairs: pairs)) == position)
    }

    @Test("qty alias, BUY/SELL sides and foreign fields are accepted")
    func tolerantRead() throws {
        let position = try #require(
            try PositionHash.decode(fields: [
                "symbol": "ARCUSDT", "side": "SELL", "qty": "2351.835", "entry_price": "0.0421", "stop_loss": "0",
                "take_profit": "None", "unrealized_pnl": "12.5", "current_price": "0.04", "age_sec": "3600.5",
                "entry_risk_usdt": "14.2",
            ]))
        #expect(position.side == .short && position.quantity == Decimal(string: "2351.835"))
        #expect(
            position.stopLoss == nil && position.takeProfit == nil && position.entryRiskUSDT == Decimal(string: "14.2"))
    }

    @Test("a hash without a positive quantity is no position")
    func noPosition() throws {
        #expect(try PositionHash.decode(fields: [:]) == nil)
        #expect(try PositionHash.decode(fields: ["symbol": "BTCUSDT", "side": "LONG", "quantity": "0"]) == nil)
        #expect(try PositionHash.decode(fields: ["symbol": "BTCUSDT", "side": "LONG", "quantity": "-0.5"]) == nil)
        #expect(try PositionHash.decode(fields: ["symbol": "BTCUSDT", "side": "LONG"]) == nil)
    }

    @Test("the key's symbol stands in for a missing symbol field")
    func symbolFromKey() throws {
        let position = try PositionHash.decode(fields: ["side": "LONG", "quantity": "1"], symbol: "ETHUSDT")
        #expect(position?.symbol == "ETHUSDT")
    }

    @Test("malformed position fields give a WireError naming the field")
    func malformed() {
        let badQty = #expect(throws: WireError.self) {
            try PositionHash.decode(fields: ["symbol": "BTCUSDT", "side": "LONG", "quantity": "abc"])
        }
        #expect(badQty?.field == "quantity")
        let badSide = #expect(throws: WireError.self) {
            try PositionHash.decode(fields: ["symbol": "BTCUSDT", "side": "FLAT", "quantity": "1"])
        }
        #expect(badSide?.field == "side" && badSide?.code == .unknownValue)
    }
}
