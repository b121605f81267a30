import Foundation

/// A throwaway self-signed certificate and its key, made with openssl in `directory` (`cert.pem`, `key.pem`): a
/// relay's own certificate, or a CA that signed nothing the test servers present.
package enum SelfSignedCertificate {
    /// The paths of the certificate and of its key; `subjectAltName` as openssl writes it (`DNS:localhost,…`).
    package static func make(in directory: URL, commonName: String, subjectAltName: String? = nil) throws
        -> (certificate: String, key: String)
    {
        let (certificate, key) = (
            directory.appendingPathComponent("cert.pem").path, directory.appendingPathComponent("key.pem").path
        )
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments =
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(commonName)"]
            + (subjectAltName.map { ["-addext", "subjectAltName=\($0)"] } ?? []) + [
                "-keyout", key, "-out", certificate,
            ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        return (certificate, key)
    }
}
