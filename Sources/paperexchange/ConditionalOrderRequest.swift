/// The parameters of `POST /fapi/v1/algoOrder`, still as the client sent them.
struct ConditionalOrderRequest: Sendable {
    var algoType: String?
    var symbol: String?
    var side: String?
    var type: String?
    var triggerPrice: String?
    var quantity: String?
    var closePosition: Bool = false
    var reduceOnly: Bool = false
    var reduceOnlySent: Bool = false
    var workingType: String?
    var clientAlgoId: String?
}
