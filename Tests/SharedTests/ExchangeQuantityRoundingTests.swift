import Foundation
import Testing

@testable import Shared

/// Decimal step rounding and filter checks (reference §5), never through binary floating point.
@Suite struct ExchangeQuantityRoundingTests {
    static func d(_ text: String) -> Decimal { DecimalText.parse(text)! }

    /// BTCUSDT-like: LOT_SIZE step 0.001, MARKET_LOT_SIZE step 0.01 and a smaller max.
    let btc = SymbolFilters(
        symbol: "BTCUSDT",
        lotSize: .init(minQuantity: d("0.001"), maxQuantity: d("1000"), stepSize: d("0.001")),
        marketLotSize: .init(minQuantity: d("0.001"), maxQuantity: d("120"), stepSize: d("0.001")),
        priceFilter: .init(minPrice: d("261.10"), maxPrice: d("809484"), tickSize: d("0.10")),
        minNotional: d("100"))

    func filters(step: String, minQty: String = "0", maxQty: String = "0") -> SymbolFilters {
        SymbolFilters(
            symbol: "TEST",
            lotSize: .init(minQuantity: Self.d(minQty), maxQuantity: Self.d(maxQty), stepSize: Self.d(step)))
    }

    @Test func quantityOnStepStaysExact() {
        let f = filters(step: "0.1")
        #expect(f.roundDown(Self.d("5.7"), type: .limit) == Self.d("5.7"))
        #expect(f.formatQuantity(Self.d("5.7"), type: .limit) == "5.7")
    }

    @Test func quantityRoundsDownToStep() {
        let f = filters(step: "0.001")
        #expect(f.roundDown(Self.d("0.0019"), type: .limit) == Self.d("0.001"))
        #expect(f.roundDown(Self.d("1.99999999"), type: .limit) == Self.d("1.999"))
    }

    @Test func nonDecimalStepsRoundDown() {
        let f = filters(step: "5")
        #expect(f.roundDown(Self.d("14.9"), type: .limit) == 10)
    }

    @Test func stepIsCountedFromMinQty() {
        // (q − minQty) must be a multiple of step: 0.004 → 0.003, 0.006 → 0.005.
        let f = filters(step: "0.002", minQty: "0.001")
        #expect(f.roundDown(Self.d("0.004"), type: .limit) == Self.d("0.003"))
        #expect(f.roundDown(Self.d("0.006"), type: .limit) == Self.d("0.005"))
    }

    @Test func marketOrdersUseMarketLotSize() {
        let f = SymbolFilters(
            symbol: "X",
            lotSize: .init(minQuantity: Self.d("0.1"), maxQuantity: Self.d("1000"), stepSize: Self.d("0.1")),
            marketLotSize: .init(minQuantity: Self.d("1"), maxQuantity: Self.d("50"), stepSize: Self.d("1")))
        #expect(f.roundDown(Self.d("7.75"), type: .limit) == Self.d("7.7"))
        #expect(f.roundDown(Self.d("7.75"), type: .market) == 7)
    }

    @Test func marketFallsBackToLotSizeWithoutMarketLotSize() {
        #expect(filters(step: "0.01").roundDown(Self.d("1.239"), type: .market) == Self.d("1.23"))
    }

    @Test func hugeQuantityIsRefusedOrCappedAtMaxQty() throws {
        #expect(throws: ExchangeError.self) {
            try btc.prepareQuantity(Self.d("500"), type: .market, referencePrice: 60000, reduceOnly: true)
        }
        do {
            _ = try btc.prepareQuantity(Self.d("500"), type: .market, referencePrice: 60000, reduceOnly: true)
        } catch {
            #expect(error.binanceCode == -4005)
            #expect(error.code == .invalidOrder)
        }
        let capped = try btc.prepareQuantity(
            Self.d("500"), type: .market, referencePrice: 60000, reduceOnly: true, capToMaximum: true)
        #expect(capped == 120)
        // LIMIT orders use LOT_SIZE's larger maximum.
        #expect(try btc.prepareQuantity(Self.d("500"), type: .limit, referencePrice: 60000, reduceOnly: true) == 500)
    }

    @Test func quantityRoundingToZeroIsRefused() {
        #expect(
            refusalCode {
                try btc.prepareQuantity(Self.d("0.0009"), type: .market, referencePrice: 60000, reduceOnly: true)
            } == -4003)
    }

    @Test func quantityBelowMinQtyIsRefused() {
        let f = filters(step: "0.001", minQty: "0.01")
        #expect(
            refusalCode { try f.prepareQuantity(Self.d("0.009"), type: .limit, referencePrice: nil, reduceOnly: false) }
                == -4004)
    }

    @Test func minNotionalAppliesExceptToReduceOnly() throws {
        // 0.001 × 60000 = 60 < 100.
        #expect(
            refusalCode {
                try btc.prepareQuantity(Self.d("0.001"), type: .market, referencePrice: 60000, reduceOnly: false)
            } == -4164)
        #expect(
            try btc.prepareQuantity(Self.d("0.001"), type: .market, referencePrice: 60000, reduceOnly: true)
                == Self.d("0.001"))
        #expect(
            try btc.prepareQuantity(Self.d("0.002"), type: .market, referencePrice: 60000, reduceOnly: false)
                == Self.d("0.002"))
    }

    @Test func formattedQuantityHasTheStepsScaleAndNoExponent() {
        #expect(btc.formatQuantity(Self.d("0.01"), type: .limit) == "0.010")
        #expect(filters(step: "0.00000001").formatQuantity(Self.d("0.00000001"), type: .limit) == "0.00000001")
        #expect(filters(step: "1").formatQuantity(Self.d("1000000"), type: .limit) == "1000000")
        #expect(DecimalText.format(Self.d("1e-7"), scale: 8) == "0.00000010")
    }

    @Test func pricesRoundToTickFromMinPrice() {
        #expect(btc.roundPrice(Self.d("60000.17")) == Self.d("60000.1"))
        #expect(btc.roundPrice(Self.d("60000.17"), up: true) == Self.d("60000.2"))
        // The tick "0.10" has one significant decimal; a tick of 0.01 gives two.
        #expect(btc.formatPrice(Self.d("60000.1")) == "60000.1")
        var cents = btc
        cents.priceFilter = .init(minPrice: 0, maxPrice: 0, tickSize: Self.d("0.01"))
        #expect(cents.formatPrice(Self.d("60000.1")) == "60000.10")
    }

    @Test func decimalParsingIsStrict() {
        #expect(DecimalText.parse("1.5x") == nil)
        #expect(DecimalText.parse("") == nil)
        #expect(DecimalText.parse(".5") == nil)
        #expect(DecimalText.parse("-0.00100000") == Self.d("-0.001"))
        #expect(DecimalText.parse("0.1")! + DecimalText.parse("0.2")! == DecimalText.parse("0.3")!)
        #expect(DecimalText.scale(of: Self.d("0.00100000")) == 3)
    }

    private func refusalCode(_ body: () throws -> Decimal) -> Int? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? ExchangeError)?.binanceCode
        }
    }
}
