import Contracts
import Foundation
import Messaging

/// Where claims are kept, from the first draft to submission; submitting also publishes `ClaimSubmitted`
/// atomically. Every read and write of a claimant's claim names its owner: another account's claim is not found.
protocol ClaimRepository: Sendable {
    /// Submits a complete claim in one go (the JSON API, anonymous). The same idempotency key returns the claim it
    /// first created.
    func submit(_ form: ClaimForm, idempotencyKey: String?, context: MessageContext) async throws -> SubmittedClaim

    /// Starts a draft with the answers known so far (eligibility test, e-mail), or returns the owner's current
    /// draft: an account has at most one.
    func startDraft(_ form: ClaimForm, owner: UUID) async throws -> UUID

    /// One of the owner's claims, draft or submitted; nil when it does not exist or belongs to someone else.
    func claim(_ id: UUID, owner: UUID) async throws -> StoredClaim?

    /// Replaces a draft's answers; false when the claim is not a draft of this owner (submitted meanwhile).
    func saveDraft(_ id: UUID, owner: UUID, form: ClaimForm) async throws -> Bool

    /// Checks the draft as it is stored and, when complete, gives it its reference and publishes it.
    func submitDraft(_ id: UUID, owner: UUID, today: Date, context: MessageContext) async throws -> DraftSubmission

    /// The claims an account owns, drafts included, newest first.
    func claims(ownedBy owner: UUID) async throws -> [ClaimSummary]

    /// The dated events of one of the owner's claims, oldest first (empty for someone else's claim).
    func timeline(of claim: UUID, owner: UUID) async throws -> [TimelineEntry]

    /// The documents of one of the owner's claims, oldest first, withdrawn ones included (marked).
    func documents(of claim: UUID, owner: UUID) async throws -> [ClaimDocument]

    /// Withdraws one of the owner's own uploads from a draft and asks the documents service to delete it; false
    /// when there is no such upload (someone else's, already withdrawn) or the claim is no longer a draft.
    func withdrawDocument(_ document: UUID, claim: UUID, owner: UUID, context: MessageContext) async throws -> Bool

    /// The signed decision on one of the owner's claims, if any.
    func decision(of claim: UUID, owner: UUID) async throws -> ClaimDecision?

    /// Records the owner's answer to the claim's pending offer and publishes `OfferAccepted` or `OfferRefused`;
    /// false when there is no pending offer of theirs.
    func answerOffer(_ claim: UUID, owner: UUID, _ answer: OfferAnswer, context: MessageContext) async throws -> Bool

    /// The office's requests for documents or information on one of the owner's claims, newest first.
    func informationRequests(of claim: UUID, owner: UUID) async throws -> [InformationRequest]

    /// Answers an open request with what was sent since it and an optional message, publishing
    /// `ClaimCompletedByClaimant`.
    func answer(
        _ request: UUID,
        claim: UUID,
        owner: UUID,
        message: String?,
        context: MessageContext
    ) async throws -> InformationAnswer
}

/// The office's signed decision on a claim, and the claimant's answer to an offer.
struct ClaimDecision: Sendable, Equatable {
    var isOffer: Bool
    var amountCents: Int?
    var amountInWords: String?
    var breakdown: [AmountLine]
    var letter: DecisionLetter
    /// `YYYY-MM-DD`.
    var answerBy: String?
    var accepted: Bool?
    var answeredAt: Date?

    /// An offer still waiting for the claimant's answer.
    var awaitsAnswer: Bool { isOffer && accepted == nil }
}

/// The claimant's answer to an offer.
enum OfferAnswer: Sendable, Equatable {
    case accept
    case refuse(reason: String, counterProposalCents: Int?)
}

/// What the office asked for, by when, and whether the claimant answered.
struct InformationRequest: Sendable, Equatable {
    var id: UUID
    var documentTypes: [String]
    var message: String
    /// `YYYY-MM-DD`.
    var dueOn: String
    var requestedAt: Date
    var answeredAt: Date?
}

/// What became of an answer to a request.
enum InformationAnswer: Sendable, Equatable {
    case answered
    /// Requested types with nothing sent since the request; nothing was changed.
    case missing([String])
    /// Neither a document nor a message.
    case empty
    /// Not an open request of one of the owner's claims still being examined.
    case unavailable
}

/// A dated event of a claim's life ("vie du dossier").
struct TimelineEntry: Sendable, Equatable {
    /// `submitted`, `receipt-issued`, or `notification:<template>` for a message sent about the claim.
    var kind: String
    var occurredAt: Date
}

/// A document of a claim, as the documents service announced it.
struct ClaimDocument: Sendable, Equatable {
    var id: UUID
    var type: String
    var fileName: String
    var size: Int
    /// `clean`, `scan_pending` or `infected`.
    var scanStatus: String
    /// Nil for a document the documents service generated (the receipt).
    var uploadedBy: UUID?
    var isWithdrawn: Bool
    var uploadedAt = Date.distantPast

    /// Counts towards the checklist: not withdrawn, not infected (a pending scan counts; agents see it once clean).
    var counts: Bool { !isWithdrawn && scanStatus != "infected" }
    /// Its owner may read it: present and scanned clean.
    var isDownloadable: Bool { !isWithdrawn && scanStatus == "clean" }
}

extension [ClaimDocument] {
    /// Required types with no document that counts.
    func missing(from required: [DocumentType]) -> [DocumentType] {
        required.filter { type in !contains { $0.type == type.rawValue && $0.counts } }
    }
}

/// A claim as stored: its state and the answers of its form (bank details opened).
struct StoredClaim: Sendable, Equatable {
    var id: UUID
    /// Internal lifecycle state (domain.md §2.2); `A_FINALISER` while a draft.
    var status: String
    var form: ClaimForm
    var reference: String? = nil
    var submittedAt: Date? = nil
    var closureExplanation: String? = nil

    var isDraft: Bool { status == ClaimState.draft }
}

/// What became of a request to submit a draft.
enum DraftSubmission: Sendable, Equatable {
    case submitted(SubmittedClaim)
    /// The problems left, step by step, and the required documents missing; nothing was changed.
    case incomplete([ClaimStep: [ClaimField: String]], missingDocuments: [DocumentType])
    /// Not a draft of this owner (unknown, someone else's, or submitted already).
    case unavailable
}

/// One line of "Mes demandes".
struct ClaimSummary: Sendable, Equatable {
    var id: UUID
    var reference: String?
    /// Internal lifecycle state (domain.md §2.2), e.g. `A_ATTRIBUER`.
    var status: String
    var createdAt: Date
    var submittedAt: Date?
}

/// The internal states intake sets itself.
enum ClaimState {
    static let draft = "A_FINALISER"
    static let submitted = "A_ATTRIBUER"
}
