/// Whom a message was written to, so that each service shows only its own people's messages (a claim's history
/// tells the claimant about the e-mails sent to them, not those sent to the agents about their claim).
package enum NotificationAudience: String, Codable, Sendable {
    /// The claimant, or the occupant a declaration invites to claim.
    case claimant
    /// A Ministry of Justice agent.
    case agent
    /// A police or gendarmerie investigator.
    case investigator
}
