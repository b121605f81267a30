import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// What a browser's upload form posts to documents, and the outcome documents sends it back with.
enum UploadPost {
    static func send(
        _ client: any TestClientProtocol,
        _ content: ByteBuffer,
        token: String,
        name: String = "facture.pdf",
        type: String = "facture"
    ) async throws -> TestResponse {
        let boundary = "----mij\(UUID().uuidString)"
        var body = ByteBuffer()
        for (field, value) in [("jeton", token), ("type", type)] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"\(name)\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n"
        )
        var file = content
        body.writeBuffer(&file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await client.execute(
            uri: "/documents/televersement",
            method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
            body: body
        )
    }

    /// The `depot` outcome of the redirection back to the portal.
    static func outcome(_ response: TestResponse) -> String? {
        response.headers[.location]?.firstMatch(of: /depot=([a-z]+)/).map { String($0.1) }
    }
}
