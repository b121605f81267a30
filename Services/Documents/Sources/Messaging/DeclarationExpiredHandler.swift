import Contracts
import Foundation
import Messaging

/// A declaration no claim took up reached the end of its retention: its folder (the notice, the unit's files) goes.
struct DeclarationExpiredHandler: EventHandler {
    let storage: any BlobStore

    func handle(_ event: DeclarationExpired, context: HandlerContext) async throws {
        try await FolderPurge(storage: storage, connection: context.connection, logger: context.logger)
            .purge([event.declarationId], of: ("declaration", event.declarationId))
    }
}
