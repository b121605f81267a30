import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import Persistence
import PostgresNIO

/// The last step of a key rotation: seals again, with the current key, the bank details still sealed with a retired
/// one, a hundred claims per transaction (SKIP LOCKED: safe beside the running service). Afterwards the retired key
/// can be removed from INTAKE_BANK_DETAILS_PREVIOUS_KEYS.
struct BankDetailsRekey {
    let client: PostgresClient
    let cipher: FieldCipher
    let logger: Logger

    /// Seals again everything not under the current key; how many claims were sealed again.
    func run() async throws -> Int {
        var total = 0
        while true {
            let done = try await client.withTransaction(logger: logger) { connection in
                let rows = try await connection.query(
                    """
                    SELECT id, bank_details_sealed FROM claim
                    WHERE bank_details_sealed IS NOT NULL AND bank_details_key_id IS DISTINCT FROM \(cipher.keyId)
                    LIMIT 100 FOR UPDATE SKIP LOCKED
                    """,
                    logger: logger
                )
                var batch: [(UUID, Data)] = []
                for try await (id, sealed) in rows.decode((UUID, ByteBuffer).self) {
                    batch.append((id, Data(buffer: sealed)))
                }
                for (id, sealed) in batch {
                    let resealed = try cipher.seal(try cipher.open(sealed))
                    try await connection.query(
                        """
                        UPDATE claim SET bank_details_sealed = \(ByteBuffer(data: resealed)),
                            bank_details_key_id = \(cipher.keyId)
                        WHERE id = \(id)
                        """,
                        logger: logger
                    )
                }
                return batch.count
            }
            total += done
            if done == 0 { return total }
        }
    }
}
