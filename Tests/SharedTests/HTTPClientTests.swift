import Foundation
import Synchronization
import Testing

@testable import Shared

/// ``CurlHTTPClient`` against a scripted loopback socket server (no real exchange).
@Suite struct HTTPClientTests {
    let client = CurlHTTPClient(configuration: .init(connectTimeout: .seconds(1), totalTimeout: .seconds(2)))

    @Test func responseHasStatusLowerCasedHeadersAndBody() async throws {
        let server = try HTTPScriptedServer { _, _ in
            .respond(418, headers: ["X-MBX-USED-WEIGHT-1M": "12", "Retry-After": "3"], body: #"{"code":-1003}"#)
        }
        defer { server.stop() }
        let response = try await client.request(.get, url: server.url("/fapi/v1/ping?a=1"))
        #expect(response.status == 418)
        #expect(response.headers["x-mbx-used-weight-1m"] == "12")
        #expect(response.header("Retry-After") == "3")
        #expect(response.bodyText == #"{"code":-1003}"#)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/fapi/v1/ping?a=1")
    }

    @Test func postSendsHeadersAndBody() async throws {
        let server = try HTTPScriptedServer { _, _ in .respond(200, body: "{}") }
        defer { server.stop() }
        _ = try await client.request(
            .post, url: server.url("/x"), headers: [("X-MBX-APIKEY", "abc")], body: Array("a=1&b=2".utf8))
        _ = try await client.request(.delete, url: server.url("/y"))
        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "DELETE"])
        #expect(requests[0].headers["x-mbx-apikey"] == "abc")
        #expect(requests[0].body == "a=1&b=2")
    }

    @Test func refusedConnectionIsConnectFailedAndNotSent() async throws {
        let port = try HTTPScriptedServer.unusedPort()
        do {
            _ = try await client.request(.post, url: "http://127.0.0.1:\(port)/fapi/v1/order")
            Issue.record("expected a connection failure")
        } catch {
            #expect(error.code == .connectFailed)
            #expect(!error.requestMayHaveBeenSent)
        }
    }

    @Test func silentServerTimesOutAfterSending() async throws {
        let server = try HTTPScriptedServer { _, _ in .hang }
        defer { server.stop() }
        let quick = CurlHTTPClient(configuration: .init(connectTimeout: .seconds(1), totalTimeout: .milliseconds(300)))
        do {
            _ = try await quick.request(.post, url: server.url("/fapi/v1/order"))
            Issue.record("expected a timeout")
        } catch {
            #expect(error.code == .timeout)
            #expect(error.requestMayHaveBeenSent)
        }
    }

    @Test func droppedConnectionIsConnectionLost() async throws {
        let server = try HTTPScriptedServer { _, _ in .close }
        defer { server.stop() }
        do {
            _ = try await client.request(.post, url: server.url("/fapi/v1/order"))
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .connectionLost)
            #expect(error.requestMayHaveBeenSent)
        }
    }

    /// Runs the requests on a single-thread executor of our own: if a transfer blocked the
    /// calling thread (as it would on the cooperative pool), the short sleep could only finish
    /// after a transfer had ended. Other tests keeping the global pool busy cannot disturb this.
    /// Checked by order, not by time: when the sleep ends no transfer may have ended yet (they
    /// hang until their 5-s timeout, so a loaded machine has seconds of slack).
    @available(macOS 15.0, *)
    @Test func blockedTransfersDoNotBlockTheCallingExecutor() async throws {
        let server = try HTTPScriptedServer { _, _ in .hang }
        defer { server.stop() }
        let slow = CurlHTTPClient(configuration: .init(totalTimeout: .seconds(5), maxConcurrentRequests: 4))
        let executor = SingleThreadTaskExecutor()
        let ended = EndedTransfers()
        let endedBeforeTheSleep = try await withTaskExecutorPreference(executor) {
            try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        _ = try? await slow.request(.get, url: server.url("/slow"))
                        ended.count.add(1, ordering: .sequentiallyConsistent)
                        return nil
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(200))
                    return ended.count.load(ordering: .sequentiallyConsistent)
                }
                var count: Int?
                for try await value in group { if let value { count = value } }
                return count
            }
        }
        #expect(try #require(endedBeforeTheSleep) == 0)
        #expect(ended.count.load(ordering: .sequentiallyConsistent) == 4)
    }
}

/// How many of a test's transfers have ended (shared by its tasks).
final class EndedTransfers: Sendable {
    let count = Atomic<Int>(0)
}

/// A task executor that runs every job on one dedicated serial queue.
@available(macOS 15.0, *)
final class SingleThreadTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "test.single-thread-executor")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Connection reuse: GETs share a lane's kept-alive connection; orders never ride on one.
@Suite struct HTTPConnectionReuseTests {
    @Test("GET requests reuse one kept-alive connection (one lane, one connection)")
    func getsReuseTheConnection() async throws {
        let server = try HTTPScriptedServer(keepAlive: true) { _, _ in .respond(200, body: "{}") }
        defer { server.stop() }
        let client = CurlHTTPClient(
            configuration: .init(
                connectTimeout: .seconds(1), totalTimeout: .seconds(2),
                maxConcurrentRequests: 1))
        for n in 0..<5 { _ = try await client.request(.get, url: server.url("/fapi/v3/positionRisk?n=\(n)")) }
        let requests = server.requests
        #expect(requests.count == 5)
        #expect(Set(requests.map(\.connection)).count == 1, "connections: \(requests.map(\.connection))")
    }

    @Test("POST, PUT and DELETE always open a fresh connection and close it, even between kept-alive GETs")
    func ordersNeverReuseAConnection() async throws {
        let server = try HTTPScriptedServer(keepAlive: true) { _, _ in .respond(200, body: "{}") }
        defer { server.stop() }
        let client = CurlHTTPClient(
            configuration: .init(
                connectTimeout: .seconds(1), totalTimeout: .seconds(2),
                maxConcurrentRequests: 1))
        _ = try await client.request(.get, url: server.url("/a"))
        _ = try await client.request(.post, url: server.url("/fapi/v1/order"), body: Array("a=1".utf8))
        _ = try await client.request(.post, url: server.url("/fapi/v1/order"), body: Array("a=2".utf8))
        _ = try await client.request(.delete, url: server.url("/fapi/v1/order"))
        _ = try await client.request(.get, url: server.url("/b"))
        let requests = server.requests
        #expect(requests.map(\.method) == ["GET", "POST", "POST", "DELETE", "GET"])
        let connections = requests.map(\.connection)
        // Each state-changing request on a connection of its own, used by nothing else.
        for index in 1...3 {
            #expect(connections.filter { $0 == connections[index] }.count == 1, "connections: \(connections)")
        }
        #expect(connections[0] == connections[4], "the GET connection is kept across the orders: \(connections)")
    }
}
