import FoundationEssentials

/// A JSON value as the kernel's JSON mapping reads and writes it.
///
/// Objects keep their members in order, so output keys come out in the fixtures' order.
/// Numbers are `Double`s, parsed correctly rounded and printed in the shortest form that
/// round-trips (`0.7119699587849092`, `9.76`, `1e-09`).
package indirect enum KernelJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    /// An integer count (such as `returns_n`); written without a fraction. The parser reads
    /// every number as `.number`.
    case integer(Int)
    case string(String)
    case array([KernelJSON])
    case object([Member])

    /// One `"key": value` member of an object.
    package struct Member: Sendable, Equatable {
        package var key: String
        package var value: KernelJSON

        package init(_ key: String, _ value: KernelJSON) {
            self.key = key
            self.value = value
        }
    }

    /// Parses a UTF-8 JSON document (RFC 8259), keeping object members in document order.
    ///
    /// - Throws: `KernelInputError` when the data is not valid JSON; the reason gives the byte
    ///   offset.
    package static func parse(_ data: Data) throws(KernelInputError) -> KernelJSON {
        var parser = KernelJSONParser(bytes: Array(data))
        return try parser.parseDocument()
    }
}
