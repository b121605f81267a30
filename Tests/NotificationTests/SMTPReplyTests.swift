import Testing

@testable import Notification

/// How a relay's refusal becomes the reason logged, stored and published.
struct SMTPReplyTests {
    @Test func aRefusedRecipientsAddressIsBlankedOutOfTheReason() {
        let reply = SMTPConversation.Reply(
            code: 550,
            lines: [
                "5.1.1 <jean.dupont@exemple.fr>: Recipient address rejected: user unknown in jean.dupont@exemple.fr"
            ]
        )
        let failure = SMTPConversation.failure(reply, phase: "RCPT TO", permanentOn5xx: true)
        guard case .permanent(let reason) = failure else {
            Issue.record("a 550 to a recipient is permanent, got \(failure)")
            return
        }
        #expect(!reason.contains("jean.dupont"), "the address is in the reason: \(reason)")
        #expect(reason == "RCPT TO: 550 5.1.1 <(adresse)>: Recipient address rejected: user unknown in (adresse)")
    }

    @Test func authenticationRefusalsAreTheRelaysSetupNotTheMessage() {
        let reply = SMTPConversation.Reply(code: 535, lines: ["5.7.8 Authentication credentials invalid"])
        guard case .transient = SMTPConversation.failure(reply, phase: "AUTH PLAIN", permanentOn5xx: true) else {
            Issue.record("a 535 must be retried, not given up")
            return
        }
    }
}
