import Logging
import NIOCore
import NIOHTTP1

extension HTTPServer {
    /// Serves one connection's requests in order until the client closes it, a response ends it,
    /// or the task is cancelled. Errors (a reset, a parse error NIO already answered) end only
    /// this connection and are logged at debug level.
    func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: [UInt8] = []
                var tooLarge = false
                for try await part in inbound {
                    switch part {
                    case .head(let received):
                        head = received
                        body = []
                        tooLarge = false
                        if received.headers.first(name: "expect")?.lowercased() == "100-continue" {
                            try await outbound.write(
                                .head(HTTPResponseHead(version: received.version, status: .continue)))
                        }
                    case .body(var buffer):
                        if body.count + buffer.readableBytes > configuration.maxBodyBytes {
                            tooLarge = true
                        } else {
                            body += buffer.readBytes(length: buffer.readableBytes) ?? []
                        }
                    case .end:
                        guard let received = head else { continue }
                        head = nil
                        let keepAlive = try await answer(received, body: body, tooLarge: tooLarge, outbound)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("http connection ended with an error", metadata: ["error": "\(error)"])
        }
    }

    /// Runs the responder for one request and writes its answer; returns whether the connection
    /// stays open.
    private func answer(
        _ head: HTTPRequestHead, body: [UInt8], tooLarge: Bool,
        _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws -> Bool {
        let response: HTTPServerResponse
        if tooLarge {
            response = HTTPServerResponse(status: 413, contentType: "text/plain", text: "request body too large\n")
        } else {
            let request = HTTPServerRequest(
                method: head.method.rawValue, target: head.uri,
                headers: head.headers.map { ($0.name, $0.value) }, body: body)
            response = await responder(request)
        }
        let keepAlive = head.isKeepAlive && !tooLarge && response.ending == .complete
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let responseHead = HTTPResponseHead(
            version: head.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        switch response.ending {
        case .complete:
            try await outbound.write(contentsOf: [
                .head(responseHead), .body(.byteBuffer(ByteBuffer(bytes: response.body))), .end(nil),
            ])
        case .dropBeforeBody:
            try await outbound.write(.head(responseHead))
        }
        return keepAlive
    }
}
