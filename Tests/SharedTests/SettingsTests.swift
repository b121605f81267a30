import AMQP
import Configuration
import Persistence
import Testing

@testable import ServiceKit

struct SettingsTests {
    private func reader(_ environment: [String: String]) -> SettingsReader {
        SettingsReader(ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment)))
    }

    @Test func serviceSpecificKeysOverrideCommonOnes() throws {
        let settings = CommonSettings(
            service: "intake",
            defaultPort: 8081,
            reader: reader([
                "INTAKE_HTTP_PORT": "9001", "AMQP_URL": "amqp://a:b@10.0.0.1:5673/",
                "INTAKE_AMQP_URL": "amqp://x:y@127.0.0.1:5674/mij",
            ])
        )
        #expect(settings.httpPort == 9001)
        #expect(settings.amqp.port == 5674)
        #expect(settings.amqp.user == "x")
        #expect(settings.amqp.virtualHost == "mij")
        #expect(settings.database.user == "intake_app")
        #expect(settings.migrationDatabase.user == "intake_migrator")
    }

    @Test func theLinksToTheServersCanBeEncryptedAndChecked() throws {
        let settings = CommonSettings(
            service: "intake",
            defaultPort: 8081,
            reader: reader([
                "POSTGRES_SSLMODE": "verify-full", "POSTGRES_SSLROOTCERT": "/etc/mij/postgres-ca/ca.crt",
                "AMQP_URL": "amqps://intake:secret@rabbitmq.mij.svc/mij", "AMQP_CACERT": "/etc/mij/rabbitmq-ca/ca.crt",
            ])
        )
        #expect(settings.database.tls == .verifyFull(rootCertificate: "/etc/mij/postgres-ca/ca.crt"))
        #expect(settings.migrationDatabase.tls == settings.database.tls)
        #expect(settings.amqp.usesTLS && settings.amqp.port == 5671)
        #expect(settings.amqp.caCertificate == "/etc/mij/rabbitmq-ca/ca.crt")
        let plain = CommonSettings(service: "intake", defaultPort: 8081, reader: reader([:]))
        #expect(plain.database.tls == .disable && !plain.amqp.usesTLS && plain.amqp.port == 5672)
        let wrong = reader(["POSTGRES_SSLMODE": "verify"])
        _ = CommonSettings(service: "intake", defaultPort: 8081, reader: wrong)
        #expect(throws: SettingsError.self) { try wrong.validate() }
        #expect(
            wrong.problems.contains {
                $0.hasPrefix("POSTGRES_SSLMODE must be disable, require, verify-ca or verify-full")
            }
        )
    }

    @Test func everyInvalidKeyIsReportedAtOnce() {
        let settingsReader = reader(["INTAKE_HTTP_PORT": "eighty", "AMQP_URL": "http://nope", "LOG_LEVEL": "loud"])
        _ = CommonSettings(service: "intake", defaultPort: 8081, reader: settingsReader)
        #expect(throws: SettingsError.self) { try settingsReader.validate() }
        let problems = (try? settingsReader.validate()).map { _ in [String]() } ?? settingsReader.problems
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("INTAKE_HTTP_PORT") })
    }

    @Test func deliveriesHandledAtOnceLeaveTwoConnectionsFree() {
        let defaults = CommonSettings(
            service: "notification",
            defaultPort: 8085,
            reader: reader(["POSTGRES_POOL": "6"])
        )
        #expect(defaults.amqp.prefetch == 4)
        let tooMany = reader(["POSTGRES_POOL": "10", "AMQP_PREFETCH": "9"])
        _ = CommonSettings(service: "notification", defaultPort: 8085, reader: tooMany)
        #expect(tooMany.problems.contains { $0.hasPrefix("AMQP_PREFETCH") && $0.contains("at most 8") })
    }

    @Test func amqpURLDefaultsAndEncodedVirtualHost() throws {
        let settings = try AMQPSettings(url: "amqp://127.0.0.1/%2F")
        #expect(settings.port == 5672)
        #expect(settings.user == "guest")
        #expect(settings.virtualHost == "/")
        #expect(throws: AMQPError.self) { try AMQPSettings(url: "amqps://") }
    }
}
