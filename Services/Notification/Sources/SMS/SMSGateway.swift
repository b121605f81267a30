import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Sends text messages through an SMS provider's HTTP API (`SMS_GATEWAY_URL`): one JSON POST
/// `{"from", "to", "text", "encoding"}` with a bearer token per message. A 4xx answer is a refusal for good; no
/// answer or a 5xx is transient, and the event is retried.
struct SMSGateway: TextMessenger {
    let url: String
    let token: String
    /// The sender name shown on phones (11 characters at most).
    let sender: String
    var timeout: TimeAmount = .seconds(10)

    private struct Message: Encodable {
        var from: String
        var to: String
        var text: String
        /// `GSM-7` or `UCS-2`.
        var encoding: String
    }

    func send(to number: String, text: SMSText) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(
            ByteBuffer(
                data: try JSONEncoder().encode(
                    Message(from: sender, to: number, text: text.text, encoding: text.encoding.rawValue)
                )
            )
        )
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw SMSError.transient("SMS gateway unreachable: \(error)")
        }
        _ = try? await response.body.collect(upTo: 1 << 16)
        switch response.status.code {
        case 200..<300: return
        case 400..<500: throw SMSError.permanent("SMS gateway refused the message: \(response.status.code)")
        default: throw SMSError.transient("SMS gateway failed: \(response.status.code)")
        }
    }
}

/// Why a text message was not sent.
enum SMSError: Error {
    case transient(String)
    case permanent(String)
}
