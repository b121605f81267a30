import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// Data protection requests across the five executables: the referent opens an access request about a claimant and
/// gets every service's answer in one file (the claim, the bank details, the messages sent); then, the claim closed,
/// an erasure request purges it everywhere at once and the account goes. Both are audited.
extension FiveProcessesTests {
    @Test func theReferentAnswersAccessThenErasureRequestsAcrossTheServices() async throws {
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let (processes, environment) = try await Self.startAll(test, logs: logs)
        let byName = Dictionary(uniqueKeysWithValues: processes.map { ($0.name, $0) })
        let (intake, instruction) = (
            try #require(byName["intake"]).baseURL, try #require(byName["instruction"]).baseURL
        )
        let accounts = try Self.seedAgents(environment)
        let line = try #require(accounts.first { $0[1] == "protection-donnees@agents.mij.test" })
        let referent = try await AgentBrowser.signIn(instruction, (line[1], line[2]))
        let email = "rgpd-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let reference = try await SystemHTTP.submitForm(intake: intake, email: email)
        let acknowledged = await eventually {
            try await test.database.count(
                "SELECT count(*) FROM notification.delivery WHERE template = 'claim-acknowledgement'"
            ) == 1
        }
        #expect(acknowledged)

        let (_, token) = try await SystemHTTP.csrf(from: "\(instruction)/agents/donnees-personnelles", cookie: referent)
        let session = referent
        let refused = try await SystemHTTP.post(
            "\(instruction)/agents/donnees-personnelles",
            cookie: session,
            ["csrfToken": token, "email": "pas-une-adresse", "courrier": ""],
            expecting: .unprocessableEntity
        )
        let refusal = String(buffer: try await refused.body.collect(upTo: 1 << 20))
        #expect(refusal.contains("Choisissez la nature de la demande") && refusal.contains("nom@domaine.fr"))
        #expect(try await test.database.count("SELECT count(*) FROM instruction.subject_request") == 0)

        // Access: every service answers; one file holds it all.
        let request = try await Self.open("access", about: email, instruction, session, token)
        let complete = await eventually {
            try await SystemHTTP.get("\(instruction)\(request)", cookie: referent).contains("État : Complète")
        }
        #expect(complete, "not every service answered the access request")
        let answers = try await SystemHTTP.get("\(instruction)\(request)/reponses.json", cookie: referent)
        for expected in [
            reference, "Élodie", "FR7630006000011234567890189", "claim-acknowledgement", "\"intake\"",
            "\"liaison\"", "\"notification\"", "\"instruction\"",
        ] {
            #expect(answers.contains(expected), "the answers lack \(expected)")
        }
        let audited =
            "SELECT count(*) FROM instruction.audit_entry WHERE action IN ('subject-access', 'subject-download')"
        #expect(try await test.database.count(audited) == 2)

        // Erasure, once the claim is closed: purged everywhere now, the account with it.
        let (claimPath, redacteur) = try await AgentBrowser.assignAndStart(reference, instruction, accounts: accounts)
        try await AgentBrowser.act(
            instruction,
            claimPath,
            "cloture",
            as: redacteur,
            ["motif": "desistement", "explication": "Vous avez retiré votre demande."]
        )
        let claim = try #require(claimPath.split(separator: "/").last.map(String.init))
        #expect(
            await eventually {
                try await test.database.count(
                    "SELECT count(*) FROM intake.claim WHERE id = '\(claim)' AND status = 'CLOTURE'"
                ) == 1
            }
        )
        let erasure = try await Self.open("erasure", about: email, instruction, session, token)
        let erased = await eventually {
            try await test.database.count("SELECT count(*) FROM intake.claimant_account WHERE email = '\(email)'") == 0
        }
        #expect(erased, "the account was not erased")
        #expect(try await test.database.count("SELECT count(*) FROM intake.claim WHERE id = '\(claim)'") == 0)
        #expect(
            await eventually {
                try await test.database.count("SELECT count(*) FROM documents.document WHERE claim_id = '\(claim)'")
                    == 0
            }
        )
        #expect(
            await eventually {
                try await test.database.count("SELECT count(*) FROM notification.delivery WHERE claim_id = '\(claim)'")
                    == 0
            }
        )
        let anonymous = "SELECT count(*) FROM instruction.claim WHERE id = '\(claim)' AND claimant_email IS NULL"
        #expect(try await test.database.count(anonymous) == 1)
        #expect(
            await eventually {
                try await SystemHTTP.get("\(instruction)\(erasure)", cookie: referent).contains("État : Complète")
            }
        )
        for process in processes { await process.stop() }
        try await test.database.drop()
    }

    /// Opens a request from the referent's form; the request's page path.
    private static func open(
        _ kind: String,
        about email: String,
        _ instruction: String,
        _ session: String,
        _ token: String
    ) async throws -> String {
        let opened = try await SystemHTTP.post(
            "\(instruction)/agents/donnees-personnelles",
            cookie: session,
            ["csrfToken": token, "nature": kind, "email": email, "courrier": "Courrier du 1er décembre 2026"],
            expecting: .seeOther
        )
        return try #require(opened.headers["location"].first)
    }
}
