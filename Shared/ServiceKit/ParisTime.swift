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
