import Contracts
import Foundation
import Messaging

/// Files each service's answer to a data protection request with the request.
struct SubjectReportHandler<Event: EventContract>: EventHandler {
    let service: String
    let report: @Sendable (Event) -> SubjectRequestReport

    func handle(_ event: Event, context: HandlerContext) async throws {
        try await SubjectRequests.record(report(event), from: service, on: context.connection, logger: context.logger)
    }
}
