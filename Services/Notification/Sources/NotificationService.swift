import Foundation
import Logging
import Persistence
import ServiceKit
import ServiceLifecycle

/// E-mail and SMS from events, with a delivery log (composition root). No public UI.
package enum NotificationService: ServiceDefinition {
    /// Notification's settings: the common ones, the mail relay and the SMS provider.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        /// The relay (`SMTP_HOST`, `SMTP_PORT`, `SMTP_SECURITY`, `SMTP_USER`, `SMTP_PASSWORD`, `SMTP_TLS_CA_FILE`).
        var smtp: SMTPClient.Configuration
        package var mailFrom: String
        /// The SMS provider's API (`SMS_GATEWAY_URL`, `SMS_GATEWAY_TOKEN`, `SMS_SENDER`); nil sends no SMS.
        package var sms: SMSSettings?
    }

    /// Where text messages are handed over.
    package struct SMSSettings: Sendable {
        package var url: String
        package var token: String
        package var sender: String
    }

    package static let name = "notification"
    package static let defaultPort = 8085

    package static func settings(from reader: SettingsReader) throws -> Settings {
        let smsURL = reader.string("sms.gateway.url", default: "")
        let smsToken = reader.string("sms.gateway.token", default: "", secret: true)
        if smsURL.hasPrefix("http"), smsToken.isEmpty {
            reader.report("SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL")
        }
        let sender = reader.string("sms.sender", default: "MIJUSTICE")
        if sender.count > 11 { reader.report("SMS_SENDER must be 11 characters at most") }
        return Settings(
            common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader),
            smtp: smtp(from: reader),
            mailFrom: reader.string(
                "mail.from",
                default: "Mon Indemnisation Justice <ne-pas-repondre@mon-indemnisation.justice.gouv.fr>"
            ),
            sms: smsURL.isEmpty ? nil : SMSSettings(url: smsURL, token: smsToken, sender: sender)
        )
    }

    private static func smtp(from reader: SettingsReader) -> SMTPClient.Configuration {
        let securityName = reader.string("smtp.security", default: "none")
        let security = SMTPClient.Security(rawValue: securityName)
        if security == nil { reader.report("SMTP_SECURITY must be none, starttls or tls") }
        let user = reader.string("smtp.user", default: "")
        let password = reader.string("smtp.password", default: "", secret: true)
        if !user.isEmpty, security == SMTPClient.Security.none {
            reader.report("SMTP_USER needs SMTP_SECURITY=starttls or tls: credentials never travel in clear")
        }
        let caFile = reader.string("smtp.tls.ca.file", default: "")
        return SMTPClient.Configuration(
            host: reader.string("smtp.host", default: "127.0.0.1"),
            port: reader.int("smtp.port", default: 1025, in: 1...65535),
            security: security ?? .none,
            credentials: user.isEmpty ? nil : (user, password),
            trustedCAFile: caFile.isEmpty ? nil : caFile
        )
    }

    package static func migrations() throws -> [Migration] {
        try Migration.service(in: Bundle.module)
    }

    /// The e-mail templates shipped with the service.
    static func templates() async throws -> MailTemplates {
        try await MailTemplates(directory: try Bundle.module.directory("Templates"))
    }

    package static func services(settings: Settings, runtime: Runtime) async throws -> [any Service] {
        let platform = MessagingPlatform(settings: settings.common, logger: runtime.logger)
        let smtp = SMTPClient(settings.smtp)
        let delivery = MailDelivery(
            mailer: smtp,
            templates: try await templates(),
            sender: settings.mailFrom,
            ledger: DeliveryLedger(client: platform.client, logger: runtime.logger),
            sms: settings.sms.map { sms -> any TextMessenger in
                if sms.url.hasPrefix("file://"), let folder = URL(string: sms.url) {
                    return SMSDrop(directory: folder)
                }
                return SMSGateway(url: sms.url, token: sms.token, sender: sms.sender)
            }
        )
        let checks = platform.readinessChecks + [ReadinessCheck(name: "mail-relay") { try await smtp.ping() }]
        let router = ServiceHTTP.router(
            checks: checks,
            runtime: runtime,
            strictTransportSecurity: platform.settings.servesHTTPS
        )
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        return platform.services(
            subscriptions: NotificationSubscriptions.all(
                delivery: delivery,
                publicBaseURL: settings.common.publicBaseURL
            )
        ) + [
            DeliveryLogRetention(client: platform.client, policy: settings.common.retention, logger: runtime.logger),
            app,
        ]
    }
}
