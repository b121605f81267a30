/// The French département of a postal code (overseas: three digits; Corsica: 2A/2B).
enum Department {
    static func of(postalCode: String) -> String {
        guard postalCode.count == 5, postalCode.allSatisfy(\.isNumber) else { return "?" }
        let prefix = String(postalCode.prefix(2))
        switch prefix {
        case "97", "98": return String(postalCode.prefix(3))
        case "20": return (Int(postalCode) ?? 0) < 20200 ? "2A" : "2B"
        default: return prefix
        }
    }
}
