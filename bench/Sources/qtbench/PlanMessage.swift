import Foundation

/// The plan-sized apply.plan message the benchmarks send and decode (`bench/fixtures/plan-message.json`).
struct PlanMessage: Sendable {
    /// Field/value pairs in XADD order.
    var fields: [(String, String)]

    /// Reads the fixture; its `fields` is an array of `[field, value]` pairs.
    init(contentsOf path: String) throws(BenchError) {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let pairs = object["fields"] as? [[String]]
        else { throw .fixture("cannot read \(path) (expected {\"fields\": [[name, value], …]})") }
        fields = try pairs.map { pair throws(BenchError) in
            guard pair.count == 2 else { throw .fixture("\(path): a pair is not [name, value]") }
            return (pair[0], pair[1])
        }
    }
}
