/// One complete HTTP request as ``HTTPServer`` hands it to its responder: the head split into
/// method, path and raw query, the headers in arrival order, and the whole body.
package struct HTTPServerRequest: Sendable {
    /// The method, upper-case (`GET`, `POST`, …).
    package var method: String
    /// The request target's path, without the query string, still percent-encoded.
    package var path: String
    /// The query string exactly as received (percent-encoded), without the `?`; "" when absent.
    package var query: String
    /// Header name/value pairs in arrival order, names as the client spelt them.
    package var headers: [(name: String, value: String)]
    /// The body bytes ("" when none).
    package var body: [UInt8]

    package init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method.uppercased()
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(target[..<mark])
            query = String(target[target.utf8.index(after: mark)...])
        } else {
            path = target
            query = ""
        }
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (compared without case), or nil.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.utf8.count == name.utf8.count && $0.name.lowercased() == name.lowercased() }?.value
    }
}
