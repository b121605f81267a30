import Foundation
import ServiceKit

/// Amounts in euros as people type them (`1 250,50 €`, `1250.5`), kept as integer cents.
enum EuroAmount {
    /// The largest amount the form accepts; a door restoration above it is a typing error or a case for a letter.
    static let maximumCents = 10_000_000

    /// Cents for a typed amount, or nil when it is not a positive amount with at most two decimals.
    static func cents(_ text: String) -> Int? { Euros.cents(typed: text) }

    /// Why a typed amount is not acceptable, in French; nil when it is.
    static func problem(_ text: String) -> String? {
        guard !text.isEmpty else { return "Indiquez le montant demandé, en euros." }
        guard let cents = cents(text) else {
            return "Indiquez un montant en euros, avec au plus deux décimales, par exemple 1250,50."
        }
        guard cents > 0 else { return "Le montant demandé doit être supérieur à zéro." }
        guard cents <= maximumCents else { return "Le montant demandé ne peut dépasser 100 000 €." }
        return nil
    }
}
