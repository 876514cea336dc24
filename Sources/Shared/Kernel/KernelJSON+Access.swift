/// Typed reads of object members, each failing with the member's JSON path.
extension KernelJSON {
    /// The value of `key` when this is an object that has it.
    package subscript(key: String) -> KernelJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the value's kind, for error messages.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number, .integer: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// This value's members, or an error at `path` when it is not an object.
    package func members(at path: String) throws(KernelInputError) -> [Member] {
        guard case .object(let members) = self else {
            throw KernelInputError(field: path, reason: "expected an object, got \(kindName)")
        }
        return members
    }

    /// The number at `key`; an error when it is missing, null or not a number.
    package func number(_ key: String, at path: String) throws(KernelInputError) -> Double {
        guard let value = try optionalNumber(key, at: path) else {
            throw KernelInputError(field: Self.join(path, key), reason: "required number is missing")
        }
        return value
    }

    /// The number at `key`, `nil` when missing or null; an error for any other kind.
    package func optionalNumber(_ key: String, at path: String) throws(KernelInputError) -> Double? {
        switch self[key] {
        case nil, .null?: return nil
        case .number(let value)?: return value
        case .integer(let value)?: return Double(value)
        case let other?:
            throw KernelInputError(
                field: Self.join(path, key), reason: "expected a number, got \(other.kindName)")
        }
    }

    /// The string at `key`; an error when it is missing or not a string.
    package func string(_ key: String, at path: String) throws(KernelInputError) -> String {
        switch self[key] {
        case .string(let value)?: return value
        case nil, .null?:
            throw KernelInputError(field: Self.join(path, key), reason: "required string is missing")
        case let other?:
            throw KernelInputError(
                field: Self.join(path, key), reason: "expected a string, got \(other.kindName)")
        }
    }

    /// `path.key`, or `key` at the top level.
    package static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
