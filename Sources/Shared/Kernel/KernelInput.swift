/// Everything one kernel evaluation reads: a position, its market, the optional risk
/// proposal and the parameters (a fixture case's `position`, `market_state`, `p1_proposal`,
/// `theta`).
package struct KernelInput: Sendable, Equatable {
    package var position: PositionSnapshot
    package var market: MarketSnapshot
    package var riskProposal: RiskProposal?
    package var parameters: KernelParameters

    package init(
        position: PositionSnapshot,
        market: MarketSnapshot,
        riskProposal: RiskProposal? = nil,
        parameters: KernelParameters = .defaults
    ) {
        self.position = position
        self.market = market
        self.riskProposal = riskProposal
        self.parameters = parameters
    }
}
