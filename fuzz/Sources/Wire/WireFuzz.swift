import Foundation

/// libFuzzer entry over every wire decoder of wire.md (see docs/fuzzing.md).
///
/// Mode byte: `J` = the rest is one JSON text for `WireJSON.parse` and the step-list decoders;
/// `S` = the rest is one scalar for the number/bool/timestamp parsers; anything else = the rest
/// is a field map (see ``FuzzFraming``) given to every message decoder. Decoders may throw
/// `WireError`; a trap, sanitizer report or timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func wireFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (mode, rest) = FuzzFraming.split(bytes)
    switch mode {
    case UInt8(ascii: "J"): WireFuzz.json(FuzzFraming.text(rest))
    case UInt8(ascii: "S"): WireFuzz.scalar(FuzzFraming.text(rest))
    default: WireFuzz.fields(WireFields(pairs: FuzzFraming.pairs(rest)))
    }
    return 0
}

/// What one input is run through.
enum WireFuzz {
    /// Set `FUZZ_ROUNDTRIP=1` to also require that what decodes re-encodes into something that
    /// decodes again (a stricter property than "never traps"; see docs/fuzzing.md).
    static let roundTrip = ProcessInfo.processInfo.environment["FUZZ_ROUNDTRIP"] == "1"

    static func fields(_ fields: WireFields) {
        // apply.plan: the header (dead-lettering path) and the full plan.
        _ = try? ApplyPlan.Header(fields: fields)
        if let plan = try? ApplyPlan(fields: fields) {
            _ = (plan.planID, plan.symbol, plan.decision.resultError, plan.timestamp, plan.resultAction)
            let pairs = plan.encode()
            if case .close(let close) = plan {
                for position in [
                    Decimal(0), Decimal(string: "0.001")!, Decimal(-3), Decimal(string: "123456789.123456789")!,
                ] {
                    _ = try? close.requestedQuantity(positionQty: position)
                    _ = try? close.requestedPercent(positionQty: position)
                }
            }
            if roundTrip {
                do {
                    _ = try ApplyPlan(fields: WireFields(pairs: pairs))
                } catch {
                    FuzzFraming.check(false, "apply.plan re-decode failed: \(error) from \(pairs)")
                }
            }
        }
        // apply.result.
        if let result = try? ApplyResult(fields: fields) {
            _ = (result.errorCode, result.isFill)
            let pairs = result.encode()
            if roundTrip {
                do {
                    _ = try ApplyResult(fields: WireFields(pairs: pairs))
                } catch {
                    FuzzFraming.check(false, "apply.result re-decode failed: \(error) from \(pairs)")
                }
            }
        }
        // quantum:position:{SYMBOL}, with and without the key's symbol.
        if let position = try? PositionHash.decode(fields: fields, symbol: "BTCUSDT") {
            let pairs = position.encode()
            if roundTrip {
                do {
                    _ = try PositionHash.decode(fields: WireFields(pairs: pairs))
                } catch {
                    FuzzFraming.check(false, "position re-decode failed: \(error) from \(pairs)")
                }
            }
        }
        _ = try? PositionHash.decode(fields: fields)
        // quantum:harvest:proposal:{SYMBOL}.
        if let proposal = try? HarvestProposal(fields: fields) {
            _ = proposal.exitPlanID(symbol: "ETHUSDT")
            let pairs = proposal.encode()
            if roundTrip {
                do {
                    _ = try HarvestProposal(fields: WireFields(pairs: pairs))
                } catch {
                    FuzzFraming.check(false, "proposal re-decode failed: \(error) from \(pairs)")
                }
            }
        }
        _ = try? HarvestProposal.exitPlanID(symbol: "ETHUSDT", fields: fields)
        // quantum:marketstate:{SYMBOL}.
        if let state = try? MarketStateHash(fields: fields) {
            _ = state.age(now: 1_770_133_400)
            let pairs = state.encode()
            if roundTrip {
                do {
                    _ = try MarketStateHash(fields: WireFields(pairs: pairs))
                } catch {
                    FuzzFraming.check(false, "marketstate re-decode failed: \(error) from \(pairs)")
                }
            }
        }
        // Generic accessors on every field present (covers fields no decoder reads).
        for name in fields.values.keys.prefix(8) {
            _ = try? fields.list(name)
            _ = try? fields.json(name)
            _ = try? fields.planID(name)
            _ = try? fields.symbol(name)
        }
    }

    static func json(_ text: String) {
        guard let json = try? WireJSON.parse(text) else { return }
        let serialized = json.serialized
        // What we serialise must parse back to the same value.
        let again = try? WireJSON.parse(serialized)
        FuzzFraming.check(again == json, "WireJSON serialisation does not round-trip: \(serialized.prefix(200))")
        if let steps = try? PlanStep.decodeList(json) {
            _ = PlanStep.encodeList(steps)
        }
        if let results = try? ApplyResult.StepResult.decodeList(json) {
            _ = ApplyResult.StepResult.encodeList(results)
        }
    }

    static func scalar(_ text: String) {
        if let value = try? WireDecimal.parse(text, field: "x") {
            let formatted = WireDecimal.format(value)
            // Formatting a parsed decimal must give text that parses to the same value (length permitting).
            if formatted.utf8.count <= WireDecimal.maximumTextLength {
                let again = try? WireDecimal.parse(formatted, field: "x")
                FuzzFraming.check(again == value, "WireDecimal format/parse mismatch: \(text) -> \(formatted)")
            }
        }
        _ = try? WireDecimal.parseNonNegative(text, field: "x")
        _ = try? WireDecimal.parseSigned(text, field: "x")
        if let value = try? WireFloat.parse(text, field: "x") {
            let repr = WireFloat.repr(value)
            let again = try? WireFloat.parse(repr, field: "x")
            FuzzFraming.check(again == value, "WireFloat repr/parse mismatch: \(text) -> \(repr)")
            _ = WireFloat.fixed(value, decimals: 6)
            _ = WireTimestamp.text(seconds: value)
            _ = PlanStep.close(percent: value)
        }
        _ = try? WireTimestamp.parseSeconds(text, field: "x")
        _ = try? WireBool.parse(text, field: "x")
        _ = PlanDecision(text).resultError
        _ = ClosePlan.impliedPercent(action: text)
        _ = WireError.excerpt(text)
    }
}
