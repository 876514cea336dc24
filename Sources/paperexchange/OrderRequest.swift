import Foundation

/// The parameters of `POST /fapi/v1/order`, still as the client sent them.
struct OrderRequest: Sendable {
    var symbol: String?
    var side: String?
    var type: String?
    var quantity: String?
    var price: String?
    var timeInForce: String?
    var reduceOnly: Bool = false
    var clientOrderId: String?
    var positionSide: String?
}
