/// Reading a fixture case's `theta` object.
extension KernelParameters {
    /// Reads a `theta` object: defaults overridden by the Python names present; `nil` or null
    /// gives the defaults.
    package init(thetaJSON json: KernelJSON?, path: String = "theta") throws(KernelInputError) {
        guard let json, json != .null else {
            self = .defaults
            return
        }
        var values: [String: Double] = [:]
        for member in try json.members(at: path) {
            values[member.key] = try json.number(member.key, at: path)
        }
        do throws(KernelInputError) {
            self = try KernelParameters.defaults.overriding(pythonValues: values)
        } catch {
            throw KernelInputError(field: KernelJSON.join(path, error.field), reason: error.reason)
        }
    }
}
