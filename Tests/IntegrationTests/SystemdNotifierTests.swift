import Foundation
import Glibc
import Testing

@testable import Shared

/// A datagram socket standing in for systemd's notify socket.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32

    init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw RedisError.connection("bind \(path) failed") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Every datagram received until a read times out.
    func drain() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return messages }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }

    deinit {
        close(fd)
        unlink(path)
    }
}

@Suite("systemd notify and watchdog")
struct SystemdNotifierTests {
    @Test("READY=1 and STATUS reach the notify socket; without NOTIFY_SOCKET nothing is sent")
    func readyReachesSocket() throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path])
        notifier.ready(status: "consuming apply.plan")
        #expect(socket.drain() == ["READY=1\nSTATUS=consuming apply.plan"])
        #expect(SystemdNotifier(environment: [:]).send("READY=1") == false)
    }

    @Test("the watchdog is fed while the loop makes progress and stops being fed when it is stuck")
    func watchdogFollowsProgress() async throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "100000"])
        #expect(notifier.watchdogInterval == .milliseconds(50))
        let watchdog = WatchdogService(notifier: notifier)
        let task = Task { try await watchdog.run() }
        for _ in 0..<8 {
            watchdog.progress()
            try await Task.sleep(for: .milliseconds(50))
        }
        let whileProgressing = socket.drain().filter { $0 == "WATCHDOG=1" }.count
        try await Task.sleep(for: .milliseconds(400))  // the loop is stuck: no progress
        let _ = socket.drain()
        try await Task.sleep(for: .milliseconds(300))
        let whileStuck = socket.drain().filter { $0 == "WATCHDOG=1" }.count
        task.cancel()
        _ = await task.result
        #expect(whileProgressing >= 2)
        // A stuck loop feeding the watchdog would send one every 25 ms (≈ 12 here); at most one
        // late ping, decided before the loop got stuck, is a loaded machine's scheduling delay.
        #expect(whileStuck <= 1, "fed \(whileStuck) times while stuck")
    }
}
