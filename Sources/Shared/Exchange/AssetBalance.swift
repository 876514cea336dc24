import FoundationEssentials

/// One asset of the futures account (`GET /fapi/v3/balance`).
package struct AssetBalance: Sendable, Hashable {
    package var asset: String
    /// Wallet balance.
    package var balance: Decimal
    package var crossWalletBalance: Decimal
    package var crossUnrealizedPnl: Decimal
    package var availableBalance: Decimal
    package var maxWithdrawAmount: Decimal
    /// ms since the epoch.
    package var updateTime: Int64

    package init(
        asset: String, balance: Decimal, crossWalletBalance: Decimal = 0, crossUnrealizedPnl: Decimal = 0,
        availableBalance: Decimal, maxWithdrawAmount: Decimal = 0, updateTime: Int64 = 0
    ) {
        self.asset = asset
        self.balance = balance
        self.crossWalletBalance = crossWalletBalance
        self.crossUnrealizedPnl = crossUnrealizedPnl
        self.availableBalance = availableBalance
        self.maxWithdrawAmount = maxWithdrawAmount
        self.updateTime = updateTime
    }
}
