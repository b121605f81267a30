import Foundation

/// Public, human-readable claim reference: `BRI-<deposit day>-<number>`, the number at least 4 digits.
/// Numbers come from one sequence, so a reference is unique on its own, whatever the day.
enum ClaimReference {
    static func make(day: Date, number: Int) -> String {
        let stamp = day.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.omitted))
        return "BRI-\(stamp)-\(String(format: "%04d", number))"
    }
}
