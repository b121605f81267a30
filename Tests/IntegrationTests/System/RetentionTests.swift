import Foundation
import TestSupport
import Testing

/// Retention across the five executables (domain.md §8.2), the clock moved forward through the `purge` commands'
/// `--as-of`: a claim closed today is kept a year, then instruction ends its retention and every service deletes
/// its part (documents with their files) while instruction keeps its anonymous figures; the claimant's account goes
/// two years after its last activity. Each purge is in each service's retention log.
extension FiveProcessesTests {
    @Test func aClosedClaimIsPurgedEverywhereAfterAYearAndItsAccountAfterTwo() async throws {
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let (processes, environment) = try await Self.startAll(test, logs: logs)
        let byName = Dictionary(uniqueKeysWithValues: processes.map { ($0.name, $0) })
        let (intake, instruction) = (
            try #require(byName["intake"]).baseURL, try #require(byName["instruction"]).baseURL
        )
        let accounts = try Self.seedAgents(environment)
        let email = "retention-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let reference = try await SystemHTTP.submitForm(intake: intake, email: email)
        let (claimPath, redacteur) = try await AgentBrowser.assignAndStart(reference, instruction, accounts: accounts)
        let claim = try #require(claimPath.split(separator: "/").last.map(String.init))
        try await AgentBrowser.act(
            instruction,
            claimPath,
            "cloture",
            as: redacteur,
            ["motif": "desistement", "explication": "Vous avez retiré votre demande par courriel."]
        )
        let closedInIntake = await eventually {
            try await test.database.count(
                "SELECT count(*) FROM intake.claim WHERE reference = '\(reference)' AND status = 'CLOTURE'"
            ) == 1
        }
        #expect(closedInIntake, "the closure did not reach intake")
        let blobs = logs.appendingPathComponent("blobs").appendingPathComponent(claim)
        #expect(FileManager.default.fileExists(atPath: blobs.path), "no files stored for the claim")
        #expect(
            try await test.database.count("SELECT count(*) FROM notification.claim_contact WHERE claim_id = '\(claim)'")
                == 1
        )

        func purge(_ service: String, _ days: Int, dryRun: Bool = false) throws -> String {
            try ServiceProcess.run(
                service,
                ["purge"] + (dryRun ? ["--dry-run"] : []) + ["--as-of", ParisDay.offset(days)],
                environment: environment
            )
        }
        // Nothing goes early.
        #expect(try purge("instruction", 364).contains("0 claim(s) purged"))
        let dryRun = try purge("instruction", 366, dryRun: true)
        #expect(dryRun.contains("\(reference)") && dryRun.contains("would be purged"), "dry run: \(dryRun)")
        let untouched = "SELECT count(*) FROM instruction.claim WHERE id = '\(claim)' AND snapshot IS NOT NULL"
        #expect(try await test.database.count(untouched) == 1, "the dry run changed the claim")

        // On time, everywhere.
        let purged = try purge("instruction", 366)
        #expect(purged.contains("\(reference)") && purged.contains("1 claim(s) purged"), "purge: \(purged)")
        let anonymous = """
            SELECT count(*) FROM instruction.claim WHERE id = '\(claim)' AND snapshot IS NULL
              AND claimant_first_name = '' AND claimant_email IS NULL AND commune = '' AND purged_at IS NOT NULL
              AND status = 'CLOTURE' AND department <> ''
            """
        #expect(try await test.database.count(anonymous) == 1, "instruction keeps an anonymous row for statistics")
        for service in ["intake", "documents", "liaison", "notification"] {
            let logged = await eventually {
                try await test.database.count(
                    "SELECT count(*) FROM \(service).retention_log WHERE subject = 'claim' AND subject_id = '\(claim)'"
                ) == 1
            }
            #expect(logged, "\(service) did not record the purge")
        }
        #expect(try await test.database.count("SELECT count(*) FROM intake.claim WHERE id = '\(claim)'") == 0)
        #expect(
            try await test.database.count("SELECT count(*) FROM documents.document WHERE claim_id = '\(claim)'") == 0
        )
        #expect(!FileManager.default.fileExists(atPath: blobs.path), "the claim's files are still stored")
        #expect(
            try await test.database.count("SELECT count(*) FROM notification.claim_contact WHERE claim_id = '\(claim)'")
                == 0
        )
        #expect(
            try await test.database.count("SELECT count(*) FROM notification.delivery WHERE claim_id = '\(claim)'") == 0
        )
        let logged =
            "SELECT count(*) FROM instruction.retention_log WHERE subject = 'claim' AND subject_id = '\(claim)'"
        #expect(try await test.database.count(logged) == 1)
        #expect(
            try await test.database.count("SELECT count(*) FROM instruction.audit_entry WHERE claim_id = '\(claim)'")
                > 0
        )
        // The agents' list no longer shows it; its page is gone.
        let list = try await SystemHTTP.get("\(instruction)/agents/dossiers?q=\(reference)", cookie: redacteur)
        #expect(!list.contains("/agents/dossiers/\(claim)"), "the purged claim is still listed")

        // The account: kept two years after its last activity, then deleted.
        let account = "SELECT count(*) FROM intake.claimant_account WHERE email = '\(email)'"
        #expect(try purge("intake", 729).contains("0 account(s) purged"))
        #expect(try await test.database.count(account) == 1)
        #expect(try purge("intake", 731).contains("1 account(s) purged"))
        #expect(try await test.database.count(account) == 0)
        #expect(
            try await test.database.count("SELECT count(*) FROM intake.retention_log WHERE subject = 'account'") == 1
        )

        // A declaration no claim took up: kept a year after its code expired (90 days), then deleted everywhere.
        let unit = try ServiceProcess.run("liaison", ["seed-demo"], environment: environment)
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let liaison = try #require(byName["liaison"]).baseURL
        let investigator = try await UnitBrowser.signIn(liaison, email: unit[1], password: unit[2])
        let (declarationPath, _) = try await UnitBrowser.declare(
            liaison,
            as: investigator,
            occupantEmail: "x@example.org"
        )
        let declaration = try #require(declarationPath.split(separator: "/").last.map(String.init))
        let copies = """
            SELECT (SELECT count(*) FROM intake.declaration WHERE id = '\(declaration)')
                 + (SELECT count(*) FROM instruction.declaration WHERE id = '\(declaration)')
                 + (SELECT count(*) FROM documents.document WHERE claim_id = '\(declaration)')
            """
        // Settled first: a purge skips a row being written (liaison records the notice in the declaration's row).
        let settled = "SELECT count(*) FROM liaison.declaration WHERE notice_document_id IS NOT NULL"
        #expect(
            await eventually {
                let (copied, recorded) = (try await test.database.count(copies), try await test.database.count(settled))
                return copied == 4 && recorded == 1
            },
            "the declaration copied, its report and notice stored, the notice recorded"
        )
        #expect(try purge("liaison", 454).contains("0 declaration(s) purged"))
        #expect(try purge("liaison", 456).contains("1 declaration(s) purged"))
        #expect(await eventually { try await test.database.count(copies) == 0 }, "a copy of the declaration is left")
        #expect(
            try await test.database.count("SELECT count(*) FROM liaison.declaration WHERE id = '\(declaration)'") == 0
        )

        // Staff accounts two years after their last sign-in: anonymised, the audit still pointing at them.
        #expect(try purge("instruction", 729).contains("0 agent account(s) anonymised"))
        #expect(try purge("liaison", 729).contains("0 investigator account(s) anonymised"))
        #expect(try purge("instruction", 731).contains("agent account(s) anonymised"))
        let anonymised = "SELECT count(*) FROM instruction.agent WHERE email LIKE '%@compte-supprime.invalid'"
        #expect(try await test.database.count(anonymised) == accounts.count)
        let left = "SELECT count(*) FROM instruction.agent WHERE active OR display_name <> 'Compte supprimé'"
        #expect(try await test.database.count(left) == 0)
        #expect(try purge("liaison", 731).contains("anonymised"))
        let investigators = "SELECT count(*) FROM liaison.investigator WHERE email NOT LIKE '%@compte-supprime.invalid'"
        #expect(try await test.database.count(investigators) == 0)
        let anonymisations = "SELECT count(*) FROM liaison.retention_log WHERE subject = 'investigator'"
        #expect(try await test.database.count(anonymisations) > 0)

        for process in processes {
            await process.stop()
            for personal in [email, "Élodie", "Martin", "rue des Lilas", "FR76", "BNPAFRPP"] {
                #expect(!process.output.contains(personal), "\(process.name) logged \(personal)")
            }
        }
        try await test.database.drop()
    }
}
