import Foundation
import Hummingbird
import Logging
import Messaging
import OpenIDConnect
import Persistence
import ReferenceData
import ServiceKit
import ServiceLifecycle
import WebUI

/// Agents' back office: attribution, instruction, decisions, signatures, payment (composition root).
package enum InstructionService: ServiceDefinition {
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        /// Cookies marked `Secure` (behind HTTPS).
        package var secureCookies: Bool
        /// Signs the grants that let agents' browsers read documents (DOCUMENTS_GRANT_KEY, shared with documents).
        package var documentGrants: DocumentGrantSigner?
        /// The documents service's origin as browsers reach it (DOCUMENTS_PUBLIC_URL); empty behind the gateway.
        package var documentsOrigin: String
        /// Opens the bank details accepted offers carry (PAYMENT_DETAILS_KEY, shared with intake).
        package var paymentCipher: FieldCipher?
        /// Sign-in with ProConnect; nil (the button hidden) unless `PROCONNECT_ISSUER` is set.
        package var proConnect: OIDCProvider.Configuration?
        /// The hour (Paris) from which the morning digests go out (`INSTRUCTION_DIGEST_HOUR`, 7 by default).
        package var digestHour: Int
        /// The official reference data (départements, units) the claim pages draw on.
        var reference: ReferenceSettings
    }

    package static let name = "instruction"
    package static let defaultPort = 8083

    package static func settings(from reader: SettingsReader) throws -> Settings {
        let grants = DocumentGrantSigner.fromSettings(reader)
        let common = CommonSettings(service: name, defaultPort: defaultPort, reader: reader)
        return Settings(
            common: common,
            secureCookies: reader.bool("cookies.secure", default: false),
            documentGrants: grants,
            documentsOrigin: reader.string("documents.public.url", default: ""),
            paymentCipher: PaymentDetailsKey.cipher(from: reader),
            proConnect: .proConnect(
                from: reader,
                redirectURI: common.publicBaseURL + ProConnectController.callbackPath,
                postLogoutRedirectURI: common.publicBaseURL + AgentGate.signInPath
            ),
            digestHour: reader.int("instruction.digest.hour", default: 7, in: 0...23),
            reference: ReferenceSettings.from(reader)
        )
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module) + Migration.reference() + Migration.web()
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let router = try router(settings: settings, platform: platform, runtime: runtime)
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        let exporter = StatisticsExporter(
            statistics: statistics(platform: platform, logger: runtime.logger),
            logger: runtime.logger
        )
        let digests = DigestScheduler(
            outbox: platform.outbox,
            queue: ClaimQueue(client: platform.client, logger: runtime.logger),
            logger: runtime.logger,
            hour: settings.digestHour
        )
        let retention = ClaimRetentionPurge(
            outbox: platform.outbox,
            policy: settings.common.retention,
            logger: runtime.logger
        )
        let agents = StaffAccountRetention(
            table: "agent",
            client: platform.client,
            policy: settings.common.retention,
            logger: runtime.logger
        )
        let reference = ReferenceRefresher(
            client: platform.client,
            settings: settings.reference,
            logger: runtime.logger
        )
        return platform.services(subscriptions: InstructionSubscriptions.all())
            + [reference, exporter, digests, retention, agents, app]
    }

    static func statistics(
        platform: MessagingPlatform,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> StatisticsRepository {
        StatisticsRepository(
            client: platform.client,
            queue: ClaimQueue(client: platform.client, logger: logger, clock: clock),
            logger: logger,
            clock: clock
        )
    }

    /// Every route of the back office, on the given platform.
    static func router(
        settings: Settings,
        platform: MessagingPlatform,
        runtime: Runtime,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Router<ServiceRequestContext> {
        guard let grants = settings.documentGrants else { throw SettingsError(problems: ["DOCUMENTS_GRANT_KEY"]) }
        let logger = runtime.logger
        let directory = AgentDirectory(client: platform.client, logger: logger)
        let sessions = WebSessions(
            client: platform.client,
            cookie: AgentGate.sessionCookie,
            secureCookies: settings.secureCookies,
            logger: logger,
            clock: clock
        )
        let gate = AgentGate(sessions: sessions, directory: directory)
        let csrf = CSRFProtection(secureCookies: settings.secureCookies)
        let pages = try PageRenderer(templatesIn: .module)
        // Signing out is a form redirected to ProConnect.
        let router = ServiceHTTP.router(
            checks: platform.readinessChecks,
            runtime: runtime,
            formActions: settings.proConnect?.origin.map { [$0] } ?? [],
            strictTransportSecurity: platform.settings.servesHTTPS
        )
        let limiter = RateLimiter(client: platform.client, logger: logger, clock: clock)
        let proConnect = settings.proConnect.map { configuration in
            OIDCSignIn(
                provider: OIDCProvider(configuration: configuration),
                attempts: SignInAttempts(client: platform.client, logger: logger, clock: clock),
                cookieName: "mij-proconnect",
                cookiePath: ProConnectController.startPath,
                secureCookies: settings.secureCookies
            )
        }
        StaffSignInController(
            portal: AgentPages.signInPortal(offersProConnect: proConnect != nil),
            limiter: limiter,
            sessions: sessions,
            pages: pages,
            csrf: csrf,
            trustedProxies: settings.common.trustedProxies,
            providerSignOut: proConnect?.endSessionLocation
        ) { email, password in
            try await directory.verify(email: email, password: password).map {
                StaffSignInController.Verified(id: $0.id, landing: AgentPages.home(of: $0))
            }
        }.addRoutes(to: router)
        if let proConnect {
            ProConnectController(
                signIn: proConnect,
                limiter: limiter,
                trustedProxies: settings.common.trustedProxies,
                directory: directory,
                sessions: sessions,
                pages: pages
            ).addRoutes(to: router)
        }
        ClaimListController(
            queue: ClaimQueue(client: platform.client, logger: logger, clock: clock),
            directory: directory,
            pages: pages,
            gate: gate,
            csrf: csrf,
            apiAuthenticator: BasicAuthenticator(realm: "Agents MIJ") { email, password in
                try await directory.verify(email: email, password: password).map {
                    StaffMember(id: $0.id, displayName: $0.displayName, roles: $0.roles.map(\.rawValue))
                }
            }
        ).addRoutes(to: router)
        StaffController(
            accounts: StaffAccounts(client: platform.client, logger: logger, clock: clock),
            pages: pages,
            gate: gate,
            csrf: csrf
        ).addRoutes(to: router)
        SubjectRequestController(
            requests: SubjectRequests(outbox: platform.outbox, logger: logger, clock: clock),
            pages: pages,
            gate: gate,
            csrf: csrf
        ).addRoutes(to: router)
        StatisticsController(
            statistics: statistics(platform: platform, logger: logger, clock: clock),
            pages: pages,
            gate: gate
        ).addRoutes(to: router)
        ClaimFileController(
            files: ClaimFileRepository(client: platform.client, logger: logger),
            workflow: ClaimWorkflow(
                outbox: platform.outbox,
                logger: logger,
                clock: clock,
                paymentCipher: settings.paymentCipher
            ),
            directory: directory,
            pages: pages,
            gate: gate,
            csrf: csrf,
            grants: grants,
            documentsOrigin: settings.documentsOrigin,
            // Behind the gateway the portal and documents share one origin: documents sends the browser back by path.
            portalOrigin: settings.documentsOrigin.isEmpty ? "" : settings.common.publicBaseURL,
            clock: clock
        ).addRoutes(to: router)
        return router
    }

    package static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] {
        ["seed-demo": seedDemo, "purge": purge]
    }

    /// `purge [--dry-run] [--as-of YYYY-MM-DD]`: ends the retention of the claims closed long enough ago and of the
    /// agents' accounts unused long enough, now rather than at the next scheduled round, printing each one; with
    /// `--dry-run`, only lists them.
    @Sendable private static func purge(settings: Settings, runtime: Runtime) async throws {
        try await PurgeCommandOptions.run(settings.common, runtime) { outbox, options in
            let purge = ClaimRetentionPurge(outbox: outbox, policy: settings.common.retention, logger: runtime.logger)
            let claims = try await options.dryRun ? purge.expired(asOf: options.asOf) : purge.purge(asOf: options.asOf)
            for claim in claims {
                print(
                    "claim  \(claim.reference)  closed \(ParisTime.isoDay(of: claim.closedAt))  \(options.dryRun ? "would be purged" : "purged")"
                )
            }
            print("\(claims.count) claim(s) \(options.dryRun ? "past retention (dry run: nothing removed)" : "purged")")
            try await StaffAccountRetention(
                table: "agent",
                client: outbox.client,
                policy: settings.common.retention,
                logger: runtime.logger
            ).runCommand(options)
        }
    }

    /// Creates one local account per agent role and prints the credentials (development only).
    @Sendable private static func seedDemo(settings: Settings, runtime: Runtime) async throws {
        try await settings.common.database.withClient(logger: runtime.logger) { client in
            for (email, password) in try await AgentDirectory(client: client, logger: runtime.logger).seedDemoAccounts()
            {
                print("agent        \(email)  \(password)")
            }
        }
    }
}
