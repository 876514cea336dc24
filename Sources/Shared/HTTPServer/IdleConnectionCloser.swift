import NIOCore
import NIOHTTP1

/// Closes a connection when the `IdleStateHandler` before it reports no read for its timeout,
/// but only between requests: a request whose answer is still being worked out (a slow
/// responder, a loaded machine) is answered first.
///
/// Sits after the HTTP codec, so it sees request heads coming in and response ends going out.
/// Not `Sendable`: a channel handler lives on its channel's event loop.
final class IdleConnectionCloser: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Requests read whose response has not ended yet.
    private var inFlight = 0
    /// An idle event arrived while a request was in flight: close once it is answered.
    private var closeWhenAnswered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { inFlight += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        context.write(data, promise: promise)
        if case .end = part {
            inFlight = max(0, inFlight - 1)
            if closeWhenAnswered, inFlight == 0 {
                context.flush()
                context.close(promise: nil)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if inFlight == 0 {
            context.close(promise: nil)
        } else {
            closeWhenAnswered = true
        }
    }
}
