import Foundation
import Logging
import Persistence
import ServiceKit
import ServiceLifecycle

/// E-mail (and later SMS) from events, with a delivery log (composition root). No public UI.
package enum NotificationService: ServiceDefinition {
    /// Notification's settings: the common ones and the mail relay.
    package struct Settings: ServiceSettings {
        package var common: CommonSettings
        package var smtpHost: String
        package var smtpPort: Int
        package var mailFrom: String
    }

    package static let name = "notification"
    package static let defaultPort = 8085

    package static func settings(from reader: SettingsReader) throws -> Settings {
        Settings(
            common: CommonSettings(service: name, defaultPort: defaultPort, reader: reader),
            smtpHost: reader.string("smtp.host", default: "127.0.0.1"),
            smtpPort: reader.int("smtp.port", default: 1025, in: 1...65535),
            mailFrom: reader.string(
                "mail.from",
                default: "Mon Indemnisation Justice <ne-pas-repondre@mon-indemnisation.justice.gouv.fr>"
            )
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
        let delivery = MailDelivery(mailer: smtp, templates: try await templates(), sender: settings.mailFrom)
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
