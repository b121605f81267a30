import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Builds a service's router with the shared middleware and health routes, and the application serving it.
package enum ServiceHTTP {
    /// A router with request ids, security headers, HTTP metrics, control characters refused in queries and the
    /// health/metrics routes. `formActions` are
    /// the other origins the pages' forms may post to (the documents service when it is not behind the same gateway);
    /// `strictTransportSecurity` when the public origin is HTTPS (`CommonSettings.servesHTTPS`).
    package static func router(
        checks: [ReadinessCheck],
        runtime: Runtime,
        formActions: [String] = [],
        strictTransportSecurity: Bool = false
    ) -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(
            middleware: SecurityHeadersMiddleware(
                strictTransportSecurity: strictTransportSecurity,
                formActions: formActions
            )
        )
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ControlCharactersMiddleware())
        HealthRoutes.add(to: router, checks: checks, registry: runtime.metrics, logger: runtime.logger)
        return router
    }

    /// The HTTP server as a lifecycle service.
    package static func application(router: Router<ServiceRequestContext>, settings: CommonSettings) -> some Service {
        Application(
            router: router,
            configuration: .init(address: .hostname(settings.httpHost, port: settings.httpPort), serverName: nil),
            logger: Logger(label: "\(settings.service).http")
        )
    }
}
