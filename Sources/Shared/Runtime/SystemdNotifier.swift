import FoundationEssentials
import Glibc

/// `sd_notify` without libsystemd: datagrams to `$NOTIFY_SOCKET` (`READY=1`, `WATCHDOG=1`, …).
///
/// Without `NOTIFY_SOCKET` (not under systemd, or `Type=simple`) every call does nothing.
/// `Sendable`: it holds only immutable values; each call opens and closes its own socket.
package struct SystemdNotifier: Sendable {
    /// The socket path; a leading `@` means Linux's abstract namespace.
    package let socketPath: String?
    /// Half of `WATCHDOG_USEC`, the interval at which to send `WATCHDOG=1`; nil when no watchdog.
    package let watchdogInterval: Duration?

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0,
            environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true
        {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// True when running under systemd with a notify socket.
    package var isEnabled: Bool { socketPath != nil }

    /// Tells systemd start-up is complete (groups exist, connections checked).
    package func ready(status: String? = nil) { send("READY=1" + (status.map { "\nSTATUS=\($0)" } ?? "")) }

    /// Tells systemd the process is stopping.
    package func stopping() { send("STOPPING=1") }

    /// Feeds the watchdog.
    package func watchdog() { send("WATCHDOG=1") }

    /// Sets the one-line status `systemctl status` shows.
    package func status(_ text: String) { send("STATUS=\(text)") }

    /// Sends one raw notification; returns false when there is no socket or sending failed.
    @discardableResult
    package func send(_ message: String) -> Bool {
        guard let socketPath, socketPath.utf8.count < 108 else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                sendto(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL), sockaddrPointer, length)
            }
        }
        return sent == bytes.count
    }
}
