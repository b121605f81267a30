import Foundation

/// A postal address in France, as several events carry it.
package struct PostalAddress: Codable, Sendable, Equatable {
    package var streetAddress: String
    package var postalCode: String
    package var commune: String

    package init(streetAddress: String, postalCode: String, commune: String) {
        self.streetAddress = streetAddress
        self.postalCode = postalCode
        self.commune = commune
    }
}

/// A file kept by the documents service, named by its id and its document type.
package struct DocumentReference: Codable, Sendable, Equatable {
    package var id: UUID
    /// Document type of domain.md §5.1 (`facture`, see `DocumentTypeNames`) or of a declaration (`pv_fdo`).
    package var type: String

    package init(id: UUID, type: String) {
        self.id = id
        self.type = type
    }
}
