/// Codable by Python names: decoding a JSON object such as the fixtures' `theta` starts from
/// the defaults and applies the names present; unknown names are ignored, as `Decodable`
/// types conventionally do (use `overriding(pythonValues:)` to reject them).
extension KernelParameters: Codable {
    private struct PythonKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: PythonKey.self)
        for name in Self.pythonNames {
            if let value = try container.decodeIfPresent(Double.self, forKey: PythonKey(stringValue: name)) {
                self[pythonName: name] = value
            }
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PythonKey.self)
        for name in Self.pythonNames {
            try container.encode(self[pythonName: name] ?? 0, forKey: PythonKey(stringValue: name))
        }
    }
}
