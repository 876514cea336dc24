import Testing

@testable import Shared

/// Signature vectors from the Binance reference (§2.2): official examples and locally computed ones.
@Suite struct BinanceRequestSignerTests {
    let signer = BinanceRequestSigner(
        secret: APISecret("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9"))

    @Test func officialQueryVectorMatches() {
        let query =
            "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943"
        #expect(signer.signature(query: query) == "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9")
    }

    @Test func officialQueryPlusBodyVectorIsConcatenatedWithoutAmpersand() {
        let signature = signer.signature(
            query: "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC",
            body: "quantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943")
        #expect(signature == "f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2")
    }

    @Test(arguments: [
        (
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true&newClientOrderId=bot-1&newOrderRespType=RESULT&recvWindow=5000&timestamp=1700000000000",
            "4a9d3047b8ed257c8a2119eb272d234e3b10860375a88da36c12e2446037d2ca"
        ),
        ("symbol=BTCUSDT&timestamp=1700000000000", "905bc761d67c050fa1f36f8dfc1bc9984c4b88c1bbed3439a15c44f03eeb005f"),
    ])
    func localVectorsMatch(query: String, expected: String) {
        #expect(signer.signature(query: query) == expected)
    }

    @Test func signedQueryEncodesClientIDAndSignsTheEncodedBytes() {
        let query = signer.signedQuery(
            [
                ("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.002"),
                ("newClientOrderId", "run:42/entry"),
            ],
            timestamp: 1_700_000_000_000, recvWindow: nil)
        #expect(
            query
                == "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002&newClientOrderId=run%3A42%2Fentry&timestamp=1700000000000"
                + "&signature=36b44370da95fef151740ffca903100f73fc8e8bd1cf57d321afe246eccb32a3")
    }

    @Test func signedQueryPutsRecvWindowBeforeTimestampAndSignatureLast() {
        let query = signer.signedQuery(
            [
                ("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "1"), ("price", "9000"),
                ("timeInForce", "GTC"),
            ],
            timestamp: 1_591_702_613_943, recvWindow: 5000)
        #expect(
            query.hasSuffix(
                "&recvWindow=5000&timestamp=1591702613943&signature=3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"
            ))
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(BinanceRequestSigner.percentEncode("aZ09-_.~") == "aZ09-_.~")
        #expect(BinanceRequestSigner.percentEncode("a b+c&d=e") == "a%20b%2Bc%26d%3De")
        #expect(BinanceRequestSigner.percentEncode("币安") == "%E5%B8%81%E5%AE%89")
    }

    @Test func differentSecretGivesDifferentSignature() {
        let other = BinanceRequestSigner(secret: APISecret("another-secret"))
        let query = "symbol=BTCUSDT&timestamp=1700000000000"
        #expect(other.signature(query: query) != signer.signature(query: query))
    }
}
