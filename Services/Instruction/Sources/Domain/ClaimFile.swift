import Contracts
import Foundation
import ReferenceData

/// Everything an agent reads about one claim: what the claimant declared, its documents and their reviews, its
/// history, notes, requests for information and the claimant's other claims.
struct ClaimFile: Sendable {
    struct Document: Sendable, Equatable {
        var id: UUID
        var type: String
        var verdict: DocumentReviewInput.Verdict?
        var reason: String?
        var reviewer: String?
    }

    struct HistoryEntry: Sendable, Equatable {
        var at: Date
        /// Nil: the claimant or the platform.
        var agentName: String?
        var action: String
        var toState: ClaimState?
    }

    struct Note: Sendable, Equatable {
        var at: Date
        var author: String
        var body: String
    }

    struct InformationRequest: Sendable, Equatable {
        var requestedAt: Date
        var dueOn: String
        var documentTypes: [String]
        var message: String
        var answeredAt: Date?
        var answerMessage: String?
    }

    /// The investigators' declaration the claimant attached: facts and procedure (for agents only) and the unit.
    struct Declaration: Sendable, Equatable {
        var id: UUID
        var unitCode: String
        var force: String
        /// `oui`, `non` or `doute`.
        var operationalError: String
        var facts: String
        var operationDate: String
        var procedureNumber: String
        var investigatingService: String
        var servicePhone: String
        var court: String?
        var magistrate: String?
        /// The files the unit attached.
        var attachments: [DeclarationSubmitted.Attachment] = []
    }

    /// A question to the declaring unit, the files joined to it and its answer.
    struct InvestigatorQuery: Sendable, Equatable {
        /// A file joined to the question (kept in the question's folder at the documents service).
        struct Attachment: Sendable, Equatable {
            var documentId: UUID
            var fileName: String
            /// `clean` or `scan_pending`.
            var scanStatus: String
        }

        var id: UUID
        var askedAt: Date
        var askedBy: String
        var question: String
        var dueOn: String
        var answer: String?
        var answeredBy: String?
        var answeredAt: Date?
        var attachments: [Attachment] = []
    }

    struct OtherClaim: Sendable, Equatable {
        var id: UUID
        var reference: String
        var state: ClaimState
        var submittedAt: Date
    }

    /// The drafted or signed decision, and the claimant's answer to an offer.
    struct Decision: Sendable, Equatable {
        var isOffer: Bool
        var amountCents: Int?
        var breakdown: [AmountLine]
        var rejectionReason: RejectionReason?
        var body: String
        var draftedBy: String
        var returnedComment: String?
        var signedBy: String?
        var signedAt: Date?
        var seal: String?
        var answerBy: String?
        var claimantAccepted: Bool?
        var refusalReason: String?
        var counterProposalCents: Int?
        /// The signed letter's PDF at the documents service, once filed.
        var letterId: UUID?
        /// The claimant's acceptance as a PDF, once filed.
        var acceptanceLetterId: UUID?
    }

    var id: UUID
    var reference: String
    var state: ClaimState
    var stateEnteredAt: Date
    var submittedAt: Date
    var assigneeId: UUID?
    var assigneeName: String?
    /// The claim as submitted (absent for claims received before snapshots were kept).
    var snapshot: ClaimSubmitted?
    var documents: [Document] = []
    var history: [HistoryEntry] = []
    var notes: [Note] = []
    var informationRequests: [InformationRequest] = []
    var declaration: Declaration?
    /// Without a declaration: the units of the claimant's force in the claim's département, those of its commune
    /// first, for the rédacteur to know whom to ask (from the official reference data).
    var competentUnits: CompetentUnits?
    var investigatorQueries: [InvestigatorQuery] = []
    var otherClaims: [OtherClaim] = []
    var decision: Decision?
    var paymentOrder: PaymentOrderState?

    /// The payment order and where its hand-off stands.
    struct PaymentOrderState: Sendable, Equatable {
        var body: String
        var draftedBy: String
        var signedBy: String?
        var signedAt: Date?
        var seal: String?
        var batchReference: String?
        var transmittedAt: Date?
        /// `YYYY-MM-DD`.
        var paidOn: String?
        /// The signed order's PDF at the documents service, once filed.
        var letterId: UUID?
    }

    var lifecycleFacts: ClaimLifecycle.Claim { ClaimLifecycle.Claim(state: state, assigneeId: assigneeId) }
}

/// The police or gendarmerie units that may have operated where the door was broken.
struct CompetentUnits: Sendable, Equatable {
    var departmentName: String
    /// `PN`, `GN`, `PP`, or nil when the claimant did not say.
    var force: String?
    var units: [ReferenceUnit]
}
