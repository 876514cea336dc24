import Foundation

extension ExchangeRoutes {
    /// Test controls under `/admin/` (only with `--admin`). Every call must carry the header
    /// `X-Admin-Token` with the token given by `--admin-token` or `PAPER_ADMIN_TOKEN` (checked by
    /// ``ExchangeHTTPHandler``; 401 otherwise). The exchange listens on loopback by default.
    ///
    /// - `POST /admin/price?symbol=BTCUSDT&price=90000`: set a mark now (algo orders checked at once).
    /// - `POST /admin/advance?seconds=3600`: move simulated time forward (≤ 30 days), with funding.
    /// - `POST /admin/faults?latencyMs=&failOrders=&dropOrders=&rateLimit=&retryAfter=&skewMs=`:
    ///   inject faults (added latency; the next N accepted orders answer 503 / lose their
    ///   connection; the next N requests answer 429 with `Retry-After`; the server clock shifted
    ///   by N ms, ±1 day, so clients synced before answer `-1021` until they resync). Only the
    ///   given ones change.
    /// - `POST /admin/reset`: wipe the account and clear faults (the skew too).
    /// - `GET /admin/state`: clock, balance, marks and faults.
    mutating func addAdminRoutes() {
        let engine = engine
        let faults = faults
        add("POST", "/admin/price", security: .admin) { parameters throws(ExchangeRejection) in
            let price = try await engine.adminSetPrice(
                symbol: parameters.string("symbol"), price: parameters.string("price"))
            return .object([
                ("symbol", .string(parameters.string("symbol")!.uppercased())), ("markPrice", .string(price.compact)),
            ])
        }
        add("POST", "/admin/advance", security: .admin) { parameters throws(ExchangeRejection) in
            let now = try await engine.adminAdvance(seconds: parameters.string("seconds"))
            return .object([("time", .int(now))])
        }
        add("POST", "/admin/faults", security: .admin) { parameters throws(ExchangeRejection) in
            func int(_ name: String) throws(ExchangeRejection) -> Int? { try parameters.int64(name).map { Int($0) } }
            await faults.configure(
                latencyMillis: try int("latencyMs"), failOrdersAfterAccept: try int("failOrders"),
                dropOrdersAfterAccept: try int("dropOrders"),
                rateLimitBurst: try int("rateLimit"), retryAfterSeconds: try int("retryAfter"),
                skewMillis: try parameters.int64("skewMs"))
            return await faults.json
        }
        add("POST", "/admin/reset", security: .admin) { _ in
            await faults.reset()
            return .object([("time", .int(await engine.adminReset()))])
        }
        add("GET", "/admin/state", security: .admin) { _ in
            let snapshot = await engine.snapshot()
            let marks: [(String, JSONValue)] = snapshot.symbols.map { ($0, .string(snapshot.marks[$0]!.compact)) }
            return .object([
                ("time", .int(snapshot.now)), ("realTime", .int(SimulatedClock.realNow())),
                ("walletBalance", .string(snapshot.walletBalance.compact)), ("marks", .object(marks)),
                ("faults", await faults.json),
            ])
        }
    }
}
