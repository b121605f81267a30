import AMQP
import Foundation
import Messaging
import ServiceKit
import TestSupport

/// The counts of reliability.md §3 over one run, taken once the system is quiet or T_drain has passed.
struct FaultCount {
    var acknowledged = 0
    var refused = 0
    var uncertain = 0
    /// Uncertain submissions that turned out committed, and complete everywhere.
    var recovered = 0
    /// Keys acknowledged and not exactly once in intake, instruction, documents, the delivery log and a mailbox.
    var lost: [String] = []
    /// Keys with more than one row, or more than one message, anywhere.
    var duplicated: [String] = []
    /// Claims in intake no submission accounts for (or a refused submission committed after all).
    var unexpected = 0
    /// Uncertain submissions committed in intake but missing downstream.
    var partial: [String] = []
    /// Claimants who got more than one distinct acknowledgement.
    var mailDuplicated: [String] = []
    /// Messages in the five parking queues.
    var parked = 0
    /// Every outbox published and every claim of intake found downstream.
    var isQuiet = false

    /// Waits until the system is quiet (at most `timeout`), then counts.
    static func drained(_ attempts: [Submitter.Attempt], test: TestServices, timeout: Duration) async throws
        -> FaultCount
    {
        let deadline = ContinuousClock.now + timeout
        var count = try await measure(attempts, test: test)
        while !count.isQuiet, ContinuousClock.now < deadline {
            try await Task.sleep(for: .seconds(1))
            count = try await measure(attempts, test: test)
        }
        // Late duplicates would show a moment later.
        try await Task.sleep(for: .seconds(2))
        return try await measure(attempts, test: test)
    }

    private static func measure(_ attempts: [Submitter.Attempt], test: TestServices) async throws -> FaultCount {
        var count = FaultCount()
        let rows = try await test.database.strings(
            """
            SELECT concat_ws('|', c.idempotency_key,
                (SELECT count(*) FROM intake.claim x WHERE x.idempotency_key = c.idempotency_key),
                (SELECT count(*) FROM instruction.claim i WHERE i.reference = c.reference),
                (SELECT count(*) FROM documents.claim_folder f WHERE f.reference = c.reference),
                (SELECT count(*) FROM notification.delivery d
                 WHERE d.claim_id = c.id AND d.template = 'claim-acknowledgement' AND d.status = 'sent'))
            FROM intake.claim c
            """
        )
        var stores: [String: [Int]] = [:]
        for row in rows {
            let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else {
                count.unexpected += 1
                continue
            }
            stores[fields[0]] = fields.dropFirst().compactMap { Int($0) }
        }
        let mail = Self.acknowledgementIds()
        var submitted = Set<String>()
        for attempt in attempts {
            submitted.insert(attempt.key)
            let found = stores[attempt.key]
            let messages = mail[attempt.email]?.count ?? 0
            let everywhere = found.map { $0.allSatisfy { $0 >= 1 } } == true && messages >= 1
            if found.map({ $0.contains { $0 > 1 } }) == true || messages > 1 { count.duplicated.append(attempt.key) }
            if messages > 1 { count.mailDuplicated.append(attempt.email) }
            switch attempt.outcome {
            case .acknowledged:
                count.acknowledged += 1
                if !everywhere { count.lost.append("\(attempt.key) \(found ?? []) mail \(messages)") }
            case .refused:
                count.refused += 1
                if found != nil { count.unexpected += 1 }
            case .uncertain:
                count.uncertain += 1
                if found != nil { everywhere ? (count.recovered += 1) : count.partial.append(attempt.key) }
            }
        }
        count.unexpected += Set(stores.keys).subtracting(submitted).count
        for service in FiveProcessesTests.all {
            count.parked += try await test.admin.messageCount(
                queue: test.common(service).topology.deadLetterQueue(for: service)
            )
        }
        let pending = try await test.database.count(
            "SELECT "
                + FiveProcessesTests.all.map { "(SELECT count(*) FROM \($0).outbox WHERE published_at IS NULL)" }
                .joined(separator: " + ")
        )
        let incomplete = stores.values.contains { $0.contains(0) }
        count.isQuiet = pending == 0 && !incomplete && count.lost.isEmpty && count.partial.isEmpty
        return count
    }

    /// The distinct Message-IDs each address received, read from the sink's Maildir once.
    private static func acknowledgementIds() -> [String: Set<String>] {
        guard let directory = TestEnvironment.maildir?.appendingPathComponent("new"),
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [:] }
        var ids: [String: Set<String>] = [:]
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                let to = text.firstMatch(of: /\nTo: (panne-[^\s]+)/)?.1,
                let id = text.firstMatch(of: /Message-ID: <([^>]+)>/)?.1
            else { continue }
            ids[String(to), default: []].insert(String(id))
        }
        return ids
    }
}
