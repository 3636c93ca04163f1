// swift-tools-version:6.1
import PackageDescription

// Target graph (see docs/ARCHITECTURE.md):
//   GuichetDomain (Sources/)      — pure domain model and rules, Foundation only
//   GuichetProtocol (Protocol/)   — wire types of the sync protocol, imports GuichetDomain, no I/O
//   GuichetServer (Server/)       — store, routes, CLI commands; imports Domain + Protocol
//   GuichetClient (Client/)       — replica, outbox, sync engine, CLI commands; imports Domain + Protocol
//   guichet-server, guichet       — thin @main executables over the libraries
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "guichet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "guichet-server", targets: ["guichet-server"]),
        .executable(name: "guichet", targets: ["guichet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "GuichetDomain",
            path: "Sources",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GuichetProtocol",
            dependencies: ["GuichetDomain"],
            path: "Protocol",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GuichetServer",
            dependencies: [
                "GuichetDomain", "GuichetProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Server/GuichetServer",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "guichet-server",
            dependencies: ["GuichetServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Server/guichet-server",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GuichetClient",
            dependencies: [
                "GuichetDomain", "GuichetProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Client/GuichetClient",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "guichet-bench",
            dependencies: [
                "GuichetServer", "GuichetClient", "GuichetDomain", "GuichetProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Server/guichet-bench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "guichet",
            dependencies: ["GuichetClient", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Client/guichet",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuichetDomainTests",
            dependencies: ["GuichetDomain", "GuichetProtocol"],
            path: "Tests/GuichetDomainTests",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GuichetTestSupport",
            dependencies: [
                "GuichetServer",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/GuichetTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuichetServerTests",
            dependencies: [
                "GuichetServer", "GuichetProtocol", "GuichetDomain", "GuichetTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/GuichetServerTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuichetClientTests",
            dependencies: [
                "GuichetClient", "GuichetServer", "GuichetProtocol", "GuichetDomain", "GuichetTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/GuichetClientTests",
            swiftSettings: swiftSettings
        ),
    ]
)
