import FoundationEssentials

extension ApplyResult {
    /// One element of a result's `steps_results` JSON list.
    ///
    /// On a fill: `{"step", "status", "order_id", "executed_qty", "avg_price", "side", "reduce_only"}`,
    /// ids and decimals written as JSON strings (as the Python apply layer did). Read tolerantly:
    /// numbers or strings, plus the Python `quantity` and `details` keys.
    package struct StepResult: Sendable, Equatable {
        package var step: String
        package var status: String
        package var orderID: String?
        package var executedQty: Decimal?
        package var avgPrice: Decimal?
        package var side: String?
        package var reduceOnly: Bool?
        /// The order's requested quantity (`quantity`, Binance `origQty`), when reported.
        package var quantity: Decimal?
        /// Free text (`details`), e.g. the Python dry-run description.
        package var details: String?

        package init(
            step: String, status: String, orderID: String? = nil, executedQty: Decimal? = nil,
            avgPrice: Decimal? = nil, side: String? = nil, reduceOnly: Bool? = nil, quantity: Decimal? = nil,
            details: String? = nil
        ) {
            self.step = step
            self.status = status
            self.orderID = orderID
            self.executedQty = executedQty
            self.avgPrice = avgPrice
            self.side = side
            self.reduceOnly = reduceOnly
            self.quantity = quantity
            self.details = details
        }

        /// True when the element carries what the trade-history logger books: order id,
        /// executed quantity, average price and side.
        package var isCompleteFill: Bool {
            orderID?.isEmpty == false && executedQty != nil && avgPrice != nil && side?.isEmpty == false
        }

        /// The element as a JSON object, keys in the documented order.
        package var json: WireJSON {
            var members: [(String, WireJSON)] = [("step", .string(step)), ("status", .string(status))]
            if let orderID { members.append(("order_id", .string(orderID))) }
            if let executedQty { members.append(("executed_qty", .string(WireDecimal.format(executedQty)))) }
            if let avgPrice { members.append(("avg_price", .string(WireDecimal.format(avgPrice)))) }
            if let side { members.append(("side", .string(side))) }
            if let reduceOnly { members.append(("reduce_only", .bool(reduceOnly))) }
            if let quantity { members.append(("quantity", .string(WireDecimal.format(quantity)))) }
            if let details { members.append(("details", .string(details))) }
            return .object(members)
        }

        /// A list serialised as `steps_results` (`[]` when empty).
        package static func encodeList(_ steps: [StepResult]) -> String {
            WireJSON.array(steps.map(\.json)).serialized
        }

        /// Decodes a `steps_results` list; absent reads as empty.
        package static func decodeList(_ json: WireJSON?, field: String = "steps_results")
            throws(WireError) -> [StepResult]
        {
            guard let json else { return [] }
            guard case .array(let items) = json else {
                throw WireError(field: field, code: .notValidJSON, detail: "expected a list")
            }
            var results: [StepResult] = []
            for item in items {
                guard case .object = item else {
                    throw WireError(field: field, code: .notValidJSON, detail: "expected a list of objects")
                }
                func decimal(_ key: String) throws(WireError) -> Decimal? {
                    guard let text = item[key]?.scalarText, !text.isEmpty, text != "None" else { return nil }
                    return try WireDecimal.parseNonNegative(text, field: "\(field).\(key)")
                }
                var reduceOnly: Bool?
                if let text = item["reduce_only"]?.scalarText, !text.isEmpty {
                    reduceOnly = try WireBool.parse(text, field: "\(field).reduce_only")
                }
                results.append(
                    StepResult(
                        step: item["step"]?.scalarText ?? "",
                        status: item["status"]?.scalarText ?? "",
                        orderID: item["order_id"]?.scalarText,
                        executedQty: try decimal("executed_qty"),
                        avgPrice: try decimal("avg_price"),
                        side: item["side"]?.scalarText,
                        reduceOnly: reduceOnly,
                        quantity: try decimal("quantity"),
                        details: item["details"].map { $0.scalarText ?? $0.serialized }
                    )
                )
            }
            return results
        }
    }
}
