/// What a handler decided about a message whose effect is done (or that it cannot use).
package enum StreamDisposition: Sendable, Equatable {
    /// The effect is durable: acknowledge.
    case ack
    /// The message can never be handled (undecodable, hostile): move it to the dead-letter
    /// stream with this reason, then acknowledge.
    case deadLetter(reason: String)
}
