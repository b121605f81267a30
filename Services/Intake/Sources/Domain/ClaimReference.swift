import Foundation

/// Public, human-readable claim reference: `BRI-<deposit day>-<4-digit daily counter>`.
enum ClaimReference {
    static func make(day: Date, counter: Int) -> String {
        let stamp = day.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.omitted))
        return "BRI-\(stamp)-\(String(format: "%04d", counter))"
    }
}
