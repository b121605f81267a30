import Foundation

/// A file the unit attached to its declaration through the documents service.
struct Attachment: Sendable, Equatable {
    /// What the unit may attach (domain.md §4.6).
    enum Kind: String, CaseIterable, Sendable {
        case report = "pv_fdo"
        case photo = "photo_fdo"

        var label: String {
            switch self {
            case .report: "Procès-verbal d’intervention"
            case .photo: "Photographies des dégâts"
            }
        }
    }

    var documentId: UUID
    var kind: Kind
    var fileName: String
    /// `clean`, `scan_pending` or `infected`.
    var scanStatus: String
}
