import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import ServiceKit
import TestSupport
import Testing
import WebUI

@testable import Intake

/// The claim draft, its steps, submission and the claimant's pages through the router, with claims kept in
/// memory and two fixed signed-in claimants.
struct ClaimControllerTests {
    private static let claimantA = WebSessions.Session(
        principalId: UUID(),
        csrfToken: String(repeating: "a", count: 43)
    )
    private static let claimantB = WebSessions.Session(
        principalId: UUID(),
        csrfToken: String(repeating: "b", count: 43)
    )
    private let valid = ClaimFixtures.formJSON(email: "elodie@example.fr")
    private static let grants = DocumentGrantSigner(base64Key: ClaimFixtures.documentGrantKey)!

    private func makeApp() throws -> (some ApplicationProtocol, InMemoryClaimRepository) {
        let claims = InMemoryClaimRepository()
        let router = Router(context: ServiceRequestContext.self)
        let gate = ClaimantGate { request in
            switch request.cookies["mij-session"]?.value {
            case "a": Self.claimantA
            case "b": Self.claimantB
            default: nil
            }
        }
        let pages = try IntakeService.pages()
        let transfers = DocumentTransfers(grants: Self.grants, documentsOrigin: "", portalOrigin: "")
        ClaimController(
            claims: claims,
            pages: pages,
            gate: gate,
            transfers: transfers,
            csrf: CSRFProtection(secureCookies: false),
            apiToken: ClaimFixtures.apiToken,
            addresses: .unchecked
        )
        .addRoutes(to: router)
        ClaimDraftController(
            claims: claims,
            pages: pages,
            csrf: CSRFProtection(secureCookies: false),
            gate: gate,
            uploads: transfers,
            addresses: .unchecked,
            accountEmail: { $0 == Self.claimantA.principalId ? "elodie@example.fr" : "autre@example.fr" }
        )
        .addRoutes(to: router)
        return (Application(router: router), claims)
    }

    private func formBody(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                .joined(separator: "&")
        )
    }

    private func post(_ client: some TestClientProtocol, _ uri: String, as session: String, _ fields: [String: String])
        async throws -> TestResponse
    {
        let token = session == "a" ? Self.claimantA.csrfToken : Self.claimantB.csrfToken
        return try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "mij-session=\(session)"],
            body: formBody(fields.merging(["csrfToken": token]) { given, _ in given })
        )
    }

    private func get(_ client: some TestClientProtocol, _ uri: String, as session: String) async throws -> TestResponse
    {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: "mij-session=\(session)"])
    }

    /// Starts claimant A's draft and returns its path (`/demandes/<id>`).
    private func startDraft(_ client: some TestClientProtocol, _ eligibility: [String: String] = [:]) async throws
        -> String
    {
        let response = try await post(client, "/demandes", as: "a", eligibility)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location])
        return String(try #require(location.firstMatch(of: /^\/demandes\/[0-9a-f-]{36}/)?.0))
    }

    /// Posts every step with the valid answers, as a claimant filling the form would.
    private func fillEveryStep(_ client: some TestClientProtocol, _ claim: String) async throws {
        for step in ClaimStep.allCases {
            let fields = valid.filter { key, _ in step.fields(for: .person).contains { $0.rawValue == key } }
            let response = try await post(client, "\(claim)/\(step.rawValue)", as: "a", fields)
            #expect(response.status == .seeOther, "step \(step.rawValue)")
            #expect(response.headers[.location] == "\(claim)/\(step.next?.rawValue ?? "recapitulatif")")
        }
    }

    /// Adds a document of each required type to the claim, as the documents service's events would.
    private func attachRequiredDocuments(_ claims: InMemoryClaimRepository, _ claim: String) throws {
        let id = try #require(UUID(uuidString: String(claim.split(separator: "/").last ?? "")))
        for type in ClaimForm(fields: valid).requiredDocuments {
            claims.attach(Self.document(type, by: Self.claimantA.principalId), to: id)
        }
    }

    private static func document(_ type: DocumentType, by uploader: UUID, status: String = "clean") -> ClaimDocument {
        ClaimDocument(
            id: UUID(),
            type: type.rawValue,
            fileName: "\(type.rawValue).pdf",
            size: 48_000,
            scanStatus: status,
            uploadedBy: uploader,
            isWithdrawn: false
        )
    }

    // MARK: - Signed-in claimants only

    @Test func anonymousVisitorsAreSentToSignInAndBack() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            for uri in ["/demandes/nouvelle?statut=locataire", "/mon-espace", "/demandes/\(UUID())/identite"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/connexion?retour=/") == true)
            }
            let post = try await client.execute(uri: "/demandes", method: .post, body: formBody([:]))
            #expect(post.status == .seeOther)
        }
        #expect(claims.count == 0)
    }

    @Test func startingWithoutTheSessionsTokenIsRefusedAndCreatesNothing() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let stolen = try await post(client, "/demandes", as: "a", ["csrfToken": Self.claimantB.csrfToken])
            #expect(stolen.status == .forbidden, "another session's token must not work")
        }
        #expect(claims.count == 0)
    }

    @Test func theStartPageCarriesTheEligibilityAnswersAndTheFileAnywayNotice() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let response = try await get(client, "/demandes/nouvelle?statut=locataire&vise=non&heberge=oui", as: "a")
            let html = String(buffer: response.body)
            #expect(html.contains("<input type=\"hidden\" name=\"heberge\" value=\"oui\">"))
            #expect(html.contains("ne relève pas de cette indemnisation"))
            #expect(html.contains("name=\"csrfToken\" value=\"\(Self.claimantA.csrfToken)\""))
            let plain = String(buffer: try await get(client, "/demandes/nouvelle", as: "a").body)
            #expect(!plain.contains("ne relève pas de cette indemnisation") && plain.contains("Commencer ma demande"))
        }
    }

    // MARK: - Draft

    @Test func anAccountHasOneDraftPrefilledFromTheTest() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client, ["statut": "bailleur-social", "vise": "non"])
            let again = try await startDraft(client)
            #expect(again == claim, "starting again resumes the same draft")
            let identity = String(buffer: try await get(client, "\(claim)/identite", as: "a").body)
            #expect(identity.contains("Numéro SIREN ou SIRET"), "a social landlord files as a legal entity")
            let dwelling = String(buffer: try await get(client, "\(claim)/logement", as: "a").body)
            #expect(dwelling.contains("value=\"bailleur-social\" checked"))
            let start = String(buffer: try await get(client, "/demandes/nouvelle", as: "a").body)
            #expect(start.contains("Reprendre ma demande"))
        }
        #expect(claims.count == 1)
    }

    @Test func aStepWithErrorsIsSavedAnywayAndComesBackWithFrenchMessages() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            _ = try await post(client, "\(claim)/demandeur", as: "a", ["claimantKind": "personne"])
            let response = try await post(
                client,
                "\(claim)/identite",
                as: "a",
                ["firstName": "Élodie", "residencePostalCode": "750", "civility": "MME"]
            )
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Le code postal doit comporter 5 chiffres."))
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"residencePostalCode-error\""))
            #expect(page.contains("<input type=\"radio\" id=\"civility-MME\" name=\"civility\" value=\"MME\" checked>"))
            let reloaded = String(buffer: try await get(client, "\(claim)/identite", as: "a").body)
            #expect(
                reloaded.contains("value=\"Élodie\"") && reloaded.contains("value=\"750\""),
                "nothing typed is lost"
            )
        }
    }

    @Test func aCompleteDraftIsSubmittedOnceAndShownToItsOwner() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            try await fillEveryStep(client, claim)
            try attachRequiredDocuments(claims, claim)
            let review = String(buffer: try await get(client, "\(claim)/recapitulatif", as: "a").body)
            #expect(review.contains("Déposer ma demande") && review.contains("•••• 0189") && !review.contains("FR76"))
            let submitted = try await post(client, "\(claim)/depot", as: "a", [:])
            #expect(submitted.status == .seeOther && submitted.headers[.location] == claim)
            let page = String(buffer: try await get(client, claim, as: "a").body)
            let reference = try #require(page.firstMatch(of: /BRI-\d{8}-\d{4}/)?.0)
            #expect(page.contains("Déposée") && page.contains("250,50 €"))
            #expect(page.contains("Demande déposée") && page.contains("deux à quatre mois"), "timeline and next step")
            #expect(
                page.contains("Contrat de location : <a") && page.contains(">contrat_location.pdf <"),
                "the documents sent"
            )
            let mine = String(buffer: try await get(client, "/mon-espace", as: "a").body)
            #expect(mine.contains(String(reference)))

            let twice = try await post(client, "\(claim)/depot", as: "a", [:])
            #expect(twice.status == .conflict)
            let edit = try await post(client, "\(claim)/faits", as: "a", ["description": "Changé après coup"])
            #expect(edit.status == .conflict, "a submitted claim is not edited through the draft")
            let step = try await get(client, "\(claim)/faits", as: "a")
            #expect(step.status == .seeOther && step.headers[.location] == claim)
        }
    }

    @Test func anIncompleteDraftIsNotSubmittedAndTheReviewSaysWhatIsMissing() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            let response = try await post(client, "\(claim)/depot", as: "a", [:])
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Votre demande n’est pas encore complète") && page.contains("Indiquez votre prénom."))
            let listed = try await claims.claims(ownedBy: Self.claimantA.principalId)
            #expect(listed.map(\.status) == ["A_FINALISER"])
        }
    }

    @Test func saveAndResumeLaterListsTheDraftToComplete() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            let response = try await post(
                client,
                "\(claim)/demandeur",
                as: "a",
                ["claimantKind": "personne", "suite": "plus-tard"]
            )
            #expect(response.headers[.location] == "/mon-espace")
            let mine = String(buffer: try await get(client, "/mon-espace", as: "a").body)
            #expect(mine.contains("À compléter") && mine.contains("href=\"\(claim)\""))
            let resume = try await get(client, claim, as: "a")
            #expect(resume.headers[.location] == "\(claim)/identite", "a draft resumes at its first incomplete step")
        }
    }

    // MARK: - Documents

    @Test func theDocumentsStepGivesAGrantForThisClaimAndTheSituationsTypesOnly() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            try await fillEveryStep(client, claim)
            let page = String(buffer: try await get(client, "\(claim)/pieces", as: "a").body)
            #expect(
                page.contains("Contrat de location") && !page.contains("Titre de propriété"),
                "a tenant's checklist"
            )
            #expect(page.contains("action=\"/documents/televersement\" enctype=\"multipart/form-data\""))
            let token = try #require(page.firstMatch(of: /name="jeton" value="([^"]+)"/)?.1)
            guard case .valid(let grant) = Self.grants.check(String(token), now: Date()) else {
                Issue.record("the page's grant does not check out")
                return
            }
            #expect(grant.action == .upload && grant.principalId == Self.claimantA.principalId)
            #expect("/demandes/\(grant.claimId.uuidString.lowercased())" == claim)
            #expect(grant.returnPath == "\(claim)/pieces" && grant.documentTypes.contains("contrat_location"))
            #expect(!grant.documentTypes.contains("extrait_kbis"))
            let refused = String(buffer: try await get(client, "\(claim)/pieces?depot=virus", as: "a").body)
            #expect(refused.contains("l’analyse antivirus y a détecté un contenu malveillant"))
        }
    }

    @Test func aDraftWithoutItsRequiredDocumentsIsNotSubmitted() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            try await fillEveryStep(client, claim)
            let id = try #require(UUID(uuidString: String(claim.split(separator: "/").last!)))
            claims.attach(Self.document(.invoice, by: Self.claimantA.principalId, status: "infected"), to: id)
            let response = try await post(client, "\(claim)/depot", as: "a", [:])
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Facture acquittée de la remise en état de la porte à l’identique : pièce à fournir"))
            let resume = try await get(client, claim, as: "a")
            #expect(resume.headers[.location] == "\(claim)/pieces", "the draft resumes at its documents")
        }
    }

    @Test func onlyTheClaimantsOwnUploadsCanBeWithdrawnAndOnlyBeforeSubmission() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            try await fillEveryStep(client, claim)
            try attachRequiredDocuments(claims, claim)
            let id = try #require(UUID(uuidString: String(claim.split(separator: "/").last!)))
            let extra = Self.document(.damagePhoto, by: Self.claimantA.principalId)
            let agents = Self.document(.invoice, by: UUID())
            claims.attach(extra, to: id)
            claims.attach(agents, to: id)
            let path = { (document: ClaimDocument) in "\(claim)/retrait/\(document.id.uuidString.lowercased())" }

            #expect(try await post(client, path(extra), as: "b", [:]).status == .notFound, "another claimant")
            #expect(try await post(client, path(agents), as: "a", [:]).status == .notFound, "not the claimant's upload")
            let withdrawn = try await post(client, path(extra), as: "a", [:])
            #expect(withdrawn.status == .seeOther && withdrawn.headers[.location] == "\(claim)/pieces")
            #expect(try await post(client, path(extra), as: "a", [:]).status == .notFound, "withdrawn once")
            let listed = try await claims.documents(of: id, owner: Self.claimantA.principalId)
            #expect(listed.filter(\.isWithdrawn).map(\.id) == [extra.id])

            #expect(try await post(client, "\(claim)/depot", as: "a", [:]).status == .seeOther)
            let first = try #require(listed.first)
            #expect(try await post(client, path(first), as: "a", [:]).status == .conflict, "submitted: kept")
        }
    }

    @Test func theOwnerDownloadsTheReceiptAndCleanUploadsThroughAOneMinuteGrantAndNobodyElseCan() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            try await fillEveryStep(client, claim)
            try attachRequiredDocuments(claims, claim)
            let id = try #require(UUID(uuidString: String(claim.split(separator: "/").last!)))
            let pending = Self.document(.damagePhoto, by: Self.claimantA.principalId, status: "scan_pending")
            claims.attach(pending, to: id)
            #expect(try await post(client, "\(claim)/depot", as: "a", [:]).status == .seeOther)
            let receipt = ClaimDocument(
                id: UUID(),
                type: "recepisse",
                fileName: "Récépissé BRI-20261123-0001.pdf",
                size: 14_000,
                scanStatus: "clean",
                uploadedBy: nil,
                isWithdrawn: false
            )
            claims.attach(receipt, to: id)
            let page = String(buffer: try await get(client, claim, as: "a").body)
            let path = ClaimController.downloadPath(claim: id, document: receipt.id)
            #expect(page.contains("href=\"\(path)\"") && page.contains("Récépissé BRI-20261123-0001.pdf"))
            #expect(page.contains("analyse antivirus en cours"), "a file not scanned yet has no link")

            let now = Date()
            let redirect = try await get(client, path, as: "a")
            #expect(redirect.status == .seeOther)
            let location = try #require(redirect.headers[.location])
            let token = try #require(location.firstMatch(of: /^\/documents\/fichiers\/[0-9a-f-]{36}\?jeton=(.+)$/)?.1)
            guard case .valid(let grant) = Self.grants.check(String(token), now: now) else {
                Issue.record("the link's grant does not check")
                return
            }
            #expect(grant.action == .download && grant.documentId == receipt.id && grant.claimId == id)
            #expect(grant.principalId == Self.claimantA.principalId && grant.returnPath == claim)
            #expect(grant.expiresAt <= now.addingTimeInterval(61), "a one-minute link")

            #expect(try await get(client, path, as: "b").status == .notFound, "another claimant")
            let notScanned = ClaimController.downloadPath(claim: id, document: pending.id)
            #expect(try await get(client, notScanned, as: "a").status == .notFound, "scan pending")
            let elsewhere = ClaimController.downloadPath(claim: UUID(), document: receipt.id)
            #expect(try await get(client, elsewhere, as: "a").status == .notFound, "another claim's path")
        }
    }

    // MARK: - Another claimant's claim

    @Test func anotherClaimantCanNeitherReadNorChangeNorSubmitTheDraft() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            try await fillEveryStep(client, claim)
            for uri in [claim, "\(claim)/identite", "\(claim)/recapitulatif"] {
                let response = try await get(client, uri, as: "b")
                #expect(response.status == .notFound, "GET \(uri)")
            }
            let change = try await post(
                client,
                "\(claim)/coordonnees-bancaires",
                as: "b",
                ["iban": "FR7630006000011234567890189"]
            )
            #expect(change.status == .notFound)
            let submit = try await post(client, "\(claim)/depot", as: "b", [:])
            #expect(submit.status == .notFound)
            let theirs = String(buffer: try await get(client, "/mon-espace", as: "b").body)
            #expect(!theirs.contains(claim))
        }
        let owned = try await claims.claims(ownedBy: Self.claimantA.principalId)
        #expect(owned.map(\.status) == ["A_FINALISER"])
    }

    @Test func unknownStepsAndMalformedIdsAreNotFound() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let claim = try await startDraft(client)
            #expect(try await get(client, "\(claim)/inconnue", as: "a").status == .notFound)
            #expect(try await get(client, "/demandes/pas-un-uuid/identite", as: "a").status == .notFound)
        }
    }

    // MARK: - JSON API

    @Test func theJSONAPIAnswers201OnceAndHonoursTheIdempotencyKey() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: valid))
            let headers: HTTPFields = [
                .contentType: "application/json", .authorization: "Bearer \(ClaimFixtures.apiToken)",
                HTTPField.Name("Idempotency-Key")!: "key-1",
            ]
            let first = try await client.execute(uri: "/api/demandes", method: .post, headers: headers, body: body)
            let second = try await client.execute(uri: "/api/demandes", method: .post, headers: headers, body: body)
            #expect(first.status == .created)
            let firstClaim = try JSONSerialization.jsonObject(with: Data(buffer: first.body)) as? [String: String]
            let secondClaim = try JSONSerialization.jsonObject(with: Data(buffer: second.body)) as? [String: String]
            #expect(firstClaim != nil && firstClaim == secondClaim)
        }
        #expect(claims.count == 1)
    }

    @Test func theJSONAPIRefusesCallersWithoutItsTokenAndStoresNothing() async throws {
        let (app, claims) = try makeApp()
        try await app.test(.router) { client in
            let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: valid))
            for authorization in [nil, "Bearer nimporte-quoi", "Basic \(ClaimFixtures.apiToken)", "Bearer "] {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let authorization { headers[.authorization] = authorization }
                let response = try await client.execute(
                    uri: "/api/demandes",
                    method: .post,
                    headers: headers,
                    body: body
                )
                #expect(response.status == .unauthorized, "\(authorization ?? "no header")")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
        }
        #expect(claims.count == 0)
    }

    @Test func theJSONAPIListsEveryBadField() async throws {
        let (app, _) = try makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/demandes",
                method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(ClaimFixtures.apiToken)"],
                body: ByteBuffer(string: #"{"firstName":"Élodie","claimantKind":"personne"}"#)
            )
            #expect(response.status == .unprocessableContent)
            let errors =
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
            let fields = Set(errors?["errors"]?.keys ?? [:].keys)
            #expect(fields.isSuperset(of: ["lastName", "email", "iban", "claimedAmount", "description"]))
            #expect(!fields.contains("firstName") && !fields.contains("claimantKind"))
        }
    }
}
