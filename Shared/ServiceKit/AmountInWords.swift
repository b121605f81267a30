import Foundation

/// Amounts in French words, as decision letters and payment orders write them.
package enum AmountInWords {
    /// `mille deux cent cinquante euros et cinquante centimes` for 125050 cents.
    package static func french(cents: Int) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.numberStyle = .spellOut
        func words(_ value: Int) -> String { formatter.string(from: NSNumber(value: value)) ?? String(value) }
        let (euros, rest) = cents.quotientAndRemainder(dividingBy: 100)
        // "un million d’euros": a round million or more takes "de".
        let unit = euros >= 1_000_000 && euros % 1_000_000 == 0 ? "d’euros" : euros > 1 ? "euros" : "euro"
        var text = "\(words(euros)) \(unit)"
        if rest > 0 { text += " et \(words(rest)) centime\(rest > 1 ? "s" : "")" }
        return text
    }
}
