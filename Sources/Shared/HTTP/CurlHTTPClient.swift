/// An HTTP/1.1 client over libcurl's easy interface: one request in, one complete response out.
///
/// Every transfer uses a fresh `CURL*` easy handle on a lane of a ``BlockingQueuePool``, so
/// `curl_easy_perform`, which blocks its thread for the whole exchange, never runs on Swift's
/// cooperative thread pool; the async caller is suspended on a checked continuation meanwhile.
///
/// `Sendable`: the client holds only immutable configuration and the pool (itself safe to share);
/// no curl handle outlives a single request or crosses threads, so there is nothing to race on.
/// Connection reuse is not attempted (each request connects anew), which suits a REST client
/// issuing a few requests per second.
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

    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.pool = BlockingQueuePool(label: "http.curl", count: configuration.maxConcurrentRequests)
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Throws: ``HTTPError`` when no response was received (connect failure, timeout,
    ///   broken connection, TLS or other transport error).
    package func send(_ request: Request) async throws(HTTPError) -> Response {
        let configuration = self.configuration
        let result = await pool.run { CurlTransfer.perform(request, configuration: configuration) }
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
