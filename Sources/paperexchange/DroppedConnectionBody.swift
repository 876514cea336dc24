import FlyingSocks

/// A response body that fails at once: FlyingFox has sent the status line and headers, then
/// closes the socket, so the client sees the connection dropped mid-answer (admin fault
/// `dropOrders`), the way a timeout after an accepted order looks from outside.
struct DroppedConnectionBody: AsyncBufferedSequence {
    typealias Element = UInt8

    struct AsyncIterator: AsyncBufferedIteratorProtocol {
        mutating func next() async throws -> UInt8? { throw SocketError.disconnected }
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? { throw SocketError.disconnected }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}
