import Foundation

/// The table of every path the exchange answers, keyed by "METHOD /path".
/// Each group of endpoints is added by an extension (`ExchangeRoutes+Market.swift`, …).
struct ExchangeRoutes: Sendable {
    let engine: ExchangeEngine
    let configuration: ExchangeConfiguration
    let faults: FaultInjector
    private(set) var table: [String: Endpoint] = [:]

    init(engine: ExchangeEngine, configuration: ExchangeConfiguration, faults: FaultInjector) {
        self.engine = engine
        self.configuration = configuration
        self.faults = faults
        addMarketRoutes()
        addAccountRoutes()
        addOrderRoutes()
        addAlgoRoutes()
        if configuration.adminEnabled { addAdminRoutes() }
    }

    /// The endpoint for `method` and `path`, if any.
    func endpoint(method: String, path: String) -> Endpoint? {
        table["\(method.uppercased()) \(path)"]
    }

    mutating func add(
        _ method: String, _ paths: String..., security: Endpoint.Security, weight: Int = 1, placesOrder: Bool = false,
        handler: @escaping @Sendable (RequestParameters) async throws(ExchangeRejection) -> JSONValue
    ) {
        for path in paths {
            table["\(method) \(path)"] = Endpoint(
                security: security, weight: weight, placesOrder: placesOrder, handler: handler)
        }
    }

    /// The `limit` parameter bounded to `1...maximum`, or `fallback` when absent.
    static func limit(_ parameters: RequestParameters, fallback: Int, maximum: Int) throws(ExchangeRejection) -> Int {
        guard let value = try parameters.int64("limit") else { return fallback }
        return Int(max(1, min(Int64(maximum), value)))
    }

    /// `{"code":200,"msg":"success"}`.
    static let success: JSONValue = .object([("code", .int(200)), ("msg", .string("success"))])
}
