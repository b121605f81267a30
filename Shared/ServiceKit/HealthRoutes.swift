import Foundation
import Hummingbird
import Logging
import Prometheus

/// One dependency the service needs to do its work.
package struct ReadinessCheck: Sendable {
    package let name: String
    package let probe: @Sendable () async throws -> Void

    package init(name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }
}

/// `/health/live`, `/health/ready` and `/metrics` (DESIGN.md §6). Not proxied by the public gateway.
package enum HealthRoutes {
    package static func add<Context: RequestContext>(
        to router: Router<Context>,
        checks: [ReadinessCheck],
        registry: PrometheusCollectorRegistry,
        logger: Logger
    ) {
        router.get("/health/live") { _, _ in
            json(["status": "ok"], status: .ok)
        }
        router.get("/health/ready") { _, _ in
            let results = await run(checks, logger: logger)
            let healthy = results.values.allSatisfy { $0 == "ok" }
            return json(["status": healthy ? "ok" : "unavailable", "checks": results], status: healthy ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }

    // Checks run concurrently, each bounded to 2 s; failures are logged, the response only says "failed".
    private static func run(_ checks: [ReadinessCheck], logger: Logger) async -> [String: String] {
        await withTaskGroup(of: (String, String).self) { group in
            for check in checks {
                group.addTask {
                    do {
                        try await withTimeout(.seconds(2)) { try await check.probe() }
                        return (check.name, "ok")
                    } catch {
                        logger.warning("readiness check failed", metadata: ["check": "\(check.name)", "error": "\(error)"])
                        return (check.name, "failed")
                    }
                }
            }
            var results: [String: String] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
    }

    private static func json(_ object: [String: any Sendable], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// The probe took too long.
struct TimeoutError: Error {}

/// Runs `work`, failing with `TimeoutError` when it outlasts `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
