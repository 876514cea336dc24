/// One stream entry as delivered to a consumer.
package struct StreamMessage: Sendable, Equatable {
    /// The stream it came from.
    package var stream: String
    /// Its entry id, e.g. `1770133359000-0`.
    package var id: String
    /// Field/value pairs in the order the producer wrote them (bytes decoded as UTF-8, invalid
    /// sequences replaced).
    package var fields: [(String, String)]
    /// How many times the group has delivered it, this delivery included.
    package var deliveries: Int

    package init(stream: String, id: String, fields: [(String, String)], deliveries: Int) {
        self.stream = stream
        self.id = id
        self.fields = fields
        self.deliveries = deliveries
    }

    /// The fields as a dictionary; a repeated field keeps its last value.
    package var values: [String: String] {
        Dictionary(fields, uniquingKeysWith: { _, last in last })
    }

    package static func == (lhs: StreamMessage, rhs: StreamMessage) -> Bool {
        lhs.stream == rhs.stream && lhs.id == rhs.id && lhs.deliveries == rhs.deliveries
            && lhs.fields.elementsEqual(rhs.fields, by: { $0 == $1 })
    }
}
