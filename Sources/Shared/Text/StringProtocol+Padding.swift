extension StringProtocol {
    /// The text cut or right-padded with spaces to exactly `length` characters (table columns),
    /// as Foundation's `padding(toLength:withPad: " ", startingAt: 0)`.
    package func padded(to length: Int) -> String {
        count >= length ? String(prefix(length)) : String(self) + String(repeating: " ", count: length - count)
    }
}
