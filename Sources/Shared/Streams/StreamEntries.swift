/// Parsing of the stream replies the consumer uses (RESP2 shapes of Redis 6.2 and 7).
package enum StreamEntries {
    /// One entry; `fields` is nil when the entry was deleted while pending.
    package struct Entry: Sendable, Equatable {
        package var id: String
        package var fields: [(String, String)]?

        package static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.id == rhs.id && lhs.fields?.elementsEqual(rhs.fields ?? [], by: { $0 == $1 }) ?? (rhs.fields == nil)
        }
    }

    /// Entries of an `XREADGROUP`/`XREAD` reply for one stream (`[[stream, [[id, [k, v…]]…]]]`);
    /// empty for a BLOCK timeout (null).
    package static func fromRead(_ reply: RedisReply) throws(RedisError) -> [Entry] {
        if reply.isNull { return [] }
        if case .error(let message) = reply { throw .server(message) }
        guard let streams = reply.array else { throw .unexpectedReply("XREADGROUP: not an array") }
        var entries: [Entry] = []
        for stream in streams {
            guard let pair = stream.array, pair.count == 2 else {
                throw .unexpectedReply("XREADGROUP: bad stream element")
            }
            entries += try list(pair[1])
        }
        return entries
    }

    /// Entries claimed by `XAUTOCLAIM` and the next cursor (`0-0` when the scan is complete).
    package static func fromAutoClaim(_ reply: RedisReply) throws(RedisError) -> (cursor: String, entries: [Entry]) {
        if case .error(let message) = reply { throw .server(message) }
        guard let parts = reply.array, parts.count >= 2, let cursor = parts[0].string else {
            throw .unexpectedReply("XAUTOCLAIM: bad reply")
        }
        return (cursor, try list(parts[1]))
    }

    /// Delivery counts from an extended `XPENDING` reply, by entry id.
    package static func deliveryCounts(_ reply: RedisReply) throws(RedisError) -> [String: Int] {
        if case .error(let message) = reply { throw .server(message) }
        var counts: [String: Int] = [:]
        for row in reply.array ?? [] {
            guard let fields = row.array, fields.count >= 4, let id = fields[0].string, let count = fields[3].integer
            else {
                throw .unexpectedReply("XPENDING: bad row")
            }
            counts[id] = count
        }
        return counts
    }

    private static func list(_ reply: RedisReply) throws(RedisError) -> [Entry] {
        if reply.isNull { return [] }
        guard let items = reply.array else { throw .unexpectedReply("stream entries: not an array") }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for item in items {
            guard let pair = item.array, pair.count == 2, let id = pair[0].string else {
                throw .unexpectedReply("stream entry: bad shape")
            }
            entries.append(Entry(id: id, fields: pair[1].isNull ? nil : pair[1].pairs))
        }
        return entries
    }
}
