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

/// Claimants' portal: eligibility, account, claim form, submission and tracking (composition root).
package enum IntakeService: ServiceDefinition {
    /// Intake's settings: only the common ones so far.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        /// Cookies marked `Secure` (behind HTTPS).
        package var secureCookies: Bool
        /// Encrypts bank details at rest (INTAKE_BANK_DETAILS_KEY, 32 bytes in base64).
        package var bankDetailsCipher: FieldCipher?
        /// Signs the grants that let claimants' browsers upload to documents (DOCUMENTS_GRANT_KEY, shared).
        package var documentGrants: DocumentGrantSigner?
        /// The documents service's origin as browsers reach it (DOCUMENTS_PUBLIC_URL); empty behind the gateway.
        package var documentsOrigin: String
        /// The bearer token of `POST /api/demandes` (partners' and load tests' submissions); empty: the API is closed.
        package var apiToken: String
        /// Seals the bank details sent to instruction with an accepted offer (PAYMENT_DETAILS_KEY, shared).
        package var paymentCipher: FieldCipher?
        /// Sign-in with FranceConnect; nil (the button hidden) unless `FRANCECONNECT_ISSUER` is set.
        var franceConnect: OIDCProvider.Configuration?
        /// The postal codes and communes addresses are checked against.
        var reference: ReferenceSettings
    }

    package static let name = "intake"
    package static let defaultPort = 8081

    package static func settings(from reader: SettingsReader) throws -> Settings {
        let cipher = FieldCipher.fromSettings(reader, key: "intake.bank.details.key", defaultId: "k1")
        let grants = DocumentGrantSigner.fromSettings(reader)
        let common = CommonSettings(service: name, defaultPort: defaultPort, reader: reader)
        let apiToken = reader.string("intake.api.token", default: "", secret: true)
        if !apiToken.isEmpty && apiToken.count < 32 {
            reader.report("INTAKE_API_TOKEN must be at least 32 random characters (openssl rand -base64 32), or empty")
        }
        return Settings(
            common: common,
            secureCookies: reader.bool("cookies.secure", default: false),
            bankDetailsCipher: cipher,
            documentGrants: grants,
            documentsOrigin: reader.string("documents.public.url", default: ""),
            apiToken: apiToken,
            paymentCipher: PaymentDetailsKey.cipher(from: reader),
            franceConnect: franceConnect(from: reader, publicBaseURL: common.publicBaseURL),
            reference: ReferenceSettings.from(reader)
        )
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module) + Migration.reference() + Migration.web()
    }

    /// The intake page templates with the shared layout.
    static func pages() throws -> PageRenderer {
        try PageRenderer(templatesIn: .module)
    }

    private static func franceConnect(from reader: SettingsReader, publicBaseURL: String)
        -> OIDCProvider.Configuration?
    {
        let issuer = reader.string("franceconnect.issuer", default: "")
        guard !issuer.isEmpty else { return nil }
        let clientId = reader.string("franceconnect.client.id", default: "")
        let clientSecret = reader.string("franceconnect.client.secret", default: "", secret: true)
        if clientId.isEmpty || clientSecret.isEmpty {
            reader.report(
                "FRANCECONNECT_CLIENT_ID and FRANCECONNECT_CLIENT_SECRET are required with FRANCECONNECT_ISSUER"
            )
        }
        let acr = reader.string("franceconnect.acr", default: "eidas1")
        return OIDCProvider.Configuration(
            issuer: issuer,
            clientId: clientId,
            clientSecret: clientSecret,
            redirectURI: publicBaseURL + FranceConnectController.callbackPath,
            acrValues: acr.isEmpty ? nil : acr,
            postLogoutRedirectURI: publicBaseURL + "/"
        )
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let app = ServiceHTTP.application(
            router: try router(settings: settings, platform: platform, runtime: runtime),
            settings: settings.common
        )
        let reference = ReferenceRefresher(
            client: platform.client,
            settings: settings.reference,
            logger: runtime.logger
        )
        let reminders = ClaimantReminderScheduler(outbox: platform.outbox, logger: runtime.logger)
        let retention = AccountRetentionPurge(
            outbox: platform.outbox,
            policy: settings.common.retention,
            logger: runtime.logger
        )
        guard let cipher = settings.bankDetailsCipher else {
            throw SettingsError(problems: ["INTAKE_BANK_DETAILS_KEY"])
        }
        let export = ClaimantDataExport(client: platform.client, cipher: cipher, logger: runtime.logger)
        return platform.services(subscriptions: IntakeSubscriptions.all(export: export))
            + [reference, reminders, retention, app]
    }

    package static var commands: [String: @Sendable (Settings, Runtime) async throws -> Void] {
        ["purge": purge, "rekey": rekey]
    }

    /// `rekey`: seals again with the current INTAKE_BANK_DETAILS_KEY the bank details sealed with a retired key
    /// (INTAKE_BANK_DETAILS_PREVIOUS_KEYS), the last step of a rotation (infra/README.md).
    @Sendable private static func rekey(settings: Settings, runtime: Runtime) async throws {
        guard let cipher = settings.bankDetailsCipher else {
            throw SettingsError(problems: ["INTAKE_BANK_DETAILS_KEY"])
        }
        try await settings.common.database.withClient(logger: runtime.logger) { client in
            let count = try await BankDetailsRekey(client: client, cipher: cipher, logger: runtime.logger).run()
            print("\(count) claim(s) sealed again with key \(cipher.keyId)")
        }
    }

    /// `purge [--dry-run] [--as-of YYYY-MM-DD]`: ends the retention of the accounts idle long enough, now rather
    /// than at the next scheduled round, printing each one; with `--dry-run`, only lists them.
    @Sendable private static func purge(settings: Settings, runtime: Runtime) async throws {
        try await PurgeCommandOptions.run(settings.common, runtime) { outbox, options in
            let purge = AccountRetentionPurge(outbox: outbox, policy: settings.common.retention, logger: runtime.logger)
            let accounts = try await options.dryRun ? purge.idle(asOf: options.asOf) : purge.purge(asOf: options.asOf)
            for account in accounts {
                let last = ParisTime.isoDay(of: account.lastActivity)
                print("account  \(account.id)  last active \(last)  \(options.dryRun ? "would be purged" : "purged")")
            }
            print(
                "\(accounts.count) account(s) \(options.dryRun ? "past retention (dry run: nothing removed)" : "purged")"
            )
        }
    }

    /// Every route of the portal over the platform's database and outbox; `clock` is replaced in tests of timeouts.
    static func router(
        settings: Settings,
        platform: MessagingPlatform,
        runtime: Runtime,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Router<ServiceRequestContext> {
        guard let cipher = settings.bankDetailsCipher else {
            throw SettingsError(problems: ["INTAKE_BANK_DETAILS_KEY"])
        }
        guard let grants = settings.documentGrants else { throw SettingsError(problems: ["DOCUMENTS_GRANT_KEY"]) }
        let transfers = DocumentTransfers(
            grants: grants,
            documentsOrigin: settings.documentsOrigin,
            // Behind the gateway both portals share one origin: documents sends the browser back by path.
            portalOrigin: settings.documentsOrigin.isEmpty ? "" : settings.common.publicBaseURL
        )
        let logger = runtime.logger
        var claims = PostgresClaimRepository(outbox: platform.outbox, cipher: cipher, logger: logger, clock: clock)
        claims.paymentCipher = settings.paymentCipher
        let sessions = WebSessions(
            client: platform.client,
            secureCookies: settings.secureCookies,
            logger: logger,
            clock: clock
        )
        let accounts = AccountRepository(
            outbox: platform.outbox,
            publicBaseURL: settings.common.publicBaseURL,
            logger: logger,
            clock: clock
        )
        let limiter = RateLimiter(client: platform.client, logger: logger, clock: clock)
        let csrf = CSRFProtection(secureCookies: settings.secureCookies)
        let pages = try pages()
        let hasher = PasswordHasher()
        let proxies = settings.common.trustedProxies
        let router = ServiceHTTP.router(
            checks: platform.readinessChecks,
            runtime: runtime,
            formActions: [settings.documentsOrigin, settings.franceConnect?.origin ?? ""].filter { !$0.isEmpty },
            strictTransportSecurity: platform.settings.servesHTTPS
        )
        EligibilityController(pages: pages).addRoutes(to: router)
        AccountController(
            accounts: accounts,
            hasher: hasher,
            limiter: limiter,
            pages: pages,
            csrf: csrf,
            trustedProxies: proxies
        )
        .addRoutes(to: router)
        let franceConnect = settings.franceConnect.map { configuration in
            OIDCSignIn(
                provider: OIDCProvider(configuration: configuration),
                attempts: SignInAttempts(client: platform.client, logger: logger, clock: clock),
                cookieName: "mij-franceconnect",
                cookiePath: FranceConnectController.startPath,
                secureCookies: settings.secureCookies
            )
        }
        SignInController(
            accounts: accounts,
            hasher: hasher,
            limiter: limiter,
            sessions: sessions,
            pages: pages,
            csrf: csrf,
            trustedProxies: proxies,
            identityProvider: franceConnect.map { _ in
                FormPage.IdentityProvider(
                    name: "FranceConnect",
                    href: FranceConnectController.startPath,
                    aboutHref: "https://franceconnect.gouv.fr/"
                )
            },
            providerSignOut: franceConnect?.endSessionLocation
        ).addRoutes(to: router)
        if let franceConnect {
            FranceConnectController(
                signIn: franceConnect,
                limiter: limiter,
                trustedProxies: proxies,
                accounts: accounts,
                sessions: sessions,
                pages: pages
            ).addRoutes(to: router)
        }
        let gate = ClaimantGate(sessions: sessions)
        let addresses = ClaimAddressCheck(places: Places(client: platform.client, logger: logger))
        ClaimController(
            claims: claims,
            pages: pages,
            gate: gate,
            transfers: transfers,
            csrf: csrf,
            apiToken: settings.apiToken,
            addresses: addresses,
            clock: clock
        ).addRoutes(
            to: router
        )
        PersonalDataController(
            export: ClaimantDataExport(client: platform.client, cipher: cipher, logger: logger),
            summaries: DataSummaries(outbox: platform.outbox, claims: claims, logger: logger, clock: clock),
            transfers: transfers,
            policy: settings.common.retention,
            pages: pages,
            gate: gate,
            csrf: csrf,
            clock: clock
        ).addRoutes(to: router)
        ClaimDraftController(
            claims: claims,
            pages: pages,
            csrf: csrf,
            gate: gate,
            uploads: transfers,
            addresses: addresses,
            accountEmail: { try await accounts.email(of: $0) },
            clock: clock
        ).addRoutes(to: router)
        DeclarationAttachController(
            attachments: DeclarationAttachments(outbox: platform.outbox, logger: logger, clock: clock),
            claims: claims,
            accountEmail: { try await accounts.email(of: $0) },
            limiter: limiter,
            pages: pages,
            csrf: csrf,
            gate: gate,
            trustedProxies: proxies,
            clock: clock
        ).addRoutes(to: router)
        return router
    }
}
