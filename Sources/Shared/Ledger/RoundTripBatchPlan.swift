import FoundationEssentials

/// How a batch of fills moves the round trips, worked out in Swift with ``RoundTripBook``'s rules,
/// fill by fill in stream order, so that writing the result back gives the same rows as applying
/// the fills one at a time.
///
/// The rules, per (exchange, symbol): a fill joins the symbol's open trip, growing it when it is
/// not reduce-only and on the trip's side, shrinking it otherwise; a shrink closes the trip when
/// the exits reach the entered quantity. Without an open trip the fill opens one (LONG for a buy
/// entry or a reduce-only sell, SHORT otherwise); a reduce-only fill then makes a trip with an
/// unknown entry that its own exit closes at once. After a close, the next fill of the symbol in
/// the same batch opens a new trip. Quantities are `Decimal`; money sums are left to PostgreSQL.
struct RoundTripBatchPlan {
    /// An open trip as locked at the start of the batch.
    struct OpenTrip: Equatable {
        var id: String
        var exchange: String
        var symbol: String
        var side: String
        var entryQty: Decimal
        var exitQty: Decimal
    }

    /// A trip the batch touches: one that was open, or one the batch creates.
    struct Trip: Equatable {
        /// The id of a trip that was open; nil for a trip this batch creates.
        var existingID: String?
        var exchange: String
        var symbol: String
        /// `LONG` or `SHORT`.
        var side: String
        /// Epoch seconds of the fill that opened a new trip (its `opened_at`).
        var openedAt: String
        var entryPlanID: String?
        var entrySource: String?
        var entryQty: Decimal
        var exitQty: Decimal
        var isOpen = true
        /// The last reducing fill of the batch, whose fields the trip's exit columns take.
        var lastExit: LedgerFill?
        /// Epoch seconds of the fill that closed the trip; nil while open.
        var closedAt: String?

        var status: String { isOpen ? "open" : "closed" }
    }

    /// What one fill did: the index of its trip in ``trips`` and whether it grew it.
    struct Move: Equatable {
        var trip: Int
        var grows: Bool
    }

    /// The trips touched, in the order the batch first touched them.
    private(set) var trips: [Trip] = []
    /// One move per fill, in the fills' order.
    private(set) var moves: [Move] = []

    /// Walks `fills` in order over the trips `open` at the start of the batch.
    init(open: [OpenTrip], fills: [LedgerFill]) {
        var unused: [String: OpenTrip] = [:]
        for trip in open { unused[Self.key(trip.exchange, trip.symbol)] = trip }
        var openIndex: [String: Int] = [:]
        moves.reserveCapacity(fills.count)
        for fill in fills {
            let key = Self.key(fill.exchange, fill.symbol)
            if openIndex[key] == nil, let found = unused.removeValue(forKey: key) {
                trips.append(
                    Trip(
                        existingID: found.id, exchange: found.exchange, symbol: found.symbol, side: found.side,
                        openedAt: "", entryQty: found.entryQty, exitQty: found.exitQty))
                openIndex[key] = trips.count - 1
            }
            let index: Int
            let grows: Bool
            if let open = openIndex[key] {
                index = open
                grows = !fill.reduceOnly && ((trips[open].side == "LONG") == (fill.side == .buy))
            } else {
                let side = (fill.side == .buy) != fill.reduceOnly ? "LONG" : "SHORT"
                trips.append(
                    Trip(
                        existingID: nil, exchange: LedgerStore.storable(fill.exchange),
                        symbol: LedgerStore.storable(fill.symbol),
                        side: side, openedAt: Self.seconds(fill.executedAt),
                        entryPlanID: fill.reduceOnly ? nil : LedgerStore.storable(fill.planID),
                        entrySource: fill.reduceOnly ? nil : LedgerStore.storable(fill.planSource), entryQty: 0,
                        exitQty: 0))
                index = trips.count - 1
                openIndex[key] = index
                grows = !fill.reduceOnly
            }
            if grows {
                trips[index].entryQty += fill.quantity
            } else {
                let closes = trips[index].exitQty + fill.quantity >= trips[index].entryQty
                trips[index].exitQty += fill.quantity
                trips[index].lastExit = fill
                trips[index].closedAt = closes ? Self.seconds(fill.executedAt) : nil
                if closes {
                    trips[index].isOpen = false
                    openIndex[key] = nil
                }
            }
            moves.append(Move(trip: index, grows: grows))
        }
    }

    /// The (exchange, symbol) pairs of `fills`, each once, as stored (NUL as U+FFFD).
    static func symbols(of fills: [LedgerFill]) -> [(exchange: String, symbol: String)] {
        var seen: Set<String> = []
        var pairs: [(exchange: String, symbol: String)] = []
        for fill in fills where seen.insert(key(fill.exchange, fill.symbol)).inserted {
            pairs.append((LedgerStore.storable(fill.exchange), LedgerStore.storable(fill.symbol)))
        }
        return pairs
    }

    /// `executedAt` as the epoch-seconds text ``RoundTripBook`` passes to `to_timestamp`.
    static func seconds(_ date: Date) -> String {
        String(date.timeIntervalSince1970)
    }

    private static func key(_ exchange: String, _ symbol: String) -> String {
        LedgerStore.storable(exchange) + "\u{0}" + LedgerStore.storable(symbol)
    }
}
