// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "article-claims",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ArticleClaims", targets: ["ArticleClaims"]),
        .executable(name: "extract", targets: ["extract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Layer 0: C access. libxml2 and zlib are reached only through small C shims,
        // so Swift never imports their headers (libxml2's pull in the system ICU,
        // which clashes with Foundation's copy on clean builds).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CArticleXML",
            dependencies: ["CLibXML2"]
        ),
        // Layer 1: decoding and cleaning.
        .target(
            name: "ArticleCleaning",
            dependencies: ["CArticleXML"],
            swiftSettings: strict
        ),
        // Layer 2: rule-based claim extraction over cleaned text.
        .target(
            name: "ClaimExtraction",
            dependencies: ["ArticleCleaning"],
            swiftSettings: strict
        ),
        // Layer 3: the public facade (claims/1 documents, pipeline, batch engine).
        .target(
            name: "ArticleClaims",
            dependencies: ["ArticleCleaning", "ClaimExtraction", "CZlib"],
            swiftSettings: strict
        ),
        // Layer 4: command-line tools.
        .executableTarget(
            name: "extract",
            dependencies: [
                "ArticleClaims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "evaluate",
            dependencies: [
                "ArticleClaims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // libFuzzer target over the whole pipeline (scripts/fuzz.sh); a normal build gives a
        // runner that applies the same checks to files.
        .executableTarget(
            name: "ArticleClaimsFuzz",
            dependencies: ["ArticleClaims"],
            swiftSettings: strict
        ),
        // The deterministic random generator the randomised tests share.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ArticleCleaningTests",
            dependencies: ["ArticleCleaning", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClaimExtractionTests",
            dependencies: ["ClaimExtraction", "ArticleClaims", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ArticleClaimsTests",
            dependencies: ["ArticleClaims", "TestSupport"],
            swiftSettings: strict
        ),
    ]
)
