import FlyingSocks
import Foundation

/// FlyingFox's socket pool with `TCP_NODELAY` set on every socket it waits on.
///
/// FlyingFox writes a response's header and body in two `write`s. Without `TCP_NODELAY`, Nagle's
/// algorithm holds the body until the client acknowledges the header, and a client that keeps its
/// connection alive delays that acknowledgement (≈ 40 ms on Linux): every request after the first
/// on a kept-alive connection took ≈ 44 ms (bench/RESULTS.md). The listening socket is waited on
/// first, and Linux gives accepted sockets the listener's `TCP_NODELAY`, so every connection has it
/// from its first response; setting it again on each wait is one cheap system call.
struct NoDelaySocketPool: AsyncSocketPool {
    let base: any AsyncSocketPool

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var one: Int32 = 1
        // Fails harmlessly (ENOTSUP/EOPNOTSUPP) on a non-TCP socket.
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
