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
        .executableTarget(name: "exitbrain", dependencies: daemonDependencies, linkerSettings: daemonLinkerSettings),
        .executableTarget(name: "applylayer", dependencies: daemonDependencies, linkerSettings: daemonLinkerSettings),
        .executableTarget(name: "harvestbrain", dependencies: daemonDependencies, linkerSettings: daemonLinkerSettings),
        .executableTarget(
            name: "paperexchange", dependencies: daemonDependencies, linkerSettings: daemonLinkerSettings),

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

/// The daemons link with lld, packed relative relocations and no exported dynamic symbols (the
/// driver exports every symbol of an executable by default): 1.4 MB of `.rela.dyn` and 1.7 MB of
/// `.dynsym`, `.dynstr` and `.gnu.hash` the loader read at every start become 30 KB, and each
/// daemon starts ≈ 2.5 MB smaller (peak RSS, `bench/RESULTS.md`). lld ships with the toolchain;
/// glibc 2.36 (Debian 12) reads DT_RELR.
var daemonLinkerSettings: [LinkerSetting] {
    [
        .unsafeFlags(
            ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
            .when(platforms: [.linux]))
    ]
}
