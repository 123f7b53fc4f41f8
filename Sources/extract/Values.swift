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
            out += Self.process(line: Data(line)) + "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// One output line for one input line.
    static func process(line: Data) -> String {
        func error(_ message: String, id: String? = nil) -> String {
            "{\"id\":\(id.map(ValuePrediction.jsonString) ?? "null"),\"error\":\(ValuePrediction.jsonString(message))}"
        }
        guard let object = try? JSONSerialization.jsonObject(with: line),
              let record = object as? [String: Any] else {
            return error("malformed JSON line")
        }
        guard let id = record["id"] as? String else { return error("missing string field \"id\"") }
        guard let kindName = record["kind"] as? String, let kind = ValuePrediction.Kind(rawValue: kindName) else {
            return error("field \"kind\" must be \"number\" or \"date\"", id: id)
        }
        guard let input = record["input"] as? String else { return error("missing string field \"input\"", id: id) }
        var reference: ReferenceDate?
        if let r = record["reference"], !(r is NSNull) {
            guard let s = r as? String, let date = ReferenceDate(iso: s) else {
                return error("field \"reference\" must be an ISO date or null", id: id)
            }
            reference = date
        }
        let predicted = ValuePrediction.predict(kind: kind, input: input, reference: reference)
        return "{\"id\":\(ValuePrediction.jsonString(id)),\"predicted\":[" + predicted.map(\.json).joined(separator: ",") + "]}"
    }
}
