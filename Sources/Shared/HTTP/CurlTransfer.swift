import CCurl
import FoundationEssentials

/// `curl_global_init` must run once per process before any other curl call; Swift runs a
/// global's initializer lazily and exactly once, thread-safely.
private let curlGlobalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// One blocking libcurl transfer over its own easy handle.
///
/// Not `Sendable`, on purpose: it owns a `CURL*` and buffers that the write/header callbacks
/// fill, and it is created, performed and released on one thread (a lane of
/// ``BlockingQueuePool``), never shared. Callers only receive the value-type result.
final class CurlTransfer {
    private var body: [UInt8] = []
    private var headers: [String: String] = [:]
    private var status = 0

    /// Runs `request` to completion, blocking the calling thread.
    ///
    /// - Important: call only from a thread that is allowed to block (never from Swift's
    ///   cooperative pool).
    ///
    /// With `handle` (a lane's kept handle, see ``CurlEasyHandles``) the handle is reset and its
    /// connection cache reused for GET requests; without one a handle is made for this request.
    static func perform(
        _ request: CurlHTTPClient.Request,
        configuration: CurlHTTPClient.Configuration,
        handle kept: UnsafeMutableRawPointer? = nil
    ) -> Result<CurlHTTPClient.Response, HTTPError> {
        guard let handle = kept ?? makeHandle() else {
            return .failure(
                HTTPError(code: .other, curlCode: -1, requestMayHaveBeenSent: false, message: "curl_easy_init failed"))
        }
        defer { if kept == nil { curl_easy_cleanup(handle) } }
        // Options do not carry over from the previous request; the connection cache does.
        curl_easy_reset(handle)
        let transfer = CurlTransfer()
        return withExtendedLifetime(transfer) { transfer.run(handle, request, configuration) }
    }

    /// A new easy handle (curl initialised first), or nil.
    static func makeHandle() -> UnsafeMutableRawPointer? {
        _ = curlGlobalInit
        return curl_easy_init()
    }

    private func run(
        _ handle: UnsafeMutableRawPointer,
        _ request: CurlHTTPClient.Request,
        _ configuration: CurlHTTPClient.Configuration
    ) -> Result<CurlHTTPClient.Response, HTTPError> {
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }
        // Without this, curl sends "Expect: 100-continue" for larger bodies and waits.
        for header in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            headerList = curl_slist_append(headerList, header)
        }

        var setup = CURLE_OK
        func set(_ code: CURLcode) { if setup == CURLE_OK { setup = code } }
        set(ccurl_setopt_string(handle, CURLOPT_URL, request.url))
        set(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds))
        set(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, configuration.totalTimeout.milliseconds))
        set(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        // A proxy from the environment must never sit between us and a loopback paperexchange.
        set(ccurl_setopt_string(handle, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1"))
        set(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        if let userAgent = configuration.userAgent {
            set(ccurl_setopt_string(handle, CURLOPT_USERAGENT, userAgent))
        }
        switch request.method {
        case .get:
            set(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .post, .put, .delete:
            // Never on a reused connection: when a kept-alive connection dies before an answer,
            // curl silently sends the request again on a new one, and an order must never be
            // re-sent blindly (a lost answer is resolved by looking the order up by client id).
            set(ccurl_setopt_long(handle, CURLOPT_FRESH_CONNECT, 1))
            set(ccurl_setopt_long(handle, CURLOPT_FORBID_REUSE, 1))
            if request.method == .post {
                set(ccurl_setopt_long(handle, CURLOPT_POST, 1))
            } else {
                set(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
            }
            if request.method == .post || !request.body.isEmpty {
                // CURLOPT_POSTFIELDS would keep a pointer to Swift memory; COPYPOSTFIELDS copies it.
                set(ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, request.body.count))
                var bytes = request.body.map { CChar(bitPattern: $0) }
                bytes.append(0)
                set(
                    bytes.withUnsafeMutableBufferPointer {
                        ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
                    })
            }
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        set(ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        set(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        set(ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        set(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        guard setup == CURLE_OK else {
            return .failure(Self.error(setup, handle: handle, sentProbe: false))
        }

        let started = Date().timeIntervalSince1970
        let code = curl_easy_perform(handle)
        let finished = Date().timeIntervalSince1970
        guard code == CURLE_OK else {
            return .failure(Self.error(code, handle: handle, sentProbe: true))
        }
        var responseCode = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        var response = CurlHTTPClient.Response(status: responseCode, headers: headers, body: body)
        response.transferStarted = started
        response.transferFinished = finished
        return .success(response)
    }

    /// Maps a `CURLcode` to an ``HTTPError``; `sentProbe` asks curl whether the request got as
    /// far as the transfer phase.
    private static func error(_ code: CURLcode, handle: UnsafeMutableRawPointer, sentProbe: Bool) -> HTTPError {
        var mayHaveBeenSent = false
        if sentProbe {
            // PRETRANSFER_TIME stays 0 until curl is about to send the request.
            var pretransfer = 0.0
            _ = ccurl_getinfo_double(handle, CURLINFO_PRETRANSFER_TIME, &pretransfer)
            mayHaveBeenSent = pretransfer > 0
        }
        let kind: HTTPError.Code
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .connectFailed
            mayHaveBeenSent = false
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            kind = .connectionLost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        default:
            kind = .other
        }
        let text = curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error"
        return HTTPError(
            code: kind, curlCode: Int(code.rawValue), requestMayHaveBeenSent: mayHaveBeenSent, message: text)
    }

    fileprivate func appendBody(_ pointer: UnsafeMutablePointer<CChar>, count: Int) {
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
    }

    /// Records one header line; works on the bytes (header lines are ASCII in practice; a value's
    /// other bytes are kept as UTF-8, invalid ones repaired).
    fileprivate func appendHeaderLine(_ pointer: UnsafeMutablePointer<CChar>, count: Int) {
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            let line = UnsafeBufferPointer(start: start, count: count)
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
            guard var first = line.firstIndex(where: { !isSpace($0) }) else { return }
            var last = line.lastIndex(where: { !isSpace($0) })!
            if line[first...].starts(with: "HTTP/".utf8) {
                // A new status line (after 100 Continue or a redirect) starts a new header block.
                headers = [:]
                return
            }
            guard let colon = line[first...last].firstIndex(of: UInt8(ascii: ":")) else { return }
            let name = String(
                decoding: line[first..<colon].map { $0 | (($0 >= 0x41 && $0 <= 0x5A) ? 0x20 : 0) },
                as: UTF8.self)
            first = colon + 1
            while first <= last, isSpace(line[first]) { first += 1 }
            while last >= first, isSpace(line[last]) { last -= 1 }
            let value = first <= last ? String(decoding: line[first...last], as: UTF8.self) : ""
            if let existing = headers[name] {
                headers[name] = existing + ", " + value
            } else {
                headers[name] = value
            }
        }
    }
}

private let curlWriteBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    pointer, size, count, context in
    guard let pointer, let context else { return 0 }
    Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().appendBody(pointer, count: size * count)
    return size * count
}

private let curlWriteHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int =
    {
        pointer, size, count, context in
        guard let pointer, let context else { return 0 }
        Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().appendHeaderLine(pointer, count: size * count)
        return size * count
    }

extension Duration {
    /// Whole milliseconds, rounded down, never negative (for curl's `_MS` options).
    fileprivate var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
