import Foundation

/// What the final check needs from paperexchange's `--state` file: every order and algo order
/// with its client id, and the positions.
struct PaperStateFile: Decodable {
    struct Order: Decodable {
        var symbol: String
        var clientOrderId: String
        var status: String
        var reduceOnly: Bool?
    }

    struct AlgoOrder: Decodable {
        var symbol: String
        var clientAlgoId: String
        var algoStatus: String
    }

    struct Position: Decodable {
        var symbol: String
        var amount: Decimal
    }

    var orders: [Order]
    var algoOrders: [AlgoOrder]
    var positions: [String: Position]

    static func load(_ path: String) throws -> PaperStateFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw ChaosFailure("cannot read \(path)") }
        do {
            return try JSONDecoder().decode(PaperStateFile.self, from: data)
        } catch {
            throw ChaosFailure("cannot decode paperexchange state \(path): \(error)")
        }
    }
}
