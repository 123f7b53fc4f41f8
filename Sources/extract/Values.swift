import ArgumentParser
import ArticleClaims
import Foundation

struct Values: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the number and date normalisers over JSON Lines test cases.")

    @Option(name: .long, help: "A JSON Lines file of {\"id\",\"kind\",\"input\",\"reference\"} records.")
    var jsonl: String

    func run() throws {
        throw ValidationError("not implemented yet")
    }
}
