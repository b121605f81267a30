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
        package var smtpHost: String
        package var smtpPort: Int
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
        if !smsURL.isEmpty, smsToken.isEmpty { reader.report("SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL") }
        let sender = reader.string("sms.sender", default: "MIJUSTICE")
        if sender.count > 11 { reader.report("SMS_SENDER must be 11 characters at most") }
        return Settings(
            common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader),
            smtpHost: reader.string("smtp.host", default: "127.0.0.1"),
            smtpPort: reader.int("smtp.port", default: 1025, in: 1...65535),
            mailFrom: reader.string(
                "mail.from",
                default: "Mon Indemnisation Justice <ne-pas-repondre@mon-indemnisation.justice.gouv.fr>"
            ),
            sms: smsURL.isEmpty ? nil : SMSSettings(url: smsURL, token: smsToken, sender: sender)
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
        let smtp = SMTPClient(
            host: settings.smtpHost,
            port: settings.smtpPort,
            heloName: "mij-notification",
            timeout: .seconds(30)
        )
        let delivery = MailDelivery(
            mailer: smtp,
            templates: try await templates(),
            sender: settings.mailFrom,
            sms: settings.sms.map { SMSGateway(url: $0.url, token: $0.token, sender: $0.sender) }
        )
        let checks = platform.readinessChecks + [ReadinessCheck(name: "mail-relay") { try await smtp.ping() }]
        let router = ServiceHTTP.router(checks: checks, runtime: runtime)
        let app = ServiceHTTP.application(router: router, settings: settings.common)
        return platform.services(
            subscriptions: NotificationSubscriptions.all(
                delivery: delivery,
                publicBaseURL: settings.common.publicBaseURL
            )
        ) + [app]
    }
}
