import FoundationEssentials

/// Reading kernel cases in the fixtures' input format:
/// `{"position": {…}, "market_state": {…}, "p1_proposal": {…}|null, "theta": {…}}`.
///
/// - `position`: `symbol`, `side`, `entry_price`, `current_price`, `peak_price`,
///   `trough_price`, `age_sec`, `unrealized_pnl` are required (as by the original dataclass);
///   `current_sl`, `current_tp` may be missing or null. Other members are ignored.
/// - `market_state`: `sigma`, `ts`, `p_trend`, `p_mr`, `p_chop`, all required; a case without
///   market state gets no decision.
/// - `p1_proposal`: optional; `stop_dist_pct` null or 0 means "use the fallback".
/// - `theta`: optional (defaults); members override by Python name, and an unknown name is an
///   error so a typo cannot silently change a decision. An `expected` member is ignored.
extension KernelInput {
    /// Reads one case object; `path` prefixes field names in errors (e.g. `cases[3]`).
    package init(json: KernelJSON, path: String = "") throws(KernelInputError) {
        _ = try json.members(at: path)
        let positionPath = KernelJSON.join(path, "position")
        guard let positionJSON = json["position"], positionJSON != .null else {
            throw KernelInputError(field: positionPath, reason: "required object is missing")
        }
        position = try PositionSnapshot(json: positionJSON, path: positionPath)

        let marketPath = KernelJSON.join(path, "market_state")
        guard let marketJSON = json["market_state"], marketJSON != .null else {
            throw KernelInputError(
                field: marketPath, reason: "required object is missing (no market state, no decision)")
        }
        _ = try marketJSON.members(at: marketPath)
        market = MarketSnapshot(
            sigma: try marketJSON.number("sigma", at: marketPath),
            ts: try marketJSON.number("ts", at: marketPath),
            pTrend: try marketJSON.number("p_trend", at: marketPath),
            pMR: try marketJSON.number("p_mr", at: marketPath),
            pChop: try marketJSON.number("p_chop", at: marketPath)
        )

        let proposalPath = KernelJSON.join(path, "p1_proposal")
        if let proposalJSON = json["p1_proposal"], proposalJSON != .null {
            _ = try proposalJSON.members(at: proposalPath)
            riskProposal = RiskProposal(
                stopDistPct: try proposalJSON.optionalNumber("stop_dist_pct", at: proposalPath),
                proposedSL: try proposalJSON.optionalNumber("proposed_sl", at: proposalPath),
                proposedTP: try proposalJSON.optionalNumber("proposed_tp", at: proposalPath)
            )
        } else {
            riskProposal = nil
        }

        parameters = try KernelParameters(thetaJSON: json["theta"], path: KernelJSON.join(path, "theta"))
    }

    /// Reads a document holding one case, an array of cases, or an object with a `cases` array
    /// (the fixture file). `isList` is false only for a single case object.
    package static func cases(
        fromJSON data: Data
    ) throws(KernelInputError) -> (cases: [KernelInput], isList: Bool) {
        let document = try KernelJSON.parse(data)
        let elements: [KernelJSON]
        let prefix: String
        switch document {
        case .array(let array):
            elements = array
            prefix = ""
        case .object where document["cases"] != nil && document["position"] == nil:
            guard case .array(let array)? = document["cases"] else {
                throw KernelInputError(field: "cases", reason: "expected an array of cases")
            }
            elements = array
            prefix = "cases"
        case .object:
            return ([try KernelInput(json: document)], false)
        default:
            throw KernelInputError(
                field: "", reason: "expected a case object or an array of cases, got \(document.kindName)")
        }
        var cases: [KernelInput] = []
        for (index, element) in elements.enumerated() {
            cases.append(try KernelInput(json: element, path: "\(prefix)[\(index)]"))
        }
        return (cases, true)
    }
}
