import Configuration
import ServiceKit
import Testing

@testable import Documents

struct BlobStoreSettingsTests {
    private func read(_ environment: [String: String]) -> (BlobStoreSettings, [String]) {
        let reader = SettingsReader(
            ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
        )
        let settings = BlobStoreSettings.read(from: reader)
        do {
            try reader.validate()
            return (settings, [])
        } catch {
            return (settings, (error as? SettingsError)?.problems ?? ["\(error)"])
        }
    }

    @Test func theFilesystemIsTheDefault() {
        let (settings, problems) = read([:])
        guard case .filesystem(let path) = settings else { Issue.record("\(settings)"); return }
        #expect(path == ".run/blobs")
        #expect(problems.isEmpty)
    }

    @Test func s3NamesEveryMissingSettingAtOnce() {
        let (_, problems) = read(["DOCUMENTS_STORAGE": "s3", "DOCUMENTS_S3_ENDPOINT": "s3.example"])
        #expect(problems.count == 4)
        #expect(problems.contains { $0.hasPrefix("DOCUMENTS_S3_ENDPOINT must be an http(s) URL") })
        #expect(problems.contains("DOCUMENTS_S3_SECRET_ACCESS_KEY is required when DOCUMENTS_STORAGE=s3"))
    }

    @Test func anUnknownStoreIsRefused() {
        #expect(read(["DOCUMENTS_STORAGE": "ftp"]).1 == ["DOCUMENTS_STORAGE must be filesystem or s3, got \"ftp\""])
    }

    @Test func theEndpointGivesTheOriginTheHostAndThePathSigned() {
        let (settings, problems) = read([
            "DOCUMENTS_STORAGE": "s3", "DOCUMENTS_S3_ENDPOINT": "https://objects.example.fr:8443/s3/",
            "DOCUMENTS_S3_BUCKET": "mij", "DOCUMENTS_S3_ACCESS_KEY_ID": "id", "DOCUMENTS_S3_SECRET_ACCESS_KEY": "k",
        ])
        guard case .s3(let location) = settings else { Issue.record("\(settings)"); return }
        #expect(problems.isEmpty)
        #expect(location.origin == "https://objects.example.fr:8443")
        #expect(location.hostHeader == "objects.example.fr:8443")
        #expect(location.basePath == "/s3")
        #expect(location.region == "eu-west-3")
    }
}
