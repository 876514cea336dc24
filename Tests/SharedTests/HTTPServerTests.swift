import Foundation
import Glibc
import NIOPosix
import Testing

@testable import Shared

/// ``HTTPServer`` over real loopback sockets: what a client on the wire sees (the bytes, the
/// connection closed or kept).
@Suite("HTTP server (SwiftNIO): keep-alive, limits, faults, shutdown")
struct HTTPServerTests {
    /// A running server on a free port, cancelled when the test body ends.
    static func withServer(
        idleTimeout: Duration = .seconds(30), maxBodyBytes: Int = 1 << 20,
        _ body: (Int) async throws -> Void
    ) async throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.idleTimeout = idleTimeout
        configuration.maxBodyBytes = maxBodyBytes
        let server = HTTPServer(configuration: configuration, logger: .init(label: "test")) { request in
            switch request.path {
            case "/slow":
                try? await Task.sleep(for: .milliseconds(600))
                return HTTPServerResponse(contentType: "text/plain", text: "slow answer")
            case "/drop": return HTTPServerResponse(body: Array("0123456789".utf8), ending: .dropBeforeBody)
            case "/thread":
                let here = MultiThreadedEventLoopGroup.currentEventLoop != nil
                let inActor = await ThreadProbe().onEventLoop()
                return HTTPServerResponse(contentType: "text/plain", text: "loop=\(here) actor=\(inActor)")
            default:
                let text =
                    "\(request.method) \(request.path) q=\(request.query) h=\(request.header("x-test") ?? "-") b=\(request.body.count)"
                return HTTPServerResponse(
                    status: request.path == "/missing" ? 404 : 200, contentType: "text/plain", text: text)
            }
        }
        let ports = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { _, port in ports.continuation.yield(port) } }
        defer { task.cancel() }
        var iterator = ports.stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(port)
    }

    @Test func twoRequestsOnOneKeptAliveConnectionAreAnsweredInOrder() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send(
                "GET /a?x=1 HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n")
            let text = try await connection.read(until: { $0.components(separatedBy: "HTTP/1.1 200").count == 3 })
            #expect(text.contains("GET /a q=x=1 h=yes b=0"))
            #expect(text.contains("GET /b q= h=- b=0"))
            #expect(text.range(of: "/a")!.lowerBound < text.range(of: "/b")!.lowerBound)
            #expect(!(await connection.isClosed()), "an HTTP/1.1 connection stays open")
        }
    }

    @Test func aBodyIsPassedWholeAndConnectionCloseIsHonoured() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send(
                "POST /o HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 5\r\n\r\nab=cd")
            let text = try await connection.readToEnd()
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("Connection: close"))
            #expect(text.hasSuffix("POST /o q= h=- b=5"))
        }
    }

    @Test func expect100ContinueGetsAnInterimAnswerBeforeTheBody() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send(
                "POST /o HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
            let interim = try await connection.read(until: { $0.contains("\r\n\r\n") })
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
            try await connection.send("xyz")
            let final = try await connection.read(until: { $0.contains("b=3") })
            #expect(final.contains("HTTP/1.1 200 OK"))
        }
    }

    @Test func aBodyOverTheLimitIsAnswered413AndTheConnectionClosed() async throws {
        try await Self.withServer(maxBodyBytes: 10) { port in
            let connection = try RawConnection(port: port)
            try await connection.send("POST /o HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\n01234567890123456789")
            let text = try await connection.readToEnd()
            #expect(text.hasPrefix("HTTP/1.1 413"))
        }
    }

    @Test func garbageIsAnswered400() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send("NOT HTTP AT ALL\r\n\r\n")
            #expect(try await connection.readToEnd().hasPrefix("HTTP/1.1 400"))
        }
    }

    @Test func theStatusTheResponderGivesIsSent() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send("GET /missing HTTP/1.0\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(text.hasPrefix("HTTP/1.0 404 Not Found\r\n"), "HTTP/1.0 without keep-alive: answered, then closed")
        }
    }

    @Test func aDroppedAnswerSendsTheHeadThenClosesBeforeTheBody() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send("POST /drop HTTP/1.1\r\nHost: t\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("Content-Length: 10"))
            #expect(text.hasSuffix("\r\n\r\n"), "no body byte: \(text.debugDescription)")
        }
    }

    @Test func theResponderAndTheDefaultActorsItCallsRunOnTheConnectionsEventLoop() async throws {
        try await Self.withServer { port in
            let connection = try RawConnection(port: port)
            try await connection.send("GET /thread HTTP/1.1\r\nHost: t\r\n\r\n")
            let text = try await connection.read(until: { $0.contains("actor=") })
            #expect(text.hasSuffix("loop=true actor=true"), "no hand-off to the cooperative pool: \(text)")
        }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await Self.withServer(idleTimeout: .milliseconds(200)) { port in
            let connection = try RawConnection(port: port)
            try await connection.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await connection.read(until: { $0.contains("b=0") })
            #expect(
                try await connection.readToEnd().isEmpty,
                "closed by the server (after 200 ms), not by the read's timeout")
        }
    }

    @Test func aRequestSlowerThanTheIdleTimeoutIsAnsweredBeforeTheConnectionCloses() async throws {
        try await Self.withServer(idleTimeout: .milliseconds(150)) { port in
            let connection = try RawConnection(port: port)
            try await connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            let text = try await connection.readToEnd()
            #expect(text.hasPrefix("HTTP/1.1 200 OK") && text.hasSuffix("slow answer"), "\(text.debugDescription)")
        }
    }

    @Test func cancellingTheServerClosesKeptAliveConnectionsAndReturnsWithoutError() async throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.idleTimeout = .seconds(60)
        let server = HTTPServer(configuration: configuration, logger: .init(label: "test")) { _ in
            HTTPServerResponse(contentType: "text/plain", text: "ok")
        }
        let ports = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { _, port in ports.continuation.yield(port) } }
        var iterator = ports.stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let connection = try RawConnection(port: port)
        try await connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await connection.read(until: { $0.hasSuffix("ok") })
        task.cancel()
        try await task.value
        #expect(try await connection.readToEnd().isEmpty)
        #expect(throws: (any Error).self) { _ = try RawConnection(port: port) }
    }

    @Test func aPortInUseIsABindError() async throws {
        try await Self.withServer { port in
            let second = HTTPServer(configuration: .init(host: "127.0.0.1", port: port), logger: .init(label: "test")) {
                _ in
                HTTPServerResponse()
            }
            await #expect(throws: (any Error).self) { try await second.run() }
        }
    }
}

/// A TCP client for the tests: bytes out, bytes in, with timeouts. Its blocking socket calls run
/// on a dispatch queue of its own, never on Swift's cooperative pool (which the server's
/// responder needs).
private final class RawConnection: @unchecked Sendable {
    private let queue = DispatchQueue(label: "raw-connection")
    struct Failure: Error { var reason: String }
    private let socket: Int32
    private var received: [UInt8] = []

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(reason: "connect failed")
        }
    }

    deinit { close(socket) }

    func send(_ text: String) async throws { try await offPool { try self.sendNow(text) } }

    /// How long a read waits by default. The close that ends a connection runs on the cooperative
    /// pool, which the full suite (two threads on this machine, dozens of suites at once, some
    /// helpers that block) held for over 5 s in one run: every test here timed out with the whole
    /// answer received. Only a server that never closes waits this long.
    static let patience: Double = 30

    func read(until done: @escaping @Sendable (String) -> Bool, timeout: Double = patience) async throws -> String {
        try await offPool { try self.readNow(until: done, timeout: timeout) }
    }

    func readToEnd(timeout: Double = patience) async throws -> String {
        try await offPool { try self.readToEndNow(timeout: timeout) }
    }

    func isClosed() async -> Bool { (try? await offPool { self.isClosedNow() }) ?? false }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func sendNow(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw Failure(reason: "send failed")
        }
    }

    /// Reads until `done` accepts what arrived so far (or fails after `timeout` seconds).
    private func readNow(until done: (String) -> Bool, timeout: Double) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !done(text) {
            guard Date() < deadline else { throw Failure(reason: "timed out with \(text.debugDescription)") }
            guard try readSome(timeout: deadline.timeIntervalSinceNow) else {
                throw Failure(reason: "closed with \(text.debugDescription)")
            }
        }
        return text
    }

    /// Reads until the server closes the connection; throws when it stays open past `timeout`.
    private func readToEndNow(timeout: Double) throws -> String {
        let before = received.count
        let deadline = Date().addingTimeInterval(timeout)
        while try readSome(timeout: deadline.timeIntervalSinceNow) {
            guard Date() < deadline else { throw Failure(reason: "still open") }
        }
        return String(decoding: received[before...], as: UTF8.self)
    }

    /// True when the server has closed the connection (checked without waiting long).
    private func isClosedNow() -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 100) == 1 else { return false }
        var byte: UInt8 = 0
        return recv(socket, &byte, 1, Int32(MSG_PEEK)) == 0
    }

    private var text: String { String(decoding: received, as: UTF8.self) }

    /// One read; false at end of stream.
    private func readSome(timeout: Double) throws -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(max(1, timeout * 1000))) == 1 else {
            throw Failure(reason: "timed out with \(text.debugDescription)")
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        received += buffer[..<count]
        return true
    }
}

/// A default actor: with the connection task's executor preference its code runs on the event loop too.
private actor ThreadProbe {
    func onEventLoop() -> Bool { MultiThreadedEventLoopGroup.currentEventLoop != nil }
}
