/// The Redis keys applylayer reads and writes (wire.md, "Other keys").
package enum ApplyKeys {
    package static let killSwitch = "quantum:kill"
    package static let globalKillSwitch = "quantum:global:kill_switch"

    /// `quantum:apply:done:{plan_id}`: the plan was answered; holds the result's stream id.
    package static func done(_ planID: String) -> String { "quantum:apply:done:\(planID)" }
    /// `quantum:cooldown:open:{SYM}`: entries blocked until it expires.
    package static func cooldown(_ symbol: String) -> String { "quantum:cooldown:open:\(symbol)" }
    /// `quantum:apply:lease:{SYM}`: the instance trading this symbol now.
    package static func lease(_ symbol: String) -> String { "quantum:apply:lease:\(symbol)" }
    /// `quantum:apply:lease:plan:{plan_id}`: the instance working on this plan id now.
    package static func planLease(_ planID: String) -> String { "quantum:apply:lease:plan:\(planID)" }
    /// `quantum:position:{SYM}`: the position hash (only this exact form belongs to us).
    package static func position(_ symbol: String) -> String { "quantum:position:\(symbol)" }

    /// The symbol of a key of the exact form `quantum:position:{SYMBOL}`; nil for sub-keys such as
    /// `quantum:position:snapshot:*`, `:ledger:*`, `:claim:*`, which belong to other services.
    package static func positionSymbol(fromKey key: String) -> String? {
        let prefix = "quantum:position:"
        guard key.hasPrefix(prefix) else { return nil }
        let symbol = key.dropFirst(prefix.count)
        guard !symbol.isEmpty, symbol.count <= 32,
            symbol.allSatisfy({ ($0.isASCII && $0.isUppercase) || $0.isNumber })
        else { return nil }
        return String(symbol)
    }
}
