import Foundation

/// Saves and loads the paper account as a JSON file (`--state FILE`), written atomically
/// (temporary file, then rename) so a crash never leaves half a file.
struct StateStore: Sendable {
    let path: String

    /// Why the state file could not be read or written.
    enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case unwritable(path: String, reason: String)

        var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read state file \(path): \(reason)"
            case .unwritable(let path, let reason): "cannot write state file \(path): \(reason)"
            }
        }
    }

    /// The saved account, or nil when the file does not exist yet.
    func load() throws(Failure) -> AccountState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(AccountState.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    func save(_ state: AccountState) throws(Failure) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(state)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
    }
}
