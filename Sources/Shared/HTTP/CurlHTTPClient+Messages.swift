extension CurlHTTPClient {
    /// An HTTP method the client can send.
    ///
    /// Nested, like ``Request`` and ``Response``, so the client's types never meet the server's
    /// (``HTTPServerRequest``) or SwiftNIO's under one name.
    package enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// One HTTP request: method, absolute URL, headers and body bytes.
    package struct Request: Sendable {
        package var method: Method
        /// Absolute URL including any query string, already percent-encoded.
        package var url: String
        /// Header name/value pairs, sent in order.
        package var headers: [(name: String, value: String)]
        /// Body bytes; sent (with its length) for POST, PUT and DELETE, ignored for GET.
        package var body: [UInt8]

        package init(method: Method, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }
    }

    /// A complete HTTP response.
    package struct Response: Sendable {
        /// The HTTP status code of the final response (after any `100 Continue`).
        package var status: Int
        /// Response headers with lower-cased names; repeated headers are joined with ", ".
        package var headers: [String: String]
        /// The raw body bytes.
        package var body: [UInt8]
        /// Real time (seconds since 1970) when the transfer started and finished, taken on the
        /// thread that ran it; 0 when unknown. A caller resumed late (a busy machine) can tell how
        /// long it waited after the answer arrived, e.g. to measure a clock offset.
        package var transferStarted: Double = 0
        package var transferFinished: Double = 0

        package init(status: Int, headers: [String: String], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// The value of the header `name` (case-insensitive).
        package func header(_ name: String) -> String? {
            headers[name.lowercased()]
        }

        /// The body decoded as UTF-8 (invalid bytes replaced).
        package var bodyText: String {
            String(decoding: body, as: UTF8.self)
        }
    }
}
