/// How a service's schema answers a person's right of access (GDPR art. 15): each table is either reported — its
/// rows whole, but for the columns named (secrets, digests, what is confidential) — or not reported, for a reason
/// written here (nothing about the person, or withheld by law). Each service's export test holds its schema to its
/// inventory, so that a table or column added later cannot be forgotten by the answer.
package struct PersonalDataInventory: Sendable {
    /// The tables given in the answer, each with the columns left out of it.
    package let reported: [String: Set<String>]
    /// The tables not given, each with the reason.
    package let notReported: [String: String]

    package init(reported: [String: Set<String>], notReported: [String: String]) {
        self.reported = reported
        self.notReported = notReported.merging(Self.platform) { own, _ in own }
    }

    /// A row of `table`, named `alias` in the query, as JSON without the columns left out: an SQL expression made
    /// of this inventory's constant names only, for `\(unescaped:)` in a query.
    package func row(_ table: String, as alias: String) -> String {
        let leftOut = (reported[table] ?? []).sorted().map { "'\($0)'" }.joined(separator: ", ")
        return "(to_jsonb(\(alias)) - ARRAY[\(leftOut)]::text[])"
    }

    /// The tables every service has: the bus's outbox and inbox, the migrations' record, the retention log (ids
    /// only) and the reference data (communes, countries, units).
    private static let platform: [String: String] = [
        "outbox": "events waiting to be published: identifiers, the payloads go to the services that report them",
        "inbox": "identifiers of the events already handled",
        "schema_migrations": "the schema's versions",
        "retention_log": "what retention removed: identifiers and counts",
        "ref_department": "reference data", "ref_commune": "reference data", "ref_postal_code": "reference data",
        "ref_country": "reference data", "ref_unit": "reference data", "ref_import": "reference data",
    ]
}
