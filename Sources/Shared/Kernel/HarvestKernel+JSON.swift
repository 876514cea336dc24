import FoundationEssentials

/// The whole `exitbrain evaluate` mapping, JSON in to JSON out, so it is testable without the
/// executable.
extension HarvestKernel {
    /// Evaluates every case in `data` (see `KernelInput.cases(fromJSON:)`) and returns the
    /// decisions as JSON text: one object for a single case, an array otherwise.
    ///
    /// - Throws: `KernelInputError` naming the first bad field; nothing is evaluated then.
    package static func evaluateJSON(_ data: Data, pretty: Bool = true) throws(KernelInputError) -> String {
        let (cases, isList) = try KernelInput.cases(fromJSON: data)
        let decisions = cases.map { evaluate($0).json }
        return (isList ? KernelJSON.array(decisions) : decisions[0]).text(pretty: pretty)
    }
}
