// swift-tools-version:6.0
import PackageDescription

/// Compiler settings shared by every target of ours (STYLE.md §c.9).
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Stamps out one service: its library, its one-file executable and its unit-test target.
func service(
    _ name: String,
    uses extra: [Target.Dependency] = [],
    ui: Bool = false,
    resources: [String]? = nil
) -> [Target] {
    let library = Target.target(
        name: name,
        dependencies: ["Contracts", "Messaging", "Persistence", "ServiceKit", "AMQP"] + (ui ? ["WebUI"] : []) + extra
            + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
        path: "Services/\(name)/Sources",
        // Not "Resources": Foundation on Linux would then take that sub-folder for the bundle's resource root.
        resources: (["Migrations"] + (resources ?? (ui ? ["Templates"] : []))).map { .copy($0) },
        swiftSettings: strict
    )
    let executable = Target.executableTarget(
        name: "\(name)Main",
        dependencies: [.target(name: name), "ServiceKit"],
        path: "Services/\(name)/Main",
        swiftSettings: strict
    )
    let unitTests = Target.testTarget(
        name: "\(name)Tests",
        dependencies: [
            .target(name: name), "TestSupport", "WebUI", "ServiceKit", "Messaging",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "Configuration", package: "swift-configuration"),
        ],
        path: "Tests/\(name)Tests",
        swiftSettings: strict
    )
    return [library, executable, unitTests]
}

let services = ["Intake", "Documents", "Instruction", "Liaison", "Notification"]
let bcrypt: Target.Dependency = .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")

let package = Package(
    name: "mon-indemnisation-justice",
    platforms: [.macOS(.v15)],
    products: services.map { .executable(name: $0.lowercased(), targets: ["\($0)Main"]) } + [
        .executable(name: "mij-bench", targets: ["Bench"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CRabbitMQ",
            path: "Shared/CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        .target(
            name: "Contracts",
            path: "Shared/Contracts",
            swiftSettings: strict
        ),
        .target(
            name: "Persistence",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Shared/Persistence",
            resources: [.copy("PlatformMigrations")],
            swiftSettings: strict
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "Contracts", "Persistence",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Messaging",
            swiftSettings: strict
        ),
        .target(
            name: "AMQP",
            dependencies: [
                "CRabbitMQ", "Messaging",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/AMQP",
            swiftSettings: strict
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "Persistence", "Messaging", "AMQP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: strict
        ),
        .target(
            name: "WebUI",
            dependencies: [
                "ServiceKit", "Persistence",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/WebUI",
            resources: [.copy("Templates"), .copy("WebMigrations")],
            swiftSettings: strict
        ),
        .target(
            name: "OpenIDConnect",
            dependencies: [
                "WebUI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/OpenIDConnect",
            swiftSettings: strict
        ),
        .target(
            name: "ReferenceData",
            dependencies: [
                "Persistence", "ServiceKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ReferenceData",
            resources: [.copy("ReferenceMigrations"), .copy("Sample")],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "ServiceKit", "Messaging", "Persistence", "AMQP", "Contracts", "WebUI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "Bench",
            dependencies: [
                "AMQP", "Messaging", "Persistence", "ServiceKit", "TestSupport", "Contracts",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Bench",
            swiftSettings: strict
        ),
        .testTarget(
            name: "SharedTests",
            dependencies: [
                "Messaging", "Persistence", "ServiceKit", "AMQP", "WebUI", "TestSupport", "ReferenceData",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SharedTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ContractsTests",
            dependencies: ["Contracts", "Messaging"],
            path: "Tests/ContractsTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "TestSupport", "Intake", "Documents", "Instruction", "Liaison", "Notification", "ServiceKit",
                "Messaging",
                "AMQP", "Persistence", "Contracts", "WebUI", "OpenIDConnect", "ReferenceData",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Tests/IntegrationTests",
            swiftSettings: strict
        ),
    ]
        + service(
            "Intake",
            uses: [
                bcrypt, "OpenIDConnect", "ReferenceData",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            ui: true
        )
        + service(
            "Documents",
            uses: [
                "WebUI",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: ["Templates", "PDFWorker"]
        )
        + service(
            "Instruction",
            uses: [bcrypt, "OpenIDConnect", "ReferenceData", .product(name: "Crypto", package: "swift-crypto")],
            ui: true
        )
        + service("Liaison", uses: [bcrypt, "OpenIDConnect", "ReferenceData"], ui: true)
        + service(
            "Notification",
            uses: [
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "WebUI",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: ["Templates"]
        )
)
