import Glibc

/// glibc's limit on malloc arenas (`mallopt(M_ARENA_MAX, n)`, what `MALLOC_ARENA_MAX` sets).
///
/// By default glibc gives each thread that allocates concurrently an arena of its own (up to 8 per
/// core) and keeps each arena's freed pages: harvestbrain decodes on the cooperative threads while
/// the Redis and PostgreSQL queues allocate replies, so a drain left several arenas each holding a
/// batch's worth of memory. One arena measured 44 MB peak RSS against 52 MB in a 200,000-result
/// drain, at the same CPU per result. `mallopt` is not in Swift's `Glibc` module, so it is looked
/// up at run time; elsewhere (another C library) this does nothing.
package enum MallocArenas {
    /// Caps the number of arenas; arenas already created stay. Call first thing at start.
    package static func limit(to count: Int32) {
        // RTLD_DEFAULT is a null handle in glibc; M_ARENA_MAX is -8 (malloc.h).
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-8, count)
    }
}
