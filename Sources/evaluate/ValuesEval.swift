import ArgumentParser
import ArticleClaims
import Foundation

struct ValuesEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract: "Value F1 of the number and date normalisers on the recognizers-en cases.")

    func run() throws {
        throw ValidationError("not implemented yet")
    }
}
