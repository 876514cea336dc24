import ArgumentParser
import FoundationEssentials
import Shared

/// `exitbrain marketstate [FILE|-]`: estimates a symbol's market state from 1-minute closes
/// given as JSON and prints it.
struct MarketStateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketstate",
        abstract: "Print the market state (sigma, mu, ts, regime probabilities) of closes given as JSON.",
        discussion: """
            Input (FILE, or standard input when FILE is '-' or omitted) is a JSON array of \
            closes, oldest first, or an object with a "prices" array (a vector of \
            marketstate-vectors.json). Output has sigma, mu, ts, p_trend, p_mr, p_chop, dp, vr, \
            spike_proxy, returns_n and the dominant regime; numbers are printed in the shortest \
            form that reads back exactly.

            Exit status: 0 on success; 1 with "null" on stdout when there are fewer than 257 \
            closes (no estimate); 65 when the input is not valid; 66 when FILE cannot be read.
            """
    )

    @Argument(help: "A JSON file of closes, or '-' for standard input.")
    var file: String = "-"

    @Flag(help: "Print the JSON on one line.")
    var compact = false

    func run() throws {
        let data = try EvaluateCommand.readInput(file, command: "marketstate")
        let result: (state: MarketState?, closes: Int, text: String)
        do {
            result = try MarketStateEstimator.estimateJSON(data, pretty: !compact)
        } catch {
            StandardStreams.writeError("exitbrain marketstate: \(error)\n")
            throw ExitCode(65)
        }
        print(result.text)
        if result.state == nil {
            let message =
                "exitbrain marketstate: \(result.closes) closes, "
                + "at least \(MarketStateEstimator.minimumCloses) are needed for an estimate\n"
            StandardStreams.writeError(message)
            throw ExitCode.failure
        }
    }
}
