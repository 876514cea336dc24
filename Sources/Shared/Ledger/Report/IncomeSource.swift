import FoundationEssentials

/// Where `harvestbrain reconcile` reads the exchange's income history (`/fapi/v1/income`).
///
/// An implementation returns every row of the period, all pages read (Binance pages by
/// `startTime`/`endTime`/`limit`, ascending), so a day with more than 1,000 rows is read whole.
package protocol IncomeSource: Sendable {
    /// Every income row with `start <= time < end`, in time order.
    func income(from start: Date, until end: Date) async throws(IncomeSourceError) -> [IncomeRow]
}
