import CCurl

/// One libcurl easy handle per lane of a ``BlockingQueuePool``, kept between requests so that
/// curl's connection cache (which lives in the handle) reuses the TCP (and TLS) connection.
///
/// `@unchecked Sendable`: slot `n` is only touched by work running on lane `n`, and a lane runs
/// one job at a time, so no slot is ever used by two threads at once; `deinit` runs when no
/// request is in flight (the client holding this object is gone).
final class CurlEasyHandles: @unchecked Sendable {
    private var slots: [UnsafeMutableRawPointer?]

    init(count: Int) {
        slots = Array(repeating: nil, count: max(1, count))
    }

    /// The handle of `lane`, created on first use; nil when curl cannot make one. Call only from
    /// the lane's own queue.
    func handle(lane: Int) -> UnsafeMutableRawPointer? {
        if let handle = slots[lane] { return handle }
        let handle = CurlTransfer.makeHandle()
        slots[lane] = handle
        return handle
    }

    deinit {
        for case let handle? in slots { curl_easy_cleanup(handle) }
    }
}
