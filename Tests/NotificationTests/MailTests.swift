import Contracts
import Foundation
import TestSupport
import Testing

@testable import Notification

struct MailTests {
    private let message = MailMessage(
        from: "MIJ <ne-pas-repondre@example.gouv.fr>",
        to: "elodie@example.fr",
        subject: "Accusé de réception de votre demande BRI-20261118-0001",
        text: String(repeating: "Référence ", count: 30),
        html: "<p>Référence</p>",
        messageId: "abc@example.gouv.fr"
    )

    @Test func headersAreRFC5322WithAnEncodedFrenchSubject() {
        let rendered = message.rendered(date: Date(timeIntervalSince1970: 1_795_000_000), boundary: "b")
        #expect(rendered.contains("Subject: =?UTF-8?B?"))
        #expect(rendered.contains("Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"))
        #expect(rendered.contains("Message-ID: <abc@example.gouv.fr>\r\n"))
        #expect(rendered.contains("Content-Type: multipart/alternative; boundary=\"b\""))
        #expect(rendered.hasSuffix("--b--\r\n"))
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        #expect(MailMessage.encodedWord("Plain ASCII") == "Plain ASCII")
    }

    @Test func theSharedDateFormatterGivesTheSameDatesFromManyDeliveriesAtOnce() async {
        let dates = (0..<400).map { Date(timeIntervalSince1970: 1_795_000_000 + Double($0) * 90_061) }
        let alone = dates.map(MailMessage.rfc5322Date)
        let together = await withTaskGroup(of: (Int, String).self) { group in
            for (index, date) in dates.enumerated() { group.addTask { (index, MailMessage.rfc5322Date(date)) } }
            return await group.reduce(into: [String](repeating: "", count: dates.count)) { $0[$1.0] = $1.1 }
        }
        #expect(together == alone)
        #expect(alone[1] == "Thu, 19 Nov 2026 12:07:41 +0000")
    }

    @Test func aLongFrenchSubjectIsFoldedIntoWordsThatDecodeToIt() throws {
        let subject =
            "Décision sur votre demande BRI-20261201-0001 : proposition d’indemnisation à examiner (délai : 30 jours)"
        let words = MailMessage.encodedWord(subject).components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") })
        let decoded = try words.map { word in
            try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == subject, "no character is cut between two words")
    }

    @Test func namesAreEncodedOrQuotedAndAddressesLeftAsTheyAre() {
        #expect(MailMessage.encodedMailbox("elodie@example.org") == "elodie@example.org")
        #expect(MailMessage.encodedMailbox("Mon Indemnisation <a@b.fr>") == "Mon Indemnisation <a@b.fr>")
        #expect(MailMessage.encodedMailbox("Martin, Élodie <e@x.fr>").hasPrefix("=?UTF-8?B?"))
        #expect(MailMessage.encodedMailbox("O'Brien <o@x.fr>") == "\"O'Brien\" <o@x.fr>")
        #expect(MailMessage.fileNameParameter("lettre.pdf") == "filename=\"lettre.pdf\"")
        #expect(MailMessage.address("Élodie <e@x.fr>") == "e@x.fr")
    }

    @Test func bodiesAreBase64InLinesOf76() throws {
        let rendered = message.rendered(boundary: "b")
        let lines = rendered.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex(of: "Content-Transfer-Encoding: base64")) + 2
        let bodyLines = lines[start...].prefix { !$0.hasPrefix("--") }
        #expect(bodyLines.dropLast().allSatisfy { $0.count == 76 })
        let decoded = Data(base64Encoded: bodyLines.joined()).map { String(decoding: $0, as: UTF8.self) }
        #expect(decoded == message.text)
    }

    @Test func theAcknowledgementTemplatesUseEveryValueAndLeaveNoPlaceholder() async throws {
        let templates = try await NotificationService.templates()
        let model = AcknowledgementModel(
            firstName: "Élodie",
            lastName: "O'Brien <b>",
            reference: "BRI-20261118-0001",
            doorBreakDate: "1 novembre 2026",
            submittedOn: "18 novembre 2026",
            trackingURL: "https://example.gouv.fr/"
        )
        let (text, html) = try templates.render("claim-acknowledgement", model)
        for value in ["Élodie", "BRI-20261118-0001", "1 novembre 2026", "18 novembre 2026", "https://example.gouv.fr/"]
        {
            #expect(text.contains(value) && html.contains(value), "\(value) missing")
        }
        #expect(html.contains("O&#39;Brien &lt;b&gt;"))
        #expect(text.contains("O'Brien <b>"), "the plain-text part is not HTML-escaped")
        #expect(!text.contains("{{") && !html.contains("{{"))
    }

    @Test func theAccountTemplatesCarryTheLinkAndItsExpiry() async throws {
        let templates = try await NotificationService.templates()
        let model = AccountLinkModel(
            link: "https://example.gouv.fr/compte/activation/abc_-123",
            expiresAt: "19 novembre 2026 à 12:06"
        )
        for name in ["account-verification", "password-reset"] {
            let (text, html) = try templates.render(name, model)
            #expect(text.contains(model.link) && html.contains("href=\"\(model.link)\""), "\(name) lacks the link")
            #expect(text.contains(model.expiresAt) && html.contains(model.expiresAt), "\(name) lacks the expiry")
            #expect(!text.hasPrefix("\n") && !text.contains("{{"), "\(name) text part is malformed")
        }
    }

    @Test func theDeclarationMailsCarryTheCodesButNeverTheInvestigatingService() async throws {
        let templates = try await NotificationService.templates()
        var event = DeclarationFixtures.submitted(email: "l@example.org")
        event.procedure.court = nil
        let invitation = DeclarationInvitationModel(
            occupant: try #require(event.occupant),
            force: event.force,
            operationDate: event.operationDate,
            address: event.address,
            code: event.code,
            codeExpiresAt: event.codeExpiresAt,
            publicBaseURL: "https://mij.example.gouv.fr"
        )
        let (text, html) = try templates.render("declaration-invitation", invitation)
        for value in [
            "Madame Bernard", "KX7P-M2QR", "17 novembre 2026", "12 rue Garibaldi, 69006 Lyon",
            "la gendarmerie nationale", "https://mij.example.gouv.fr/rattachement?code=KX7PM2QR",
        ] {
            #expect(text.contains(value) && html.contains(value), "\(value) missing")
        }
        for secret in ["Brigade de recherches", "2026-000123", "+33478000000", "Parquet"] {
            #expect(!text.contains(secret) && !html.contains(secret), "\(secret) is confidential")
        }
        let confirmation = AttachConfirmationModel(code: "482915", expiresAt: "18 novembre 2026 à 12:21")
        let (otpText, otpHTML) = try templates.render("attach-confirmation", confirmation)
        #expect(otpText.contains("482915") && otpHTML.contains("482915") && otpText.contains("12:21"))
    }

    @Test func theQueryReminderSaysWhetherTheDateIsPast() async throws {
        let templates = try await NotificationService.templates()
        var model = QueryReminderMailHandler.Model(
            name: "Julie Morel",
            reference: "BRI-20261122-0042",
            dueOn: "20 novembre 2026",
            overdue: false,
            link: "https://mij.example.gouv.fr/fdo/declarations/7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
        )
        let (soon, soonHTML) = try templates.render("query-reminder", model)
        #expect(soon.contains("avant le 20 novembre 2026.") && !soon.contains("dépassé"))
        #expect(soonHTML.contains("href=\"\(model.link)\"") && soon.contains("Julie Morel"))
        model.overdue = true
        #expect(try templates.render("query-reminder", model).text.contains("le délai est dépassé"))
    }

    @Test func theInstructionStepTemplatesCarryTheirDetails() async throws {
        let templates = try await NotificationService.templates()
        let claimant = ClaimantStepModel(
            firstName: "Élodie",
            lastName: "Martin",
            reference: "BRI-20261118-0001",
            claimURL: "https://example.gouv.fr/demandes/1",
            message: "La facture est illisible.",
            dueOn: "15 décembre 2026",
            documents: ["Facture acquittée"],
            hasDocuments: true
        )
        let expected = [
            "instruction-started": ["Élodie", "BRI-20261118-0001", claimant.claimURL],
            "information-requested": [
                "BRI-20261118-0001", "La facture est illisible.", "15 décembre 2026", "Facture acquittée",
            ],
            "claim-closed": ["BRI-20261118-0001", "La facture est illisible."],
            "offer-sent": ["BRI-20261118-0001", "15 décembre 2026", claimant.claimURL],
            "claim-rejected": ["BRI-20261118-0001", claimant.claimURL],
            "payment-transmitted": ["BRI-20261118-0001", claimant.claimURL],
            "claim-paid": ["BRI-20261118-0001", "15 décembre 2026"],
        ]
        for (name, values) in expected {
            let (text, html) = try templates.render(name, claimant)
            for value in values { #expect(text.contains(value) && html.contains(value), "\(name) lacks \(value)") }
            #expect(!text.hasPrefix("\n") && !text.contains("{{") && !html.contains("{{"), "\(name) is malformed")
        }
        let agent = AgentStepModel(
            agentName: "Rémi",
            reference: "BRI-20261118-0001",
            claimURL: "https://example.gouv.fr/agents/dossiers/1"
        )
        for name in [
            "claim-assigned", "information-answered", "offer-accepted", "offer-refused", "payment-order-signed",
            "claim-to-assign", "offer-to-sign", "rejection-to-sign", "payment-order-to-sign", "investigator-answered",
        ] {
            let (text, html) = try templates.render(name, agent)
            for value in ["Rémi", agent.reference, agent.claimURL] {
                #expect(text.contains(value) && html.contains(value), "\(name) lacks \(value)")
            }
        }
    }

    /// Every template of the folder is rendered by a test of this suite, where a missing name fails the rendering.
    @Test func everyTemplateIsRenderedHereWithEveryNameItAsks() async throws {
        let templates = try await NotificationService.templates()
        let rendered: Set<String> = [
            "claim-acknowledgement", "account-verification", "password-reset", "declaration-invitation",
            "attach-confirmation", "query-reminder", "instruction-started", "information-requested", "claim-closed",
            "offer-sent", "claim-rejected", "payment-transmitted", "claim-paid", "claim-assigned",
            "information-answered", "offer-accepted", "offer-refused", "payment-order-signed", "claim-to-assign",
            "offer-to-sign", "rejection-to-sign", "payment-order-to-sign", "investigator-answered", "agent-digest",
            "draft-reminder", "information-reminder", "offer-reminder",
        ]
        #expect(templates.names == rendered, "a template without a rendering test")
        struct Incomplete { var reference = "BRI-1" }
        #expect(
            throws: MailTemplateError.missingKeys(
                template: "claim-paid.txt",
                keys: ["firstName", "lastName", "dueOn", "claimURL"]
            )
        ) {
            try templates.render("claim-paid", Incomplete())
        }
    }

    @Test func theClaimantsRemindersCarryTheirDateAndLink() async throws {
        let templates = try await NotificationService.templates()
        var model = ClaimantReminderMailHandler.Model(
            firstName: "Élodie",
            hasFirstName: true,
            reference: "BRI-20261118-0001",
            dueOn: "15 décembre 2026",
            link: "https://example.gouv.fr/demandes/1"
        )
        for name in ["information-reminder", "offer-reminder"] {
            let (text, html) = try templates.render(name, model)
            for value in ["Bonjour Élodie,", model.reference, model.dueOn, model.link] {
                #expect(text.contains(value) && html.contains(value), "\(name) lacks \(value)")
            }
        }
        model.hasFirstName = false
        let (draft, draftHTML) = try templates.render("draft-reminder", model)
        #expect(
            draft.contains("Bonjour,") && draft.contains(model.link) && draftHTML.contains("href=\"\(model.link)\"")
        )
    }

    @Test func theDigestListsEachLineAndWhatIsOverdue() async throws {
        let templates = try await NotificationService.templates()
        let model = AgentDigestMailHandler.Model(
            agentName: "Valérie",
            day: "25 novembre 2026",
            lines: [.init(label: "Proposition à signer", count: 3, overdue: "dont 1 en retard")],
            listURL: "https://example.gouv.fr/agents/dossiers"
        )
        let (text, html) = try templates.render("agent-digest", model)
        for value in ["Valérie", "25 novembre 2026", "Proposition à signer", "dont 1 en retard", model.listURL] {
            #expect(text.contains(value) && html.contains(value), "the digest lacks \(value)")
        }
        #expect(!text.contains("{{") && !html.contains("{{"))
    }

}
