import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Persistence
import PostgresNIO
import ServiceKit
import Synchronization
import TestSupport

/// HTTP figures against the running release services.
enum HTTPBench {
    static func submitRequest(_ config: BenchConfig) throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "\(config.intakeURL)/api/demandes")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(config.intakeAPIToken)")
        let body = try JSONSerialization.data(withJSONObject: ClaimFixtures.formJSON(email: "bench@example.org"))
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// Closed loop: 16 clients submitting claims for 10 s; returns requests per second and p99 latency (ms).
    static func submit(_ config: BenchConfig) async throws -> (rate: Double, p99: Double) {
        let request = try submitRequest(config)
        let latencies = try await closedLoop(clients: 16, duration: .seconds(10)) {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 16)
            guard response.status == .created else { throw BenchError("submit answered \(response.status)") }
        }
        return (Double(latencies.count) / 10, percentile(latencies, 0.99))
    }

    /// Open loop at a fixed rate; returns the ids of the claims created.
    static func submitOpenLoop(_ config: BenchConfig, perSecond: Int, duration: Duration) async throws -> [UUID] {
        let request = try submitRequest(config)
        let interval = Duration.seconds(1) / perSecond
        let count = Int(duration.seconds * Double(perSecond))
        let start = ContinuousClock.now
        return try await withThrowingTaskGroup(of: UUID.self) { group in
            for index in 0..<count {
                try await Task.sleep(until: start + interval * index, clock: .continuous)
                group.addTask {
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                    let body = try await response.body.collect(upTo: 1 << 16)
                    let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
                    guard let text = object?["id"] as? String, let id = UUID(uuidString: text) else {
                        throw BenchError("submit answered \(response.status)")
                    }
                    return id
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Loads instruction with 10,000 claims, then 8 agents read the dashboard for 5 s; returns p99 (ms).
    static func agentList(_ config: BenchConfig) async throws -> Double {
        try await config.superuser.withClient(logger: config.logger) { client in
            try await client.query(
                """
                INSERT INTO instruction.claim (id, reference, status, claimant_first_name, claimant_last_name,
                    door_break_date, postal_code, commune, department, submitted_at, state_entered_at, search_text)
                SELECT gen_random_uuid(), 'BRI-20250101-L' || i, 'A_ATTRIBUER', 'Camille', 'Charge' || i, '2025-01-01',
                       '69003', 'Lyon', '69', now() - i * interval '1 minute', now() - i * interval '1 minute',
                       'bri-20250101-l' || i || ' camille charge' || i
                FROM generate_series(1, 10000) AS i
                ON CONFLICT DO NOTHING
                """,
                logger: config.logger
            )
        }
        // As agents use it: signed in once (the password checked once), then the dashboard page — counts per state,
        // the first 50 claims, the rédacteurs to filter by — on the session.
        var request = HTTPClientRequest(url: "\(config.instructionURL)/agents/dossiers")
        request.headers.add(name: "Cookie", value: try await agentSession(config))
        let listRequest = request
        let latencies = try await closedLoop(clients: 8, duration: .seconds(5)) {
            let response = try await HTTPClient.shared.execute(listRequest, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw BenchError("agent list answered \(response.status)") }
        }
        return percentile(latencies, 0.99)
    }

    /// Signs in with the local account of `config.agentCredentials` (`email:password`); the session cookie.
    static func agentSession(_ config: BenchConfig) async throws -> String {
        let form = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "\(config.instructionURL)/agents/connexion"),
            timeout: .seconds(10)
        )
        let page = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let csrfCookie = form.headers["set-cookie"].first?.split(separator: ";").first,
            let token = page.firstMatch(of: /name="csrfToken" value="([^"]+)"/)?.1
        else { throw BenchError("no sign-in form") }
        let (email, password) = (
            config.agentCredentials.prefix { $0 != ":" }, config.agentCredentials.drop { $0 != ":" }.dropFirst()
        )
        var signIn = HTTPClientRequest(url: "\(config.instructionURL)/agents/connexion")
        signIn.method = .POST
        signIn.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        signIn.headers.add(name: "Cookie", value: String(csrfCookie))
        let fields = ["email": String(email), "password": String(password), "csrfToken": String(token)]
        let body = fields.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        signIn.body = .bytes(ByteBuffer(string: body.joined(separator: "&")))
        // The session is on the 303 itself: the shared client would follow it.
        let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
        let signedIn: HTTPClientResponse
        do {
            signedIn = try await client.execute(signIn, timeout: .seconds(10))
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        guard signedIn.status == .seeOther,
            let session = signedIn.headers["set-cookie"].first(where: { $0.hasPrefix("mij-agent-session=") })?
                .split(separator: ";").first
        else { throw BenchError("agent sign-in answered \(signedIn.status)") }
        return String(session)
    }

    /// Runs `call` from `clients` concurrent loops for `duration`; returns every latency in milliseconds.
    private static func closedLoop(
        clients: Int,
        duration: Duration,
        _ call: @escaping @Sendable () async throws -> Void
    )
        async throws -> [Double]
    {
        let end = ContinuousClock.now + duration
        return try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var latencies: [Double] = []
                    while ContinuousClock.now < end {
                        let start = ContinuousClock.now
                        try await call()
                        latencies.append((ContinuousClock.now - start).milliseconds)
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
