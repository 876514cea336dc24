/// Why a benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case fixture(String)
    case redis(String)
    case codec(String)

    var description: String {
        switch self {
        case .fixture(let detail): "fixture: \(detail)"
        case .redis(let detail): "redis: \(detail)"
        case .codec(let detail): "codec: \(detail)"
        }
    }
}
