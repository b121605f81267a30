/// Telephone numbers for SMS and calls, stored in E.164 (`+33612345678`).
package enum PhoneNumber {
    /// The E.164 form of a French (`06 12 34 56 78`, `+33 6…`, `0033 6…`) or international (`+32…`) number, or nil.
    package static func e164(_ text: String) -> String? {
        var compact = text.filter { !$0.isWhitespace && !".-()/".contains($0) }
        if compact.hasPrefix("00") { compact = "+" + compact.dropFirst(2) }
        if compact.hasPrefix("0"), compact.count == 10 { compact = "+33" + compact.dropFirst() }
        guard compact.hasPrefix("+"), compact.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = compact.dropFirst()
        if digits.hasPrefix("33") { return digits.count == 11 && !digits.hasPrefix("330") ? compact : nil }
        return (8...15).contains(digits.count) ? compact : nil
    }
}
