import Foundation
import TestSupport
import Testing

/// Notification as a separate process under faults: killed (SIGKILL) in the middle of a burst of claims, at the two
/// instants where a message could be lost or sent twice, then restarted; and a claimant's address refused by their
/// provider, which the claimant's history and the agents' history both tell.
extension FiveProcessesTests {
    @Test func notificationKilledTwiceDuringABurstSendsEachMessageOnce() async throws {
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let intake = try ServiceProcess("intake", environment: test.environment(), logDirectory: logs)
        #expect(await intake.waitUntilReady())
        // Dies right after the fourth message was handed to the relay and logged, before its event commits: the
        // event comes back, and its message must not go out again.
        let first = try ServiceProcess(
            "notification",
            environment: test.environment(["FAULT_POINT": "delivery.after_record:4"]),
            logDirectory: logs
        )
        let burst = 12
        let emails = (1...burst).map { "rafale-\($0)-\(UUID().uuidString.prefix(6).lowercased())@example.org" }
        var references: [String] = []
        for email in emails {
            references.append(try await SystemHTTP.submitJSON(intake: intake.baseURL, email: email))
        }
        #expect(await eventually { !first.isRunning }, "the first fault point never fired")
        #expect(await first.terminatingSignal() == SIGKILL, "notification ended otherwise:\n\(first.output)")
        // Dies after its fifth handled event committed, before acknowledging it: the inbox must absorb the
        // redelivery.
        let second = try ServiceProcess(
            "notification",
            environment: test.environment(["FAULT_POINT": "consumer.after_commit_before_ack:5"]),
            logDirectory: logs
        )
        #expect(await eventually { !second.isRunning }, "the second fault point never fired")
        #expect(await second.terminatingSignal() == SIGKILL, "notification ended otherwise:\n\(second.output)")
        let last = try ServiceProcess("notification", environment: test.environment(), logDirectory: logs)
        #expect(await last.waitUntilReady())

        let delivered = await eventually {
            try await test.database.count("SELECT count(*) FROM notification.delivery WHERE status = 'sent'") == burst
        }
        #expect(delivered, "not every acknowledgement was sent")
        let announced =
            "SELECT count(*) FROM notification.outbox WHERE event_name = 'notification.notification-sent'"
        #expect(await eventually { try await test.database.count(announced) == burst })
        try await Task.sleep(for: .seconds(1))
        // A crash between the relay's acceptance and the log's update (possible for a handler running beside the
        // killed one) sends a message again under the same Message-ID, which a mailbox keeps once: what must never
        // happen is two different messages, or none.
        var copies = 0
        for (email, reference) in zip(emails, references) {
            let raw = Maildir.messages(to: email)
            let messageIds = Set(raw.compactMap { $0.firstMatch(of: /Message-ID: <([^>]+)>/).map { String($0.1) } })
            #expect(messageIds.count == 1, "\(reference): \(messageIds.count) distinct acknowledgements instead of one")
            #expect(Maildir.decodedBodies(to: email).contains { $0.contains(reference) })
            copies += raw.count
        }
        print(
            "notification killed twice in a burst of \(burst): \(copies) copies delivered, \(burst) distinct messages"
        )
        #expect(try await test.database.count(announced) == burst, "an announcement was published twice")
        #expect(try await test.database.count("SELECT count(*) FROM notification.inbox") == burst)
        await last.stop()
        await intake.stop()
        try await test.database.drop()
    }

    @Test func aMessageRefusedByTheClaimantsProviderIsToldToTheClaimantAndTheAgents() async throws {
        let relay = try SMTPRelayStandIn(refusedDomain: "boite-inconnue.test")
        #expect(await relay.waitUntilReady(), "the relay stand-in did not start")
        let test = try await Self.migratedDatabase()
        let logs = try Self.logDirectory()
        let relayed = test.environment([
            "SMTP_HOST": "localhost", "SMTP_PORT": String(relay.port), "SMTP_SECURITY": "starttls",
            "SMTP_USER": SMTPRelayStandIn.user, "SMTP_PASSWORD": SMTPRelayStandIn.password,
            "SMTP_TLS_CA_FILE": relay.certificate,
        ])
        let processes = try ["intake", "instruction", "notification"].map {
            try ServiceProcess($0, environment: relayed, logDirectory: logs)
        }
        for process in processes { #expect(await process.waitUntilReady(), "\(process.name) not ready") }
        let refused = "jean.dupont@boite-inconnue.test"
        let reference = try await SystemHTTP.submitJSON(intake: processes[0].baseURL, email: refused)
        let accepted = "claire.martin@example.org"
        let other = try await SystemHTTP.submitJSON(intake: processes[0].baseURL, email: accepted)

        let failed = await eventually {
            try await test.database.count(
                "SELECT count(*) FROM notification.delivery WHERE status = 'failed' AND attempts = 1"
            ) == 1
        }
        #expect(failed, "the refusal is not in the delivery log")
        #expect(
            try await test.database.count(
                "SELECT count(*) FROM notification.delivery WHERE status = 'failed' AND position('dupont' in error) = 0"
            ) == 1,
            "the refused address is in the recorded reason"
        )
        let toldClaimant = await eventually {
            try await test.database.count(
                """
                SELECT count(*) FROM intake.claim_timeline_entry e JOIN intake.claim c ON c.id = e.claim_id
                WHERE c.reference = '\(reference)' AND e.kind = 'notification-failed:email'
                """
            ) == 1
        }
        #expect(toldClaimant, "the claimant's history does not say the e-mail was refused")
        let toldAgents = await eventually {
            try await test.database.count(
                """
                SELECT count(*) FROM instruction.claim_undelivered_message u JOIN instruction.claim c ON c.id = u.claim_id
                WHERE c.reference = '\(reference)' AND u.template = 'claim-acknowledgement'
                """
            ) == 1
        }
        #expect(toldAgents, "the agents' history does not say the claimant was not reached")
        // The other claimant got their acknowledgement, and its history says so (not the agents' messages).
        #expect(await eventually { relay.acceptedCount == 1 })
        let acknowledged = await eventually {
            try await test.database.count(
                """
                SELECT count(*) FROM intake.claim_timeline_entry e JOIN intake.claim c ON c.id = e.claim_id
                WHERE c.reference = '\(other)' AND e.kind LIKE 'notification%'
                """
            ) == 1
        }
        #expect(acknowledged)
        for process in processes {
            await process.stop()
            #expect(!process.output.contains("dupont"), "\(process.name) logged the refused address")
        }
        await relay.stop()
        try await test.database.drop()
    }
}
