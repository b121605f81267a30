import Foundation
import Messaging
import Synchronization

/// Claims kept in memory: for unit tests of the HTTP layer and a database-free development mode.
final class InMemoryClaimRepository: ClaimRepository {
    private struct Entry {
        var claim: StoredClaim
        var owner: UUID?
        var createdAt: Date
        var idempotencyKey: String?
        var ibanSuffix = ""
        var documents: [ClaimDocument] = []
    }

    private let state = Mutex<(entries: [UUID: Entry], counter: Int)>(([:], 0))

    func submit(_ form: ClaimForm, idempotencyKey: String?, context: MessageContext) async throws -> SubmittedClaim {
        state.withLock { state in
            if let idempotencyKey,
                let existing = state.entries.values.first(where: { $0.idempotencyKey == idempotencyKey })
            {
                return Self.submitted(existing)
            }
            let id = UUID()
            state.entries[id] = Entry(
                claim: StoredClaim(id: id, status: ClaimState.draft, form: form),
                createdAt: Date(),
                idempotencyKey: idempotencyKey
            )
            return Self.recordSubmission(of: id, in: &state)
        }
    }

    func startDraft(_ form: ClaimForm, owner: UUID) async throws -> UUID {
        state.withLock { state in
            if let draft = state.entries.values.first(where: { $0.owner == owner && $0.claim.isDraft }) {
                return draft.claim.id
            }
            let id = UUID()
            state.entries[id] = Entry(
                claim: StoredClaim(id: id, status: ClaimState.draft, form: form),
                owner: owner,
                createdAt: Date()
            )
            return id
        }
    }

    func claim(_ id: UUID, owner: UUID) async throws -> StoredClaim? {
        state.withLock { state in state.entries[id].flatMap { $0.owner == owner ? $0.claim : nil } }
    }

    func saveDraft(_ id: UUID, owner: UUID, form: ClaimForm) async throws -> Bool {
        state.withLock { state in
            guard let entry = state.entries[id], entry.owner == owner, entry.claim.isDraft else { return false }
            state.entries[id]?.claim.form = form
            return true
        }
    }

    func submitDraft(_ id: UUID, owner: UUID, today: Date, context: MessageContext) async throws -> DraftSubmission {
        state.withLock { state in
            guard let entry = state.entries[id], entry.owner == owner, entry.claim.isDraft else { return .unavailable }
            let problems = entry.claim.form.problemsByStep(today: today)
            let missing = entry.documents.missing(from: entry.claim.form.requiredDocuments)
            guard problems.isEmpty, missing.isEmpty else { return .incomplete(problems, missingDocuments: missing) }
            return .submitted(Self.recordSubmission(of: id, in: &state))
        }
    }

    func claims(ownedBy owner: UUID) async throws -> [ClaimSummary] {
        state.withLock { state in
            state.entries.values.filter { $0.owner == owner }
                .map {
                    ClaimSummary(
                        id: $0.claim.id,
                        reference: $0.claim.reference,
                        status: $0.claim.status,
                        createdAt: $0.createdAt,
                        submittedAt: $0.claim.submittedAt
                    )
                }
                .sorted { $0.createdAt > $1.createdAt }
        }
    }

    func timeline(of claim: UUID, owner: UUID) async throws -> [TimelineEntry] {
        state.withLock { state in
            guard let entry = state.entries[claim], entry.owner == owner, let submittedAt = entry.claim.submittedAt
            else {
                return []
            }
            return [TimelineEntry(kind: "submitted", occurredAt: submittedAt)]
        }
    }

    func documents(of claim: UUID, owner: UUID) async throws -> [ClaimDocument] {
        state.withLock { state in state.entries[claim].flatMap { $0.owner == owner ? $0.documents : nil } ?? [] }
    }

    func withdrawDocument(_ document: UUID, claim: UUID, owner: UUID, context: MessageContext) async throws -> Bool {
        state.withLock { state in
            guard var entry = state.entries[claim], entry.owner == owner, entry.claim.isDraft,
                let index = entry.documents.firstIndex(where: {
                    $0.id == document && $0.uploadedBy == owner && !$0.isWithdrawn
                })
            else { return false }
            entry.documents[index].isWithdrawn = true
            state.entries[claim] = entry
            return true
        }
    }

    /// Adds a document to a claim, as the documents service's event would.
    func attach(_ document: ClaimDocument, to claim: UUID) {
        state.withLock { state in state.entries[claim]?.documents.append(document) }
    }

    var count: Int { state.withLock { $0.entries.count } }

    private static func recordSubmission(
        of id: UUID,
        in state: inout (entries: [UUID: Entry], counter: Int)
    ) -> SubmittedClaim {
        state.counter += 1
        let now = Date()
        var entry = state.entries[id]!
        entry.claim.status = ClaimState.submitted
        entry.claim.reference = ClaimReference.make(day: now, number: state.counter)
        entry.claim.submittedAt = now
        entry.ibanSuffix = entry.claim.form.bankDetails.ibanSuffix
        state.entries[id] = entry
        return submitted(entry)
    }

    private static func submitted(_ entry: Entry) -> SubmittedClaim {
        SubmittedClaim(
            id: entry.claim.id,
            reference: entry.claim.reference ?? "",
            submittedAt: entry.claim.submittedAt ?? entry.createdAt,
            ibanSuffix: entry.ibanSuffix
        )
    }

    func informationRequests(of claim: UUID, owner: UUID) async throws -> [InformationRequest] { [] }

    func answer(
        _ request: UUID,
        claim: UUID,
        owner: UUID,
        message: String?,
        context: MessageContext
    ) async throws -> InformationAnswer { .unavailable }

    func decision(of claim: UUID, owner: UUID) async throws -> ClaimDecision? { nil }

    func answerOffer(_ claim: UUID, owner: UUID, _ answer: OfferAnswer, context: MessageContext) async throws -> Bool {
        false
    }
}
