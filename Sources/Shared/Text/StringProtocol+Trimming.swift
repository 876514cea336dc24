extension StringProtocol {
    /// The text without leading and trailing horizontal whitespace (spaces, tabs and the other
    /// Unicode space separators; line breaks are kept), as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives it.
    package var trimmingSpaces: String { trimming { $0.isWhitespace && !$0.isNewline } }

    /// The text without leading and trailing `character`s.
    package func trimming(_ character: Character) -> String { trimming { $0 == character } }

    /// The text without the leading and trailing characters that `isTrimmed` accepts.
    package func trimming(where isTrimmed: (Character) -> Bool) -> String {
        guard let start = firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let end = lastIndex(where: { !isTrimmed($0) })!
        return String(self[start...end])
    }
}
