/// An HTTP/1.1 client over libcurl's easy interface: one request in, one complete response out.
///
/// Every transfer runs on a lane of a ``BlockingQueuePool``, so `curl_easy_perform`, which blocks
/// its thread for the whole exchange, never runs on Swift's cooperative thread pool; the async
/// caller is suspended on a checked continuation meanwhile.
///
/// Each lane keeps one `CURL*` easy handle (``CurlEasyHandles``), so GET requests reuse the lane's
/// kept-alive connection (no TCP or TLS handshake per request). Requests that change state (POST,
/// PUT, DELETE: orders) always go on a fresh connection that is closed after the answer, because
/// curl re-sends a request whose reused connection died before answering.
///
/// `Sendable`: the client holds immutable configuration, the pool (itself safe to share) and the
/// lane handles, each used only by its own lane.
///
/// - Important: a task cancelled while its request is in flight still waits for the transfer,
///   which the total timeout bounds.
package final class CurlHTTPClient: Sendable {
    /// Timeouts and pool size.
    package struct Configuration: Sendable {
        /// Time allowed to establish TCP (and TLS). Default 3 s.
        package var connectTimeout: Duration
        /// Time allowed for the whole exchange, connect included. Default 10 s.
        package var totalTimeout: Duration
        /// How many requests may block at once (one thread each). Default 4.
        package var maxConcurrentRequests: Int
        /// Value of the `User-Agent` header, or nil for none.
        package var userAgent: String?

        package init(
            connectTimeout: Duration = .seconds(3),
            totalTimeout: Duration = .seconds(10),
            maxConcurrentRequests: Int = 4,
            userAgent: String? = "quantum-exits"
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxConcurrentRequests = maxConcurrentRequests
            self.userAgent = userAgent
        }
    }

    package let configuration: Configuration
    private let pool: BlockingQueuePool
    private let handles: CurlEasyHandles

    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.pool = BlockingQueuePool(label: "http.curl", count: configuration.maxConcurrentRequests)
        self.handles = CurlEasyHandles(count: pool.count)
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Throws: ``HTTPError`` when no response was received (connect failure, timeout,
    ///   broken connection, TLS or other transport error).
    package func send(_ request: Request) async throws(HTTPError) -> Response {
        let configuration = self.configuration
        let handles = self.handles
        let result = await pool.run { (lane: Int) in
            CurlTransfer.perform(request, configuration: configuration, handle: handles.handle(lane: lane))
        }
        return try result.get()
    }

    /// Convenience over ``send(_:)``.
    package func request(
        _ method: Method,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) async throws(HTTPError) -> Response {
        try await send(Request(method: method, url: url, headers: headers, body: body))
    }
}
