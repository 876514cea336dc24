/// Keeps the optimizer from removing work whose result a benchmark does not otherwise use.
enum BlackHole {
    @inline(never)
    static func consume<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }
}
