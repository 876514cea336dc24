/// The answer a responder gives ``HTTPServer``: status, headers, body.
///
/// The server adds `Content-Length` (and `Connection: close` when it closes the connection).
package struct HTTPServerResponse: Sendable {
    /// How the connection is treated after this response.
    package enum Ending: Sendable {
        /// The whole response is written; the connection stays open when the client keeps it alive.
        case complete
        /// The status line and headers (with the body's `Content-Length`) are written, then the
        /// connection is closed before any body byte: the client sees the connection dropped
        /// mid-answer (paperexchange's injected fault after an accepted order).
        case dropBeforeBody
    }

    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    package var ending: Ending

    package init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        ending: Ending = .complete
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.ending = ending
    }

    /// A response whose body is `text` in UTF-8, with the given content type.
    package init(status: Int = 200, contentType: String, text: String) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }
}
