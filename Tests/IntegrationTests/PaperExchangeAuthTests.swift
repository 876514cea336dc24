import Foundation
import Shared
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Key, signature and timestamp checks, as Binance makes them.
@Suite("paperexchange authentication")
struct PaperExchangeAuthTests {
    /// Runs `script` with bash and returns its stdout (curl + openssl, independent of our code).
    private func shell(_ script: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private let curlScript = """
        set -e
        QUERY="symbol=BTCUSDT&recvWindow=5000&timestamp=$(date +%s%3N)"
        SIG=$(printf '%s' "$QUERY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')
        curl -s -w ' %{http_code}' -H "X-MBX-APIKEY: $KEY" "$BASE/fapi/v2/positionRisk?$QUERY&signature=$SIG"
        """

    @Test func aRequestSignedWithOpensslAndSentWithCurlIsAccepted() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let out = try shell(
            curlScript, environment: ["KEY": exchange.apiKey, "SECRET": exchange.apiSecret, "BASE": exchange.baseURL])
        #expect(out.hasSuffix(" 200"), "\(out)")
        #expect(out.contains("\"symbol\":\"BTCUSDT\""))
    }

    @Test func aWrongSignatureGets1022() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let out = try shell(
            curlScript, environment: ["KEY": exchange.apiKey, "SECRET": "not-the-secret", "BASE": exchange.baseURL])
        #expect(out == #"{"code":-1022,"msg":"Signature for this request is not valid."} 400"#)
    }

    @Test func anUnknownKeyGets2015WithHTTP401() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let reply = try await exchange.send("GET", "/fapi/v3/account", signed: true, apiKey: "someone-else")
        #expect(reply.status == 401)
        #expect(reply.code == -2015)
        #expect(reply.object["msg"] as? String == "Invalid API-key, IP, or permissions for action.")
    }

    @Test func aTimestampOlderThanTheRecvWindowGets1021() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let reply = try await exchange.send(
            "GET", "/fapi/v3/account", signed: true, timestamp: PaperExchangeProcess.nowMillis() - 6000)
        #expect(reply.status == 400)
        #expect(reply.code == -1021)
        // Taken again: on a loaded machine the first request alone can take seconds.
        let widened = try await exchange.send(
            "GET", "/fapi/v3/account", [("recvWindow", "10000")], signed: true,
            timestamp: PaperExchangeProcess.nowMillis() - 6000)
        #expect(widened.status == 200, "a recvWindow of 10000 (ccxt's) covers it")
        let ahead = try await exchange.send(
            "GET", "/fapi/v3/account", signed: true, timestamp: PaperExchangeProcess.nowMillis() + 5000)
        #expect(ahead.code == -1021)
    }

    @Test func clientsSigningWithRealOrServerSyncedTimeWorkWhenTheSimulatedClockRunsAhead() async throws {
        let exchange = try await PaperExchangeProcess.launch(["--admin"])
        defer { exchange.stop() }
        try await exchange.admin("advance", [("seconds", "3600")])
        let serverTime = try #require(try await exchange.send("GET", "/fapi/v1/time").object["serverTime"] as? Int64)
        let real = PaperExchangeProcess.nowMillis()
        #expect(serverTime - real > 3_500_000, "/fapi/v1/time reports the simulated clock")
        let synced = try await exchange.send("GET", "/fapi/v3/account", signed: true, timestamp: serverTime)
        #expect(synced.status == 200, "\(synced.text)")
        let wallClock = try await exchange.send("GET", "/fapi/v3/account", signed: true, timestamp: real)
        #expect(wallClock.status == 200, "\(wallClock.text)")
        let stale = try await exchange.send("GET", "/fapi/v3/account", signed: true, timestamp: real - 6000)
        #expect(stale.code == -1021)
        let ahead = try await exchange.send("GET", "/fapi/v3/account", signed: true, timestamp: serverTime + 60_000)
        #expect(ahead.code == -1021)
    }

    @Test func signedParametersAreAcceptedInAFormBodyAndSplitWithTheQuery() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        let body = try await exchange.signed(
            "POST", "/fapi/v1/leverage", [("symbol", "ETHUSDT"), ("leverage", "7")], inBody: true)
        #expect(body.status == 200, "\(body.text)")
        #expect(body.object["leverage"] as? Int == 7)

        // Binance's Example 3: the signature covers the query string followed directly by the body.
        let query = "symbol=ETHUSDT&leverage=9"
        let form = "timestamp=\(PaperExchangeProcess.nowMillis())&unknownExtra=ignored"
        let signature = Digest.hmacSHA256Hex(key: exchange.apiSecret, message: query + form)
        var request = URLRequest(url: URL(string: exchange.baseURL + "/fapi/v1/leverage?" + query)!)
        request.httpMethod = "POST"
        request.setValue(exchange.apiKey, forHTTPHeaderField: "X-MBX-APIKEY")
        request.httpBody = Data((form + "&signature=" + signature).utf8)
        let (data, response) = try await URLSession.shared.uncancellableData(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
        let account = try await exchange.signed("GET", "/fapi/v2/positionRisk", [("symbol", "ETHUSDT")])
        #expect(account.array.first?["leverage"] as? String == "9")
    }

    @Test func publicEndpointsNeedNoKey() async throws {
        let exchange = try await PaperExchangeProcess.launch()
        defer { exchange.stop() }
        #expect(try await exchange.send("GET", "/fapi/v1/ping").text == "{}")
        #expect(try await exchange.send("GET", "/fapi/v1/ticker/price", [("symbol", "BTCUSDT")]).status == 200)
        #expect(try await exchange.send("GET", "/fapi/v2/balance").status == 401)
    }
}
