import ArgumentParser
import ArticleClaims
import Foundation

struct ValuesEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract: "Value F1 of the number and date normalisers on the recognizers-en cases.",
        discussion: """
            Scoring: a prediction is correct when its span overlaps an expected span and its value
            equals the expected value or one of its alt_values ("value+mod" also needs the mod to
            match). A prediction that overlaps an ignore span and no expected span counts neither
            way; every other unmatched prediction is a false positive. Each expected item matches
            at most one prediction.

            Examples:
              evaluate values
              evaluate values --failures
              evaluate values --bench Fixtures/seeds --bench-mb 20     (use a release build)
            """)

    @Option(name: .long, help: "Folder with number.jsonl and date.jsonl.")
    var dir: String = "Fixtures/values"

    @Flag(name: .long, help: "List every failing case.")
    var failures = false

    @Option(name: .long, parsing: .upToNextOption,
            help: "Measure recognizer speed over these files or folders instead of scoring.")
    var bench: [String] = []

    @Option(name: .long, help: "Size of the benchmark text in MB (the files are repeated).")
    var benchMb: Int = 20

    @Flag(name: .long, help: "Benchmark .html files as they are instead of stripping their markup first.")
    var rawMarkup = false

    @Option(name: .long, help: "List the numbers and dates found in this text file instead of scoring.")
    var show: String?

    @Option(name: .long, help: "Reference date (YYYY-MM-DD) for --show.")
    var reference: String?

    func run() throws {
        if !bench.isEmpty {
            try runBench()
            return
        }
        if let show {
            try runShow(show)
            return
        }
        var scores: [ValueSpecScore] = []
        for kind in [ValuePrediction.Kind.number, .date] {
            let path = (dir as NSString).appendingPathComponent("\(kind.rawValue).jsonl")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            let cases = try ValueSpecCase.parse(jsonl: data)
            scores.append(ValueSpecScore.run(cases, kind: kind))
        }
        var lines: [String] = []
        lines.append(pad("kind", 8) + pad("cases", 7) + pad("metric", 11) + pad("P", 7) + pad("R", 7) + pad("F1", 7)
                     + pad("tp", 5) + pad("fp", 5) + pad("fn", 5))
        for s in scores {
            for (name, c) in [("value", s.value), ("value+mod", s.valueMod)] {
                lines.append(pad(s.kind.rawValue, 8) + pad("\(s.caseCount)", 7) + pad(name, 11)
                             + pad(f3(c.precision), 7) + pad(f3(c.recall), 7) + pad(f3(c.f1), 7)
                             + pad("\(c.tp)", 5) + pad("\(c.fp)", 5) + pad("\(c.fn)", 5))
            }
        }
        print(lines.joined(separator: "\n"))
        for s in scores {
            let valueFailures = s.failures.filter { !$0.modOnly }
            let modFailures = s.failures.filter { $0.modOnly }
            print("\n\(s.kind.rawValue): \(valueFailures.count) cases with value errors, \(modFailures.count) with mod errors only")
            var byTag: [String: (Int, Int)] = [:]
            for f in s.failures {
                let tags = f.testCase.tags.isEmpty ? ["(untagged)"] : f.testCase.tags.map {
                    $0.hasPrefix("rt-not-supported") ? "rt-not-supported" : $0
                }
                for tag in Set(tags) {
                    var e = byTag[tag, default: (0, 0)]
                    if f.modOnly { e.1 += 1 } else { e.0 += 1 }
                    byTag[tag] = e
                }
            }
            if !byTag.isEmpty { print("  " + pad("tag", 20) + pad("value", 7) + "mod-only") }
            for (tag, n) in byTag.sorted(by: { $0.value.0 + $0.value.1 != $1.value.0 + $1.value.1
                ? $0.value.0 + $0.value.1 > $1.value.0 + $1.value.1 : $0.key < $1.key }) {
                print("  \(pad(tag, 20))\(pad("\(n.0)", 7))\(n.1)")
            }
            if failures {
                for f in s.failures {
                    let c = f.testCase
                    print("  - \(c.id) [\(c.tags.joined(separator: ","))]\(f.modOnly ? " (mod only)" : "") ref \(c.referenceText ?? "-")")
                    print("    input:     \(c.input)")
                    print("    expected:  " + c.expected.map { e in
                        let values = e.numbers.map(ValuePrediction.jsonNumber) + e.timexes
                        return "\(e.text)@\(e.start)=\(values.joined(separator: "|"))\(e.mod.map { " " + $0 } ?? "")"
                    }.joined(separator: "; "))
                    print("    predicted: " + f.predicted.map { p in
                        "\(p.text)@\(p.start)=\(p.number.map(ValuePrediction.jsonNumber) ?? p.timex ?? "?")\(p.mod.map { " " + $0 } ?? "")"
                    }.joined(separator: "; "))
                }
            }
        }
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    func f3(_ x: Double) -> String { String(format: "%.3f", x) }

    /// Rough text of an HTML page for benchmarking (the recognizers see cleaned text): drops
    /// script and style elements and tags, keeps everything else byte for byte.
    static func stripMarkup(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count / 2)
        var i = 0
        func startsWith(_ s: String, at k: Int) -> Bool {
            let u = Array(s.utf8)
            guard k + u.count <= b.count else { return false }
            for (o, c) in u.enumerated() where b[k + o] | 0x20 != c { return false }
            return true
        }
        while i < b.count {
            if b[i] == UInt8(ascii: "<") {
                for name in ["script", "style"] where startsWith("<" + name, at: i) {
                    var k = i + 1
                    while k < b.count && !startsWith("</" + name, at: k) { k += 1 }
                    i = k
                }
                while i < b.count && b[i] != UInt8(ascii: ">") { i += 1 }
                i += 1
                out.append(32)
                continue
            }
            out.append(b[i])
            i += 1
        }
        return out
    }

    /// CPU time used by the calling thread (wall-clock speed on a shared machine says little).
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func runShow(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        let bytes = Array(data)
        let ref = reference.flatMap(ReferenceDate.init(iso:))
        func context(_ r: ByteRange) -> String {
            let lo = max(0, r.start - 30), hi = min(bytes.count, r.end + 30)
            let s = String(decoding: bytes[lo..<r.start], as: UTF8.self) + "[" + String(decoding: bytes[r.start..<r.end], as: UTF8.self)
                + "]" + String(decoding: bytes[r.end..<hi], as: UTF8.self)
            return s.replacingOccurrences(of: "\n", with: " ")
        }
        for m in NumberRecognizer.recognize(in: bytes) {
            print("number \(pad(ValuePrediction.jsonNumber(m.value), 14)) \(pad(m.bound.rawValue, 9)) \(context(m.range))")
        }
        for m in DateRecognizer.recognize(in: bytes, reference: ref) {
            print("date   \(pad(m.timex, 14)) \(pad(m.mod ?? "-", 9)) \(context(m.range))")
        }
    }

    func runBench() throws {
        var documents: [[UInt8]] = []
        for path in bench {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            let files: [String]
            if isDir.boolValue {
                files = (try FileManager.default.contentsOfDirectory(atPath: path)).sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
            } else {
                files = [path]
            }
            for f in files {
                if let d = FileManager.default.contents(atPath: f) {
                    documents.append(rawMarkup || !f.hasSuffix(".html") ? Array(d) : Self.stripMarkup(Array(d)))
                }
            }
        }
        let corpusSize = documents.reduce(0) { $0 + $1.count }
        guard corpusSize > 0 else { throw ValidationError("no benchmark text") }
        // One call per document, as the claim rules make them, cycling until the target size.
        let target = max(1, benchMb) << 20
        var chunks: [[UInt8]] = []
        var total = 0
        while total < target {
            for d in documents where total < target {
                chunks.append(d)
                total += d.count
            }
        }
        let mb = Double(total) / 1_048_576
        print("benchmark text: \(String(format: "%.1f", mb)) MB in \(chunks.count) calls (\(documents.count) documents, \(corpusSize) bytes, cycled)")
        for (name, run) in [("numbers", { (b: [UInt8]) -> Int in NumberRecognizer.recognize(in: b).count }),
                            ("dates", { (b: [UInt8]) -> Int in
                                DateRecognizer.recognize(in: b, reference: ReferenceDate(year: 2020, month: 6, day: 1)).count
                            }),
                            ("both", { (b: [UInt8]) -> Int in
                                let v = ValueRecognizer.recognize(in: b, reference: ReferenceDate(year: 2020, month: 6, day: 1))
                                return v.numbers.count + v.dates.count
                            })] {
            var best = Double.infinity
            var bestWall = Double.infinity
            var found = 0
            for _ in 0..<3 {
                let c0 = Self.threadCPUSeconds()
                let t0 = DispatchTime.now().uptimeNanoseconds
                found = 0
                for c in chunks { found += run(c) }
                bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                best = min(best, Self.threadCPUSeconds() - c0)
            }
            print("\(pad(name, 8)) \(String(format: "%7.1f", mb / best)) MB/s of CPU time, \(String(format: "%7.1f", mb / bestWall)) MB/s wall (\(found) mentions, best of 3)")
        }
    }
}
