import Foundation

/// libFuzzer entry over the kernel's JSON parser and the two JSON front ends that use it
/// (`exitbrain evaluate` and `exitbrain marketstate`; see docs/fuzzing.md).
///
/// Mode byte: `M` = the rest is a closes document for `MarketStateEstimator.estimateJSON`;
/// anything else = the rest is a case document for `HarvestKernel.evaluateJSON`. Both parse
/// with `KernelJSONParser`; the parsed value is also written back and re-parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func kernelFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (mode, rest) = FuzzFraming.split(bytes)
    let document = Data(rest)
    if let json = try? KernelJSON.parse(document) {
        for pretty in [false, true] {
            let text = json.text(pretty: pretty)
            let again = try? KernelJSON.parse(Data(text.utf8))
            FuzzFraming.check(again == json, "KernelJSON text does not round-trip: \(text.prefix(200))")
        }
    }
    if mode == UInt8(ascii: "M") {
        _ = try? MarketStateEstimator.estimateJSON(document, pretty: false)
    } else {
        _ = try? HarvestKernel.evaluateJSON(document, pretty: false)
    }
    return 0
}
