import Foundation

/// Dates in French, Paris time, as every page and message shows them.
package enum ParisTime {
    package static let day = Date.FormatStyle(
        date: .long,
        time: .omitted,
        locale: Locale(identifier: "fr_FR"),
        timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt
    )
    package static let dayAndTime = Date.FormatStyle(
        date: .long,
        time: .shortened,
        locale: Locale(identifier: "fr_FR"),
        timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt
    )
}

extension ParisTime {
    /// A calendar day sent as `YYYY-MM-DD` (a date of birth, of a door break), in words: `1 novembre 2026`;
    /// the text itself when it is not such a date.
    package static func day(iso text: String) -> String {
        guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) else { return text }
        // Parsed as midnight UTC, which is the same calendar day in Paris.
        return date.formatted(day)
    }
}

/// Amounts in euros as French readers expect them.
package enum Euros {
    /// `1 250,50 €` for 125050 cents.
    package static func formatted(cents: Int) -> String {
        let euros = (Decimal(cents) / 100).formatted(
            .number.precision(.fractionLength(2)).locale(Locale(identifier: "fr_FR"))
        )
        return "\(euros) €"
    }

    /// Cents for a typed amount, or nil when it is not a positive amount with at most two decimals.
    package static func cents(typed text: String) -> Int? {
        let compact = text.replacingOccurrences(of: "€", with: "").filter { !$0.isWhitespace && $0 != "\u{202F}" }
        let parts = compact.replacingOccurrences(of: ",", with: ".").split(
            separator: ".",
            omittingEmptySubsequences: false
        )
        guard (1...2).contains(parts.count), let units = Int(parts[0]), units >= 0, parts[0].allSatisfy(\.isNumber)
        else { return nil }
        var cents = units * 100
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isNumber), let value = Int(decimals) else {
                return nil
            }
            cents += decimals.count == 1 ? value * 10 : value
        }
        return cents
    }
}

extension ParisTime {
    /// The calendar day in Paris of an instant, as `YYYY-MM-DD`.
    package static func isoDay(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Noon in Paris on a `YYYY-MM-DD` day, or nil when the text is not such a day.
    package static func date(isoDay text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard text.count == 10, parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// The year in Paris of an instant.
    package static func year(of date: Date) -> Int {
        calendar.component(.year, from: date)
    }

    /// The hour of the day in Paris, 0 to 23.
    package static func hour(of date: Date) -> Int {
        calendar.component(.hour, from: date)
    }

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return calendar
    }

    /// Whole days from one `YYYY-MM-DD` day to another, or nil when either is not such a date.
    package static func days(from start: String, to end: String) -> Int? {
        let format = Date.ISO8601FormatStyle().year().month().day()
        guard let from = try? Date(start, strategy: format), let to = try? Date(end, strategy: format) else {
            return nil
        }
        return Int((to.timeIntervalSince(from) / 86_400).rounded())
    }
}
