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

/// Police and gendarmerie portal: door-break declarations, invitations, answers to agents (composition root).
package enum LiaisonService: ServiceDefinition {
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        /// Cookies marked `Secure` (behind HTTPS).
        package var secureCookies: Bool
        /// Signs the grants that let investigators' browsers download notices (DOCUMENTS_GRANT_KEY).
        package var documentGrants: DocumentGrantSigner?
        /// The documents service's origin as browsers reach it (DOCUMENTS_PUBLIC_URL); empty behind the gateway.
        package var documentsOrigin: String
        /// Sign-in with ProConnect; nil (the button hidden) unless `PROCONNECT_ISSUER` is set.
        package var proConnect: OIDCProvider.Configuration?
        /// SIREN (first 9 digits of a SIRET) → force, from `LIAISON_FORCE_SIRENS` (`PN=…,GN=…,PP=…`): a new
        /// ProConnect investigator's force is then known, not chosen.
        package var forceSIRENs: [String: String]
        /// The postal codes declarations are checked against and the units a new investigator chooses from.
        var reference: ReferenceSettings
    }

    package static let name = "liaison"
    package static let defaultPort = 8084

    package static func settings(from reader: SettingsReader) throws -> Settings {
        let grants = DocumentGrantSigner.fromSettings(reader)
        let common = CommonSettings(service: name, defaultPort: defaultPort, reader: reader)
        return Settings(
            common: common,
            secureCookies: reader.bool("cookies.secure", default: false),
            documentGrants: grants,
            documentsOrigin: reader.string("documents.public.url", default: ""),
            proConnect: .proConnect(
                from: reader,
                redirectURI: common.publicBaseURL + InvestigatorProConnectController.callbackPath,
                postLogoutRedirectURI: common.publicBaseURL + InvestigatorGate.signInPath,
                extraScopes: "siret"
            ),
            forceSIRENs: forceSIRENs(reader.string("liaison.force.sirens", default: ""), reader: reader),
            reference: ReferenceSettings.from(reader)
        )
    }

    /// `PN=110014016,GN=…` read as SIREN → force; a malformed entry is reported.
    private static func forceSIRENs(_ text: String, reader: SettingsReader) -> [String: String] {
        var sirens: [String: String] = [:]
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, ["PN", "GN", "PP"].contains(parts[0]), parts[1].count == 9,
                parts[1].allSatisfy(\.isNumber)
            else {
                reader.report("LIAISON_FORCE_SIRENS: « \(entry) » is not FORCE=SIREN (PN, GN or PP and 9 digits)")
                continue
            }
            sirens[parts[1]] = parts[0]
        }
        return sirens
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module) + Migration.reference() + Migration.web()
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let router = try router(settings: settings, platform: platform, runtime: runtime)
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        let reminders = QueryReminderScheduler(outbox: platform.outbox, logger: runtime.logger)
        let reference = ReferenceRefresher(
            client: platform.client,
            settings: settings.reference,
            logger: runtime.logger
        )
        let retention = StaffAccountRetention(
            table: "investigator",
            client: platform.client,
            policy: settings.common.retention,
            logger: runtime.logger
        )
        let declarations = DeclarationRetentionPurge(
            outbox: platform.outbox,
            policy: settings.common.retention,
            logger: runtime.logger
        )
        return platform.services(subscriptions: LiaisonSubscriptions.all())
            + [reference, reminders, retention, declarations, app]
    }

    /// Every route of the portal, on the given platform.
    static func router(
        settings: Settings,
        platform: MessagingPlatform,
        runtime: Runtime,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Router<ServiceRequestContext> {
        guard let grants = settings.documentGrants else { throw SettingsError(problems: ["DOCUMENTS_GRANT_KEY"]) }
        let logger = runtime.logger
        let directory = InvestigatorDirectory(client: platform.client, logger: logger)
        let sessions = WebSessions(
            client: platform.client,
            cookie: InvestigatorGate.sessionCookie,
            secureCookies: settings.secureCookies,
            logger: logger,
            clock: clock
        )
        let csrf = CSRFProtection(secureCookies: settings.secureCookies)
        let pages = try PageRenderer(templatesIn: .module)
        // The attachments' form posts to the documents service, which may have an origin of its own; signing out is a
        // form redirected to ProConnect.
        let router = ServiceHTTP.router(
            checks: platform.readinessChecks,
            runtime: runtime,
            formActions: [settings.documentsOrigin, settings.proConnect?.origin ?? ""].filter { !$0.isEmpty },
            strictTransportSecurity: platform.settings.servesHTTPS
        )
        let limiter = RateLimiter(client: platform.client, logger: logger, clock: clock)
        let places = Places(client: platform.client, logger: logger)
        let proConnect = settings.proConnect.map { configuration in
            OIDCSignIn(
                provider: OIDCProvider(configuration: configuration),
                attempts: SignInAttempts(client: platform.client, logger: logger, clock: clock),
                cookieName: "mij-fdo-proconnect",
                cookiePath: InvestigatorProConnectController.startPath,
                secureCookies: settings.secureCookies
            )
        }
        if let proConnect {
            InvestigatorProConnectController(
                signIn: proConnect,
                limiter: limiter,
                trustedProxies: settings.common.trustedProxies,
                directory: directory,
                sessions: sessions,
                pages: pages,
                csrf: csrf,
                secureCookies: settings.secureCookies,
                forceSIRENs: settings.forceSIRENs,
                places: places,
                clock: clock
            ).addRoutes(to: router)
        }
        StaffSignInController(
            portal: LiaisonPages.signInPortal(offersProConnect: proConnect != nil),
            limiter: limiter,
            sessions: sessions,
            pages: pages,
            csrf: csrf,
            trustedProxies: settings.common.trustedProxies,
            providerSignOut: proConnect?.endSessionLocation
        ) { email, password in
            try await directory.verify(email: email, password: password).map {
                StaffSignInController.Verified(id: $0.id, landing: LiaisonPages.home)
            }
        }.addRoutes(to: router)
        let declarations = DeclarationRepository(outbox: platform.outbox, logger: logger, clock: clock)
        let queries = QueryBoard(outbox: platform.outbox, logger: logger, clock: clock)
        let gate = InvestigatorGate(sessions: sessions, directory: directory)
        let files = DeclarationFiles(
            grants: grants,
            documentsOrigin: settings.documentsOrigin,
            // Behind the gateway both portals share one origin: documents sends the browser back by path.
            portalOrigin: settings.documentsOrigin.isEmpty ? "" : settings.common.publicBaseURL
        )
        DeclarationController(
            declarations: declarations,
            list: DeclarationList(client: platform.client, logger: logger),
            queries: queries,
            files: files,
            places: places,
            pages: pages,
            csrf: csrf,
            gate: gate,
            clock: clock
        ).addRoutes(to: router)
        DeclarationFilesController(declarations: declarations, gate: gate, files: files, clock: clock)
            .addRoutes(to: router)
        QueryController(
            queries: queries,
            declarations: declarations,
            files: files,
            pages: pages,
            csrf: csrf,
            gate: gate,
            clock: clock
        ).addRoutes(to: router)
        return router
    }

    package static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] {
        ["seed-demo": seedDemo, "purge": purge]
    }

    /// `purge [--dry-run] [--as-of YYYY-MM-DD]`: deletes the declarations no claim took up and anonymises the
    /// investigators' accounts unused for longer than their retention, printing each one; with `--dry-run`, only
    /// lists them.
    @Sendable private static func purge(settings: Settings, runtime: Runtime) async throws {
        try await PurgeCommandOptions.run(settings.common, runtime) { outbox, options in
            let purge = DeclarationRetentionPurge(
                outbox: outbox,
                policy: settings.common.retention,
                logger: runtime.logger
            )
            let declarations =
                try await options.dryRun ? purge.expired(asOf: options.asOf) : purge.purge(asOf: options.asOf)
            for id in declarations { print("declaration  \(id)  \(options.dryRun ? "would be purged" : "purged")") }
            print(
                "\(declarations.count) declaration(s) \(options.dryRun ? "past retention (dry run: nothing removed)" : "purged")"
            )
            try await StaffAccountRetention(
                table: "investigator",
                client: outbox.client,
                policy: settings.common.retention,
                logger: runtime.logger
            ).runCommand(options)
        }
    }

    /// Creates the demo investigator and prints the credentials (development only).
    @Sendable private static func seedDemo(settings: Settings, runtime: Runtime) async throws {
        try await settings.common.database.withClient(logger: runtime.logger) { client in
            let (email, password) = try await InvestigatorDirectory(client: client, logger: runtime.logger)
                .seedDemoAccount()
            print("investigator \(email)  \(password)")
        }
    }
}
