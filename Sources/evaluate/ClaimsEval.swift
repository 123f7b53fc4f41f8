import ArgumentParser
import ArticleClaims
import Foundation

struct ClaimsEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Fact F1, traps and provenance on gold claim sets.")

    func run() throws {
        throw ValidationError("not implemented yet")
    }
}
