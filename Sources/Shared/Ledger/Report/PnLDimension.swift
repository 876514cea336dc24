/// What a PnL breakdown groups by.
package enum PnLDimension: String, Sendable, CaseIterable {
    case day
    case week
    case month
    case symbol
    case exitReason = "exit_reason"
    case source

    /// The SQL expression over `ledger_pnl_events` that yields the group key as text.
    var keyExpression: String {
        switch self {
        case .day: "to_char((at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD')"
        case .week: "to_char(date_trunc('week', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')"
        case .month: "to_char(date_trunc('month', at AT TIME ZONE 'UTC'), 'YYYY-MM')"
        case .symbol: "symbol"
        case .exitReason: "exit_reason"
        case .source: "source"
        }
    }

    /// True for calendar dimensions, listed in time order; the others are listed by net PnL, best first.
    var isCalendar: Bool { self == .day || self == .week || self == .month }

    /// A section heading for tables: `Day`, `Exit reason`, ….
    package var title: String {
        switch self {
        case .day: "Day"
        case .week: "Week (from Monday)"
        case .month: "Month"
        case .symbol: "Symbol"
        case .exitReason: "Exit reason"
        case .source: "Plan source"
        }
    }

    /// The key column's header in tables: `day`, `exit reason`, ….
    package var columnName: String { rawValue.replacing("_", with: " ") }
}
