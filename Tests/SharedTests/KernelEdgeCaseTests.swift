import Foundation
import Testing

@testable import Shared

/// A LONG position with everything neutral; tests change what they are about.
private func position(
    side: PositionSide = .long,
    entry: Double = 100,
    pnl: Double = 0,
    age: Double = 0,
    stop: Double? = nil
) -> PositionSnapshot {
    PositionSnapshot(
        symbol: "TESTUSDT", side: side, entryPrice: entry, currentPrice: entry, peakPrice: entry,
        troughPrice: entry, ageSec: age, unrealizedPnL: pnl, currentSL: stop)
}

/// A market in which every kill component is 0 under the default parameters.
private let calmMarket = MarketSnapshot(sigma: 0.005, ts: 0.5, pTrend: 0.6, pMR: 0.2, pChop: 0.2)

@Suite("Kernel edge cases")
struct KernelEdgeCaseTests {
    @Test("the seed's ETHUSDT plan gives K = 0.7119699587849092 with the policy's harvest_params")
    func seedExample() throws {
        // harvest_params of the desk's policy generators (original-exit-harvest.md §1.4).
        let harvestParams: [String: Double] = [
            "T1_R": 1.8, "T2_R": 3.5, "T3_R": 5.8, "lock_R": 1.2, "be_plus_pct": 0.003,
            "cost_bps": 12.0, "k_regime_flip": 0.8, "k_sigma_spike": 0.6, "k_ts_drop": 0.4,
            "k_age_penalty": 0.2, "kill_threshold": 0.55,
        ]
        let parameters = KernelParameters.defaults.overriding(harvestParams: harvestParams, killParams: [:])
        let input = KernelInput(
            position: position(entry: 50, pnl: 2.5, age: 3600, stop: 49),
            market: MarketSnapshot(sigma: 0.008, ts: 0.058406, pTrend: 0.2, pMR: 0.3, pChop: 0.5),
            riskProposal: RiskProposal(stopDistPct: 0.005),
            parameters: parameters)
        let decision = HarvestKernel.evaluate(input)
        #expect(decision.killScore.value == 0.7119699587849092)
        #expect(
            decision.components
                == KillComponents(
                    regimeFlip: 1.0, sigmaSpike: 0.0, tsDrop: 0.24159399999999998, agePenalty: 0.041666666666666664))
        #expect(decision.newStopProposed == 50.14999999999999)
        #expect(decision.rNet == 9.76)
        #expect(decision.riskUnit == 0.25)
        #expect(decision.action == .fullCloseProposed)
        #expect(decision.reasonCodes == [.harvestPartial75, .profitLock, .killScoreTriggered, .regimeFlip, .tsDrop])
    }

    @Test("the same components with the code-default weights give K ≈ 0.75645, not the seed's K")
    func defaultWeightsDoNotGiveTheSeedK() {
        let kill = KillScore(
            components: KillComponents(regimeFlip: 1, sigmaSpike: 0, tsDrop: 0.241594, agePenalty: 3600.0 / 86400.0),
            parameters: .defaults)
        #expect(abs(kill.value - 0.75645) < 1e-5)
    }

    @Test("a zero entry price floors the risk unit at 1e-9 instead of dividing by zero")
    func zeroRiskUnitIsFloored() {
        let decision = HarvestKernel.evaluate(KernelInput(position: position(entry: 0, pnl: 1e-8), market: calmMarket))
        #expect(decision.riskUnit == 1e-9)
        #expect(decision.costEstimate == 0)
        #expect(abs(decision.rNet - 10) < 1e-9)
        #expect(decision.action == .partial75)
    }

    @Test("a risk proposal with stop_dist_pct 0 or nil falls back to fallback_stop_pct")
    func zeroStopDistanceFallsBack() {
        for proposal in [RiskProposal(stopDistPct: 0), RiskProposal(stopDistPct: nil)] {
            let input = KernelInput(position: position(entry: 200), market: calmMarket, riskProposal: proposal)
            #expect(HarvestKernel.evaluate(input).riskUnit == 4.0)
        }
        let input = KernelInput(
            position: position(entry: 200), market: calmMarket, riskProposal: RiskProposal(stopDistPct: 0.01))
        #expect(HarvestKernel.evaluate(input).riskUnit == 2.0)
    }

    @Test("the ladder fires at exactly T1, T2 and T3 (≥, not >)")
    func ladderBoundariesAreInclusive() {
        let parameters = KernelParameters.defaults
        #expect(HarvestLadder.action(rNet: 1.9999999999, parameters: parameters) == .none)
        #expect(HarvestLadder.action(rNet: 2.0, parameters: parameters) == .partial25)
        #expect(HarvestLadder.action(rNet: 4.0, parameters: parameters) == .partial50)
        #expect(HarvestLadder.action(rNet: 6.0, parameters: parameters) == .partial75)
    }

    @Test("a SHORT with a stop of 0.0 never gets a profit lock; a LONG with 0.0 does")
    func zeroStopIsARealLevel() {
        let short = position(side: .short, stop: 0.0)
        #expect(ProfitLock.proposedStop(position: short, rNet: 10, parameters: .defaults) == nil)
        let long = position(side: .long, stop: 0.0)
        #expect(ProfitLock.proposedStop(position: long, rNet: 10, parameters: .defaults) == 100 * (1 + 0.002))
        let shortWithoutStop = position(side: .short, stop: nil)
        #expect(
            ProfitLock.proposedStop(position: shortWithoutStop, rNet: 10, parameters: .defaults) == 100 * (1 - 0.002))
    }

    @Test("the profit lock only tightens and only from lock_R on")
    func profitLockOnlyTightens() {
        let tightLong = position(side: .long, stop: 101)
        #expect(ProfitLock.proposedStop(position: tightLong, rNet: 10, parameters: .defaults) == nil)
        let tightShort = position(side: .short, stop: 99)
        #expect(ProfitLock.proposedStop(position: tightShort, rNet: 10, parameters: .defaults) == nil)
        #expect(ProfitLock.proposedStop(position: position(), rNet: 1.4999, parameters: .defaults) == nil)
        #expect(ProfitLock.proposedStop(position: position(), rNet: 1.5, parameters: .defaults) != nil)
    }

    @Test("any side other than exactly LONG is treated as short")
    func unknownSideIsShort() {
        #expect(PositionSide(pythonSide: "LONG") == .long)
        for text in ["SHORT", "long", "FLAT", ""] { #expect(PositionSide(pythonSide: text) == .short) }
    }

    @Test("with every component 0, K is exactly 0.5 and a 0.5 threshold still kills")
    func neutralMarketGivesHalf() {
        var parameters = KernelParameters.defaults
        let calm = HarvestKernel.evaluate(KernelInput(position: position(), market: calmMarket, parameters: parameters))
        #expect(calm.killScore.value == 0.5)
        #expect(calm.action == .none)
        #expect(calm.reasonCodes.isEmpty)
        parameters.killThreshold = 0.5
        let killed = HarvestKernel.evaluate(
            KernelInput(position: position(), market: calmMarket, parameters: parameters))
        #expect(killed.action == .fullCloseProposed)
        #expect(killed.reasonCodes == [.killScoreTriggered])
    }

    @Test("a kill keeps earlier reasons and the proposed stop and lists every diagnostic in order")
    func killKeepsEarlierReasons() {
        let market = MarketSnapshot(sigma: 0.05, ts: 0.0, pTrend: 0.1, pMR: 0.4, pChop: 0.5)
        let input = KernelInput(position: position(pnl: 50, age: 90_000), market: market)
        let decision = HarvestKernel.evaluate(input)
        #expect(decision.action == .fullCloseProposed)
        #expect(decision.newStopProposed == 100 * (1 + 0.002))
        #expect(
            decision.reasonCodes == [
                .harvestPartial75, .profitLock, .killScoreTriggered, .regimeFlip, .sigmaSpike, .tsDrop, .agePenalty,
            ])
        #expect(decision.components == KillComponents(regimeFlip: 1, sigmaSpike: 2, tsDrop: 0.3, agePenalty: 1))
    }

    @Test("components clamp at their caps and at 0")
    func componentsClamp() {
        let wild = KillComponents(
            ageSec: -5, market: MarketSnapshot(sigma: 1, ts: -3, pTrend: 0.3, pMR: 0.5, pChop: 0.5),
            parameters: .defaults)
        #expect(wild == KillComponents(regimeFlip: 0, sigmaSpike: 2, tsDrop: 0.5, agePenalty: 0))
    }
}
