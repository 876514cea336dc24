import FoundationEssentials

/// applylayer's settings: streams, gates, limits and mode.
package struct ApplyConfiguration: Sendable {
    package typealias Mode = BinanceFuturesClient.Configuration.Mode

    package var mode: Mode = .paper
    package var planStream = "quantum:stream:apply.plan"
    package var resultStream = "quantum:stream:apply.result"
    package var group = "apply_layer_entry"
    package var resultMaxLength = 10_000
    /// Plans older than this are answered `stale_plan` and never executed.
    package var maxPlanAge: Double = 120
    /// How often exchange positions and position hashes are reconciled.
    package var reconcileInterval: Duration = .seconds(30)
    package var entryCooldownSeconds = 600
    package var exitCooldownSeconds = 600
    /// Symbols entries may open; empty allows all.
    package var allowlist: Set<String> = []
    package var maxOpenPositions = 10
    /// Largest entry notional (qty × mark) in the quote asset; 0 disables the gate.
    package var maxNotional: Decimal = 5000
    /// The kill switch blocks entries; with this, closes too.
    package var killBlocksCloses = false
    /// Per-symbol lease so two instances never trade one symbol at once.
    package var symbolLeaseMilliseconds = 15_000
    /// How long `quantum:apply:done:{plan_id}` is kept.
    package var doneTTLSeconds = 7 * 86_400
    /// How many symbols' closes of one read batch run at once (see `PlanExecutor+Batch.swift`).
    package var concurrency = 4

    /// True in dry_run: nothing is sent to the exchange and no key another service reads is written
    /// (position hashes, cooldowns); done keys live under `quantum:apply:shadow:done:`.
    package var isDry: Bool { mode == .dryRun }

    /// The done key of `planID` for this mode.
    package func doneKey(_ planID: String) -> String {
        isDry ? "quantum:apply:shadow:done:\(planID)" : ApplyKeys.done(planID)
    }

    package init() {}

    /// Reads the settings.
    ///
    /// | key | type | default |
    /// |---|---|---|
    /// | `APPLY_MODE` | `paper` \| `dry_run` \| `testnet` \| `live` | `paper` |
    /// | `APPLY_LIVE_CONFIRM` | must be `yes` for `live` | — |
    /// | `APPLY_PLAN_STREAM` / `APPLY_RESULT_STREAM` | stream names | `quantum:stream:apply.plan` / `quantum:stream:apply.result` (`….shadow` in dry_run) |
    /// | `APPLY_GROUP` | consumer group | `apply_layer_entry` (`apply_layer_shadow` in dry_run) |
    /// | `APPLY_RESULT_MAXLEN` | int | 10000 |
    /// | `APPLY_MAX_PLAN_AGE_SEC` | int seconds | 120 |
    /// | `APPLY_RECONCILE_SEC` | int seconds | 30 |
    /// | `APPLY_ENTRY_COOLDOWN_SEC` / `APPLY_EXIT_COOLDOWN_SEC` | int seconds | 600 / 600 |
    /// | `APPLY_ALLOWLIST` | comma-separated symbols, empty = all | empty |
    /// | `APPLY_MAX_POSITIONS` | int | 10 |
    /// | `APPLY_MAX_NOTIONAL_USDT` | decimal, 0 = no limit | 5000 |
    /// | `APPLY_KILL_BLOCKS_CLOSES` | bool | false |
    /// | `APPLY_SYMBOL_LEASE_MS` | int ms | 15000 |
    /// | `APPLY_DONE_TTL_SEC` | int seconds, ≥ 86400 | 604800 |
    /// | `APPLY_CONCURRENCY` | int 1…64: symbols whose closes run at once; 1 = one plan at a time | 4 |
    package init(environment env: EnvironmentReader) throws(ConfigurationError) {
        mode = try env.choice("APPLY_MODE", default: Mode.paper)
        if mode == .live, env.string("APPLY_LIVE_CONFIRM")?.lowercased() != "yes" {
            throw ConfigurationError(
                key: "APPLY_LIVE_CONFIRM",
                reason: "APPLY_MODE=live trades real money: set APPLY_LIVE_CONFIRM=yes to start")
        }
        if mode == .dryRun {
            // Shadowing a running Python apply layer: a group of its own (never steal its plans),
            // results on a stream of their own, no shared keys written.
            resultStream += ".shadow"
            group = "apply_layer_shadow"
        }
        planStream = env.string("APPLY_PLAN_STREAM", default: planStream)
        resultStream = env.string("APPLY_RESULT_STREAM", default: resultStream)
        group = env.string("APPLY_GROUP", default: group)
        resultMaxLength = try env.int("APPLY_RESULT_MAXLEN", default: resultMaxLength, range: 100...10_000_000)
        maxPlanAge = Double(try env.int("APPLY_MAX_PLAN_AGE_SEC", default: 120, range: 1...86_400))
        reconcileInterval = .seconds(try env.int("APPLY_RECONCILE_SEC", default: 30, range: 1...86_400))
        entryCooldownSeconds = try env.int("APPLY_ENTRY_COOLDOWN_SEC", default: 600, range: 0...86_400)
        exitCooldownSeconds = try env.int("APPLY_EXIT_COOLDOWN_SEC", default: 600, range: 0...86_400)
        allowlist = Set(env.list("APPLY_ALLOWLIST").map { $0.uppercased() })
        maxOpenPositions = try env.int("APPLY_MAX_POSITIONS", default: 10, range: 0...10_000)
        maxNotional = try env.decimal("APPLY_MAX_NOTIONAL_USDT", default: 5000)
        killBlocksCloses = try env.bool("APPLY_KILL_BLOCKS_CLOSES", default: false)
        symbolLeaseMilliseconds = try env.int("APPLY_SYMBOL_LEASE_MS", default: 15_000, range: 1000...600_000)
        doneTTLSeconds = try env.int("APPLY_DONE_TTL_SEC", default: 7 * 86_400, range: 86_400...365 * 86_400)
        concurrency = try env.int("APPLY_CONCURRENCY", default: 4, range: 1...64)
    }
}
