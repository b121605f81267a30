import Foundation
import Persistence
import PostgresNIO

extension TestDatabase {
    /// The text values a query returns, run as superuser.
    package func strings(_ sql: String) async throws -> [String] {
        try await inspect { client in
            var values: [String] = []
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                .decode(String.self)
            {
                values.append(value)
            }
            return values
        }
    }

    /// What a service's answer to an access request misses, each in a sentence: the tables of `schema` its
    /// `inventory` does not classify, the columns it leaves out that the table does not have (a misspelt name
    /// would hide nothing), and the columns of reported tables that no object of `answer` (JSON) holds.
    package func gaps(in inventory: PersonalDataInventory, schema: String, answer: Data) async throws -> [String] {
        var gaps: [String] = []
        let tables = try await strings(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = '\(schema)' ORDER BY 1"
        )
        for table in tables where inventory.reported[table] == nil && inventory.notReported[table] == nil {
            gaps.append("\(schema).\(table) is neither reported nor given a reason")
        }
        let keys = Self.keys(in: try JSONSerialization.jsonObject(with: answer))
        for (table, leftOut) in inventory.reported.sorted(by: { $0.key < $1.key }) {
            let columns = Set(
                try await strings(
                    """
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = '\(schema)' AND table_name = '\(table)'
                    """
                )
            )
            if columns.isEmpty { gaps.append("\(schema).\(table) does not exist") }
            for column in leftOut.subtracting(columns).sorted() {
                gaps.append("\(schema).\(table) has no column \(column) to leave out")
            }
            for column in columns.subtracting(leftOut).subtracting(keys).sorted() {
                gaps.append("\(schema).\(table).\(column) is not in the answer")
            }
        }
        return gaps
    }

    /// Every key of every object in a JSON value.
    private static func keys(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return Set(object.keys).union(object.values.flatMap { keys(in: $0) })
        }
        if let array = value as? [Any] { return Set(array.flatMap { keys(in: $0) }) }
        return []
    }
}
