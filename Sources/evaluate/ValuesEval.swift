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
        var scores: [ValueScore] = []
        for kind in [ValuePrediction.Kind.number, .date] {
            let path = (dir as NSString).appendingPathComponent("\(kind.rawValue).jsonl")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            let cases = try ValueCase.parse(jsonl: data)
            let score = ValueScore.score(cases: cases, kind: kind)
            scores.append(score)
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
            print("\n\(s.kind.rawValue): \(s.failing.count) failing cases (value); by tag:")
            var byTag: [String: Int] = [:]
            for f in s.failing {
                let tags = f.tags.isEmpty ? ["(none)"] : f.tags.map { $0.hasPrefix("rt-not-supported") ? "rt-not-supported" : $0 }
                for tag in Set(tags) { byTag[tag, default: 0] += 1 }
            }
            for (tag, n) in byTag.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                print("  \(pad(tag, 20)) \(n)")
            }
            if failures {
                for f in s.failing {
                    print("  - \(f.id) [\(f.tags.joined(separator: ","))] ref \(f.reference ?? "-")")
                    print("    input:     \(f.input)")
                    print("    expected:  \(f.expected)")
                    print("    predicted: \(f.predicted)")
                }
            }
        }
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    func f3(_ x: Double) -> String { String(format: "%.3f", x) }

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
        var corpus: [UInt8] = []
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
                    corpus += d
                    corpus.append(10)
                }
            }
        }
        guard !corpus.isEmpty else { throw ValidationError("no benchmark text") }
        let target = max(1, benchMb) << 20
        var text: [UInt8] = []
        text.reserveCapacity(target + corpus.count)
        while text.count < target { text += corpus }
        let mb = Double(text.count) / 1_048_576
        print("benchmark text: \(String(format: "%.1f", mb)) MB (\(corpus.count) bytes repeated)")
        // Per article-sized chunk (how the claim rules call the recognizers) and whole text.
        let chunks = stride(from: 0, to: text.count, by: corpus.count).map {
            Array(text[$0..<min($0 + corpus.count, text.count)])
        }
        for (name, run) in [("numbers", { (b: [UInt8]) -> Int in NumberRecognizer.recognize(in: b).count }),
                            ("dates", { (b: [UInt8]) -> Int in
                                DateRecognizer.recognize(in: b, reference: ReferenceDate(year: 2020, month: 6, day: 1)).count
                            })] {
            var best = Double.infinity
            var found = 0
            for _ in 0..<3 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                found = 0
                for c in chunks { found += run(c) }
                let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                best = min(best, dt)
            }
            print("\(pad(name, 8)) \(String(format: "%7.1f", mb / best)) MB/s  (\(found) mentions, best of 3)")
        }
    }
}

/// One test case of the recognizers-en suite.
struct ValueCase {
    struct Item {
        var text: String
        var start: Int
        var length: Int
        var values: [Any]
        var mod: String?
    }

    var id: String
    var kind: String
    var input: String
    var reference: String?
    var expected: [Item]
    var ignore: [(start: Int, length: Int)]
    var tags: [String]

    static func parse(jsonl: Data) throws -> [ValueCase] {
        var cases: [ValueCase] = []
        for (n, line) in jsonl.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = obj["id"] as? String, let kind = obj["kind"] as? String,
                  let input = obj["input"] as? String else {
                throw ValidationError("line \(n + 1): not a test case")
            }
            var items: [Item] = []
            for e in obj["expected"] as? [[String: Any]] ?? [] {
                let text = e["text"] as? String ?? ""
                var values: [Any] = []
                if let v = e["value"] { values.append(v) }
                for a in e["alt_values"] as? [Any] ?? [] { values.append(a) }
                items.append(Item(text: text, start: e["start"] as? Int ?? 0, length: text.unicodeScalars.count,
                                  values: values, mod: e["mod"] as? String))
            }
            var ignore: [(Int, Int)] = []
            for g in obj["ignore"] as? [[String: Any]] ?? [] {
                let text = g["text"] as? String ?? ""
                ignore.append((g["start"] as? Int ?? 0, text.unicodeScalars.count))
            }
            cases.append(ValueCase(id: id, kind: kind, input: input, reference: obj["reference"] as? String,
                                   expected: items, ignore: ignore, tags: obj["tags"] as? [String] ?? []))
        }
        return cases
    }
}

/// Precision / recall counts.
struct Counts {
    var tp = 0, fp = 0, fn = 0
    var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

struct ValueScore {
    struct Failure {
        var id: String
        var input: String
        var reference: String?
        var tags: [String]
        var expected: String
        var predicted: String
    }

    var kind: ValuePrediction.Kind
    var caseCount: Int
    var value = Counts()
    var valueMod = Counts()
    var failing: [Failure] = []

    static func overlaps(_ a: Int, _ al: Int, _ b: Int, _ bl: Int) -> Bool {
        a < b + bl && b < a + al
    }

    static func valueMatches(_ p: ValuePrediction, _ expected: Any) -> Bool {
        if let x = p.number {
            guard let e = (expected as? NSNumber)?.doubleValue else { return false }
            return abs(x - e) <= 1e-9 * max(1, abs(e))
        }
        if let t = p.timex, let e = expected as? String { return t == e }
        return false
    }

    /// Scores one case: (tp, fp, fn) with or without mods.
    static func scoreCase(_ c: ValueCase, _ preds: [ValuePrediction], withMod: Bool) -> Counts {
        var counts = Counts()
        var used = [Bool](repeating: false, count: c.expected.count)
        for p in preds {
            let pl = p.text.unicodeScalars.count
            var matched = false
            for (k, e) in c.expected.enumerated() where !used[k] {
                guard overlaps(p.start, pl, e.start, e.length) else { continue }
                guard e.values.contains(where: { valueMatches(p, $0) }) else { continue }
                if withMod && p.mod != e.mod { continue }
                used[k] = true
                matched = true
                break
            }
            if matched {
                counts.tp += 1
                continue
            }
            let touchesExpected = c.expected.contains { overlaps(p.start, pl, $0.start, $0.length) }
            let touchesIgnore = c.ignore.contains { overlaps(p.start, pl, $0.start, $0.length) }
            if touchesIgnore && !touchesExpected { continue }
            counts.fp += 1
        }
        counts.fn = used.filter { !$0 }.count
        return counts
    }

    static func score(cases: [ValueCase], kind: ValuePrediction.Kind) -> ValueScore {
        var s = ValueScore(kind: kind, caseCount: 0)
        for c in cases where c.kind == kind.rawValue {
            s.caseCount += 1
            let ref = c.reference.flatMap(ReferenceDate.init(iso:))
            let preds = ValuePrediction.predict(kind: kind, input: c.input, reference: ref)
            let v = scoreCase(c, preds, withMod: false)
            let vm = scoreCase(c, preds, withMod: true)
            s.value.tp += v.tp; s.value.fp += v.fp; s.value.fn += v.fn
            s.valueMod.tp += vm.tp; s.valueMod.fp += vm.fp; s.valueMod.fn += vm.fn
            if v.fp > 0 || v.fn > 0 || vm.fp > 0 || vm.fn > 0 {
                let exp = c.expected.map { e in
                    "\(e.text)@\(e.start)=\(e.values.map { "\($0)" }.joined(separator: "|"))\(e.mod.map { " " + $0 } ?? "")"
                }.joined(separator: "; ")
                let pred = preds.map { p in
                    "\(p.text)@\(p.start)=\(p.number.map(ValuePrediction.jsonNumber) ?? p.timex ?? "?")\(p.mod.map { " " + $0 } ?? "")"
                }.joined(separator: "; ")
                let kindOfFailure = (v.fp > 0 || v.fn > 0) ? [] : ["mod-only"]
                s.failing.append(Failure(id: c.id, input: c.input, reference: c.reference, tags: c.tags + kindOfFailure,
                                         expected: exp, predicted: pred))
            }
        }
        return s
    }
}
