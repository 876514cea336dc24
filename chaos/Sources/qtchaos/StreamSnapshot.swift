import Shared

/// Every entry of one stream, read with XRANGE in pages, fields kept as raw bytes.
struct StreamSnapshot {
    struct Entry {
        var id: String
        var fields: [([UInt8], [UInt8])]

        /// The first value of `name`, decoded as UTF-8 (invalid bytes replaced).
        func value(_ name: String) -> String? {
            let key = Array(name.utf8)
            return fields.first { $0.0 == key }.map { String(decoding: $0.1, as: UTF8.self) }
        }

        /// The fields as the daemons see them (names and values decoded as UTF-8, last one wins).
        var strings: [String: String] {
            var result: [String: String] = [:]
            for (name, value) in fields {
                result[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            }
            return result
        }
    }

    var stream: String
    var entries: [Entry]

    static func read(_ stream: String, redis: RedisClient, page: Int = 500) async throws -> StreamSnapshot {
        var entries: [Entry] = []
        var start = "-"
        while true {
            let reply = try await redis.send(["XRANGE", stream, start, "+", "COUNT", String(page)])
            if case .error(let message) = reply { throw ChaosFailure("XRANGE \(stream): \(message)") }
            let items = reply.array ?? []
            for item in items {
                guard let parts = item.array, parts.count == 2, let id = parts[0].string else { continue }
                var fields: [([UInt8], [UInt8])] = []
                let flat = parts[1].array ?? []
                var index = 0
                while index + 1 < flat.count {
                    fields.append((Self.bytes(flat[index]), Self.bytes(flat[index + 1])))
                    index += 2
                }
                entries.append(Entry(id: id, fields: fields))
            }
            guard items.count == page, let last = entries.last else { break }
            start = "(" + last.id
        }
        return StreamSnapshot(stream: stream, entries: entries)
    }

    private static func bytes(_ reply: RedisReply) -> [UInt8] {
        if case .bulk(let bytes) = reply { return bytes }
        return Array((reply.string ?? "").utf8)
    }
}
