import ArgumentParser
import FoundationEssentials
import Shared

/// `exitbrain evaluate [FILE|-]`: runs the exit decision kernel on cases given as JSON and
/// prints its decisions, so an operator or a test can check a decision by hand.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Print the kernel's harvest decision and kill score for positions given as JSON.",
        discussion: """
            Input (FILE, or standard input when FILE is '-' or omitted) is one case, a JSON \
            array of cases, or an object with a "cases" array (kernel-vectors.json). A case is \
            {"position": {...}, "market_state": {...}, "p1_proposal": {...} or null, "theta": {...}}: \
            position needs symbol, side, entry_price, current_price, peak_price, trough_price, \
            age_sec, unrealized_pnl (per unit) and may have current_sl, current_tp; market_state \
            needs sigma, ts, p_trend, p_mr, p_chop; theta overrides the defaults by the Python \
            names (T1_R, k_ts_drop, ...).

            Output is one decision per case (an array for an array), with harvest_action, \
            new_sl_proposed, R_net, risk_unit, cost_est, kill_score, reason_codes and \
            k_components. Numbers are printed in the shortest form that reads back exactly.

            Exit status: 0 on success; 65 when the input is not valid (the message on stderr \
            names the field); 66 when FILE cannot be read.
            """
    )

    @Argument(help: "A JSON file of cases, or '-' for standard input.")
    var file: String = "-"

    @Flag(help: "Print the JSON on one line.")
    var compact = false

    func run() throws {
        let data = try Self.readInput(file, command: "evaluate")
        do {
            print(try HarvestKernel.evaluateJSON(data, pretty: !compact))
        } catch {
            StandardStreams.writeError("exitbrain evaluate: \(error)\n")
            throw ExitCode(65)
        }
    }

    /// The bytes of FILE, or of standard input for `-`; exits 66 with a message when
    /// unreadable. `marketstate` reads its input the same way.
    static func readInput(_ file: String, command: String) throws -> Data {
        if file == "-" { return Data(StandardStreams.readInput()) }
        guard let data = FileManager.default.contents(atPath: file) else {
            StandardStreams.writeError("exitbrain \(command): cannot read \(file)\n")
            throw ExitCode(66)
        }
        return data
    }
}
