import FoundationEssentials

/// Reading closes as JSON and estimating from them, for `exitbrain marketstate`.
extension MarketStateEstimator {
    /// Reads closes from a JSON array of numbers, or from an object with a `prices` array (a
    /// vector of `marketstate-vectors.json`).
    ///
    /// - Throws: `KernelInputError` for anything else, or a close that is not a positive
    ///   number (the original would take the log of it and publish NaN).
    package static func closes(fromJSON data: Data) throws(KernelInputError) -> [Double] {
        let document = try KernelJSON.parse(data)
        let elements: [KernelJSON]
        let path: String
        switch document {
        case .array(let array):
            elements = array
            path = ""
        case .object:
            guard case .array(let array)? = document["prices"] else {
                throw KernelInputError(field: "prices", reason: "expected an array of closes")
            }
            elements = array
            path = "prices"
        default:
            throw KernelInputError(
                field: "", reason: "expected an array of closes, got \(document.kindName)")
        }
        var closes: [Double] = []
        closes.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .number(let close) = element else {
                throw KernelInputError(
                    field: "\(path)[\(index)]", reason: "expected a close price, got \(element.kindName)")
            }
            guard close > 0 else {
                throw KernelInputError(field: "\(path)[\(index)]", reason: "close must be positive, got \(close)")
            }
            closes.append(close)
        }
        return closes
    }

    /// Estimates from a JSON document of closes (see `closes(fromJSON:)`) and returns the
    /// state with its JSON text; the text is `null` (and the state `nil`) below 257 closes.
    package static func estimateJSON(
        _ data: Data, pretty: Bool = true
    ) throws(KernelInputError) -> (state: MarketState?, closes: Int, text: String) {
        let closes = try closes(fromJSON: data)
        let state = estimate(closes: closes)
        return (state, closes.count, (state?.json ?? .null).text(pretty: pretty))
    }
}
