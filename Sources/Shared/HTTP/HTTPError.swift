/// A failed HTTP exchange: no status line was received.
///
/// The `code` tells the caller what it may assume about the request:
/// - ``Code-swift.struct/connectFailed``: the connection was never established, so the request
///   was certainly not sent; retrying is always safe.
/// - ``Code-swift.struct/timeout``: the connect or total timeout fired. When
///   ``requestMayHaveBeenSent`` is true the server may have acted on it ("unknown outcome").
/// - ``Code-swift.struct/connectionLost``: the connection broke after it was established
///   (send/receive error, empty reply); the outcome is unknown as well.
/// - ``Code-swift.struct/other``: anything else (bad URL, TLS failure, out of memory).
///
/// The message never contains request headers or the URL's query, so it cannot leak a key or
/// a signature.
package struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// An opaque, stable category of transport failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable names behind the opaque codes.
        private enum Base: String, Hashable, Sendable {
            case connectFailed = "connect_failed"
            case timeout
            case connectionLost = "connection_lost"
            case tls
            case other
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The TCP/TLS connection could not be established; nothing was sent.
        package static let connectFailed = Code(.connectFailed)
        /// The connect timeout or the total timeout expired.
        package static let timeout = Code(.timeout)
        /// The connection broke after the request started.
        package static let connectionLost = Code(.connectionLost)
        /// TLS handshake or certificate verification failed.
        package static let tls = Code(.tls)
        /// Any other libcurl failure.
        package static let other = Code(.other)

        package var description: String { base.rawValue }
    }

    /// The category of the failure.
    package let code: Code
    /// libcurl's `CURLcode` value, for logs and debugging.
    package let curlCode: Int
    /// False only when libcurl proves that no request byte left this process.
    package let requestMayHaveBeenSent: Bool
    /// libcurl's error text (never containing the URL or headers).
    package let message: String

    package init(code: Code, curlCode: Int, requestMayHaveBeenSent: Bool, message: String) {
        self.code = code
        self.curlCode = curlCode
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.message = message
    }

    package var description: String {
        "HTTPError(\(code), curl \(curlCode), mayHaveBeenSent: \(requestMayHaveBeenSent)): \(message)"
    }
}
