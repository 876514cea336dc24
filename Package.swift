// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "quantum-exits",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "exitbrain", targets: ["exitbrain"]),
        .executable(name: "applylayer", targets: ["applylayer"]),
        .executable(name: "harvestbrain", targets: ["harvestbrain"]),
        .executable(name: "paperexchange", targets: ["paperexchange"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // C libraries, through header shims (see Sources/C*/shim.h).
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibpq", providers: [.apt(["libpq-dev"])]),

        .target(
            name: "Shared",
            dependencies: [
                "CHiredis", "CCurl", "COpenSSL", "CLibpq",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "exitbrain", dependencies: daemonDependencies),
        .executableTarget(name: "applylayer", dependencies: daemonDependencies),
        .executableTarget(name: "harvestbrain", dependencies: daemonDependencies),
        .executableTarget(name: "paperexchange", dependencies: daemonDependencies),

        // Benchmarks (bench/run compares them with a redis-py baseline); not part of the tests.
        .executableTarget(
            name: "qtbench",
            dependencies: [
                "Shared",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/Sources/qtbench"
        ),

        .executableTarget(
            name: "qtchaos",
            dependencies: [
                "Shared",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "chaos/Sources/qtchaos"
        ),

        .testTarget(
            name: "SharedTests",
            dependencies: ["Shared"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Shared"]
        ),
    ]
)

var daemonDependencies: [Target.Dependency] {
    [
        "Shared",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    ]
}
