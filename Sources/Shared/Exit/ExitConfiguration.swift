import FoundationEssentials

/// exitbrain's settings.
package struct ExitConfiguration: Sendable {
    /// One evaluation of every position per interval.
    package var interval: Duration = .seconds(10)
    /// Shadow mode: plans go to ``shadowStream`` and no proposal hash is written.
    package var shadow = false
    package var planStream = "quantum:stream:apply.plan"
    package var shadowStream = "quantum:stream:apply.plan.shadow"
    package var planMaxLength = 10_000
    /// Write `quantum:harvest:proposal:{SYM}` for a Python apply layer (not in shadow mode).
    package var writeProposals = true
    /// A `quantum:marketstate:{SYM}` hash older than this is not used.
    package var marketStateMaxAge: Double = 120
    /// Only these symbols (empty: every symbol with a position).
    package var symbols: Set<String> = []
    /// `shard i of n`: this instance evaluates the symbols whose stable hash falls in shard i.
    package var shard = 0
    package var shardCount = 1
    /// How often the Python policy hash is re-read.
    package var policyRefresh: Duration = .seconds(60)
    /// A FULL_CLOSE_PROPOSED whose position is still open after this long is proposed again
    /// (with a new plan id); partial rungs are never proposed twice.
    package var reproposeFullCloseAfter: Double = 300
    /// Kernel parameters before the policy hash overrides them.
    package var parameters = KernelParameters.defaults

    package init() {}

    /// The stream plans go to in this mode.
    package var targetStream: String { shadow ? shadowStream : planStream }

    /// Reads the settings.
    ///
    /// | key | type | default |
    /// |---|---|---|
    /// | `EXITBRAIN_INTERVAL_SEC` | int seconds | 10 |
    /// | `EXITBRAIN_SHADOW` | bool | false |
    /// | `EXITBRAIN_PLAN_STREAM` / `EXITBRAIN_SHADOW_STREAM` | stream | `quantum:stream:apply.plan` / `….shadow` |
    /// | `EXITBRAIN_WRITE_PROPOSALS` | bool | true |
    /// | `EXITBRAIN_MARKETSTATE_MAX_AGE_SEC` | int seconds | 120 |
    /// | `EXITBRAIN_SYMBOLS` | comma list | all with a position |
    /// | `EXITBRAIN_SHARD` | `i/n` | `0/1` |
    /// | `EXITBRAIN_POLICY_REFRESH_SEC` | int seconds | 60 |
    /// | `EXITBRAIN_REPROPOSE_SEC` | int seconds | 300 |
    /// | `KERNEL_<NAME>` | number | the original's defaults, e.g. `KERNEL_T1_R=2.0`, `KERNEL_KILL_THRESHOLD=0.6` |
    package init(environment env: EnvironmentReader) throws(ConfigurationError) {
        interval = .seconds(try env.int("EXITBRAIN_INTERVAL_SEC", default: 10, range: 1...3600))
        shadow = try env.bool("EXITBRAIN_SHADOW", default: false)
        planStream = env.string("EXITBRAIN_PLAN_STREAM", default: planStream)
        shadowStream = env.string("EXITBRAIN_SHADOW_STREAM", default: shadowStream)
        writeProposals = try env.bool("EXITBRAIN_WRITE_PROPOSALS", default: true)
        marketStateMaxAge = Double(try env.int("EXITBRAIN_MARKETSTATE_MAX_AGE_SEC", default: 120, range: 1...86_400))
        symbols = Set(env.list("EXITBRAIN_SYMBOLS").map { $0.uppercased() })
        policyRefresh = .seconds(try env.int("EXITBRAIN_POLICY_REFRESH_SEC", default: 60, range: 1...86_400))
        reproposeFullCloseAfter = Double(try env.int("EXITBRAIN_REPROPOSE_SEC", default: 300, range: 10...86_400))
        if let text = env.string("EXITBRAIN_SHARD") {
            let parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
                throw ConfigurationError(
                    key: "EXITBRAIN_SHARD", reason: "expected i/n with 0 <= i < n, got \"\(text)\"")
            }
            (shard, shardCount) = (parts[0], parts[1])
        }
        var overrides: [String: Double] = [:]
        for name in KernelParameters.pythonNames {
            let key = "KERNEL_" + name.uppercased()
            if env.string(key) != nil { overrides[name] = try env.double(key, default: 0) }
        }
        do {
            parameters = try KernelParameters.defaults.overriding(pythonValues: overrides)
        } catch {
            throw ConfigurationError(key: "KERNEL_" + error.field.uppercased(), reason: error.reason)
        }
    }

    /// True when `symbol` is this instance's to evaluate.
    package func owns(_ symbol: String) -> Bool {
        if !symbols.isEmpty, !symbols.contains(symbol) { return false }
        guard shardCount > 1 else { return true }
        let hex = Digest.sha256Hex(symbol).prefix(8)
        return Int(UInt32(hex, radix: 16) ?? 0) % shardCount == shard
    }
}
