import ArgumentParser
import ArticleClaims
import Foundation

struct Values: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the number and date normalisers over JSON Lines test cases.",
        discussion: """
            Each input line is {"id","kind","input","reference"} (kind "number" or "date"; reference
            an ISO date or null). Each output line is {"id","predicted":[{"kind","text","start","value","mod"}]}
            with "start" in Unicode code points. A line that cannot be read yields
            {"id":null,"error":"..."} and processing continues.

            Example:
              extract values --jsonl Fixtures/values/date.jsonl
            """)

    @Option(name: .long, help: "A JSON Lines file of {\"id\",\"kind\",\"input\",\"reference\"} records ('-' for standard input).")
    var jsonl: String

    func run() throws {
        let data: Data
        do {
            data = jsonl == "-"
                ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: jsonl))
        } catch {
            FileHandle.standardError.write(Data("extract values: \(jsonl): cannot read: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        var out = ""
        out.reserveCapacity(data.count)
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            out += ValuePrediction.outputLine(forInputLine: Data(line)) + "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
