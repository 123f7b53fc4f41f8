import ArgumentParser
import ArticleClaims
import Foundation

struct Scrapinghub: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrapinghub",
        abstract: "Main-content extraction F1 on the scrapinghub benchmark.")

    func run() throws {
        throw ValidationError("not implemented yet")
    }
}
