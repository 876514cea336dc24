import Foundation
import Testing

@testable import Shared

/// `quantum:harvest:proposal:{SYM}` and the exit plan id the Python apply layer derives from it.
@Suite("Harvest proposal")
struct HarvestProposalTests {
    static let proposal = HarvestProposal(
        harvestAction: "FULL_CLOSE_PROPOSED", newStopLoss: 50.14999999999999, rNet: 9.76, riskUnit: 0.5,
        costEst: 0.0012, killScore: 0.7119699587849092, reasonCodes: ["kill_score_close_ok", "profit_lock"],
        kRegimeFlip: 1, kSigmaSpike: 0, kTsDrop: 0.24159399999999998, kAgePenalty: 0.041666666666666664,
        sigma: 0.0096708, ts: 0.058406, pTrend: 0.3031, pMr: 0.1297, pChop: 0.5672,
        computedAtUTC: "2026-02-03T15:42:39.123456", lastUpdateEpoch: 1_770_133_359, positionSide: "LONG",
        positionAgeSec: 5400, positionCurrentPrice: Decimal(string: "54.88")!, positionEntryPrice: 50,
        positionUnrealizedPnl: Decimal(string: "24.4")!)

    @Test("encodes Python reprs, None for a missing stop, integer epoch")
    func encoding() {
        let fields = Dictionary(Self.proposal.encode(), uniquingKeysWith: { $1 })
        #expect(fields["kill_score"] == "0.7119699587849092" && fields["new_sl_proposed"] == "50.14999999999999")
        #expect(
            fields["k_regime_flip"] == "1.0" && fields["R_net"] == "9.76" && fields["last_update_epoch"] == "1770133359"
        )
        #expect(fields["reason_codes"] == "kill_score_close_ok,profit_lock" && fields["position_entry_price"] == "50")
        var noStop = Self.proposal
        noStop.newStopLoss = nil
        #expect(Dictionary(noStop.encode(), uniquingKeysWith: { $1 })["new_sl_proposed"] == "None")
        #expect(Self.proposal.encode().count == 23)
    }

    @Test("decodes what it encodes")
    func roundTrip() throws {
        #expect(try HarvestProposal(fields: WireFields(pairs: Self.proposal.encode())) == Self.proposal)
        var noStop = Self.proposal
        noStop.newStopLoss = nil
        #expect(try HarvestProposal(fields: WireFields(pairs: noStop.encode())) == noStop)
    }

    // Expected ids computed with Python 3: hashlib.sha256(s.encode()).hexdigest()[:16].
    @Test("exit plan id matches Python's hashlib over the parsed-back values")
    func exitPlanID() throws {
        // "ETHUSDT:FULL_CLOSE_PROPOSED:0.711970:50.14999999999999:2026-02-03T15:42:39.123456"
        #expect(Self.proposal.exitPlanID(symbol: "ETHUSDT") == "a52342c8048f2a12")
        // "BTCUSDT:PARTIAL_50:0.612346:50.15:2026-02-03T21:04:22.123456": 50.150 hashes as 50.15
        let stored = WireFields([
            "harvest_action": "PARTIAL_50", "kill_score": "0.6123456789", "new_sl_proposed": "50.150",
            "computed_at_utc": "2026-02-03T21:04:22.123456", "last_update_epoch": "1770133359",
        ])
        #expect(try HarvestProposal.exitPlanID(symbol: "BTCUSDT", fields: stored) == "fd42b1a50330047e")
        // "SOLUSDT:PARTIAL_75:0.500000:None:2026-02-03T15:42:39"
        let noStop = WireFields([
            "harvest_action": "PARTIAL_75", "kill_score": "0.5", "new_sl_proposed": "None",
            "computed_at_utc": "2026-02-03T15:42:39",
        ])
        #expect(try HarvestProposal.exitPlanID(symbol: "SOLUSDT", fields: noStop) == "77a500c0bae5bef8")
    }

    @Test("computed_at_utc is naive ISO-8601 UTC with microseconds")
    func computedAtText() {
        #expect(
            HarvestProposal.computedAtText(Date(timeIntervalSince1970: 1_770_133_359.123456))
                == "2026-02-03T15:42:39.123456")
        #expect(
            HarvestProposal.computedAtText(Date(timeIntervalSince1970: 1_770_133_359)) == "2026-02-03T15:42:39.000000")
    }

    @Test("missing required proposal fields give a WireError naming the field")
    func malformed() {
        var fields = Dictionary(Self.proposal.encode(), uniquingKeysWith: { $1 })
        fields["last_update_epoch"] = nil
        let error = #expect(throws: WireError.self) { try HarvestProposal(fields: WireFields(fields)) }
        #expect(error?.field == "last_update_epoch" && error?.code == .missing)
        fields["last_update_epoch"] = "1770133359"
        fields["kill_score"] = "high"
        let bad = #expect(throws: WireError.self) { try HarvestProposal(fields: WireFields(fields)) }
        #expect(bad?.field == "kill_score" && bad?.code == .notANumber)
    }
}
