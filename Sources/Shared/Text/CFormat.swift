import Glibc

/// printf-style formatting (`%.6f`, `%04d`), as C's `snprintf` gives it in the C locale.
///
/// Replaces Foundation's `String(format:)`, which FoundationEssentials lacks. Python's `%`
/// operator formats through the same C conversions, so wire texts such as `'%.6f' % value` come
/// out identical.
package enum CFormat {
    /// `format` with `arguments` substituted; "" if the C library reports an error.
    package static func string(_ format: String, _ arguments: any CVarArg...) -> String {
        withVaList(arguments) { list in
            var buffer = [CChar](repeating: 0, count: 128)
            let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
            guard needed >= 0 else { return "" }
            if needed < buffer.count {
                return String(decoding: buffer[..<needed].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            return withVaList(arguments) { again in
                buffer = [CChar](repeating: 0, count: needed + 1)
                _ = vsnprintf(&buffer, buffer.count, format, again)
                return String(decoding: buffer[..<needed].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
    }
}
