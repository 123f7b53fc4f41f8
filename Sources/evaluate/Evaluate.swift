import ArgumentParser
import ArticleClaims
import Foundation

@main
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score article-claims against the benchmark and gold sets.",
        subcommands: [Scrapinghub.self, ValuesEval.self, ClaimsEval.self]
    )
}
