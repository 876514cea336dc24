/// Pipelines of any length, sent in chunks so neither side buffers an unbounded batch.
extension RedisClient {
    /// Runs `commands` in pipelines of at most `size` commands each, back to back on this client
    /// (no other caller's command in between); replies in order, error replies included.
    package func pipelineInChunks(_ commands: [[String]], size: Int = 512) throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        let size = max(1, size)
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        var start = 0
        while start < commands.count {
            let end = min(start + size, commands.count)
            replies += try pipeline(Array(commands[start..<end]))
            start = end
        }
        return replies
    }
}
