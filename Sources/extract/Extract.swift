import ArgumentParser
import ArticleClaims
import Foundation

@main
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Turn saved entertainment-news pages into verifiable claims (claims/1).",
        subcommands: [Run.self, Values.self],
        defaultSubcommand: Run.self
    )
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Extract claims from files (the default command).",
        discussion: """
            Examples:
              extract Fixtures/seeds/000_f97fd09344562a9d.txt
              extract --format text page.html
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text, table, jsonl
    }

    @Option(name: .shortAndLong, help: "Output format: json (pretty claims/1), jsonl (one line per document), text (cleaned article body), table (claims for people).")
    var format: Format = .json

    @Flag(name: .long, help: "Include the cleaned text in JSON output.")
    var includeText = false

    @Argument(help: "Files to read; '-' reads standard input.")
    var paths: [String]

    func run() throws {
        var failed = false
        for path in paths {
            let bytes: [UInt8]
            do {
                if path == "-" {
                    bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                } else {
                    bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                }
            } catch {
                FileHandle.standardError.write(Data("extract: \(path): cannot read: \(error.localizedDescription)\n".utf8))
                failed = true
                continue
            }
            let result = ClaimsPipeline.process(bytes, sourceID: path, options: PipelineOptions(includeText: includeText || format == .text))
            switch format {
            case .text:
                print(result.text ?? "")
            case .json, .jsonl, .table:
                let encoder = JSONEncoder()
                encoder.outputFormatting = format == .json ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
                let data = try encoder.encode(result)
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
