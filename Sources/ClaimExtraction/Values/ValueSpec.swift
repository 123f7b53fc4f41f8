import Foundation

/// One test case of the recognizers-en value suite (`Fixtures/values/*.jsonl`).
///
/// The format: `{"id","kind","input","reference","expected":[{"text","start","value","mod",
/// "alt_values"?}],"ignore"?:[{"text","start"}],"tags"}` with `start` in Unicode code points.
public struct ValueSpecCase: Sendable {
    /// An expected (or ignored) span with its accepted values.
    public struct Item: Sendable {
        /// The matched text.
        public var text: String
        /// Offset in code points.
        public var start: Int
        /// Length in code points.
        public var length: Int
        /// Accepted numeric values: the value, then its `alt_values`.
        public var numbers: [Double]
        /// Accepted TIMEX3 values: the value, then its `alt_values`.
        public var timexes: [String]
        /// The expected mod, `nil` when unqualified.
        public var mod: String?
    }

    /// `rt:<spec file>:<index>`.
    public var id: String
    /// Which recognizer the case tests.
    public var kind: ValuePrediction.Kind
    /// The sentence.
    public var input: String
    /// The anchor for relative dates (`nil` for numbers).
    public var reference: ReferenceDate?
    /// The reference as written in the file.
    public var referenceText: String?
    /// The values the recognizer should find.
    public var expected: [Item]
    /// Spans outside the suite's scope: predictions there count neither way.
    public var ignore: [Item]
    /// `negative`, `qualifier`, `mod`, `underspecified`, `rt-not-supported:…`.
    public var tags: [String]

    /// Parses a JSON Lines file of cases; throws on a line that is not a case.
    public static func parse(jsonl: Data) throws -> [ValueSpecCase] {
        var cases: [ValueSpecCase] = []
        for (n, line) in jsonl.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = obj["id"] as? String, let kindName = obj["kind"] as? String,
                  let kind = ValuePrediction.Kind(rawValue: kindName), let input = obj["input"] as? String else {
                throw ValueSpecError(message: "line \(n + 1): not a test case")
            }
            func items(_ key: String) -> [Item] {
                (obj[key] as? [[String: Any]] ?? []).map { e in
                    let text = e["text"] as? String ?? ""
                    var numbers: [Double] = []
                    var timexes: [String] = []
                    for v in [e["value"] as Any] + (e["alt_values"] as? [Any] ?? []) {
                        if let s = v as? String { timexes.append(s) } else if let x = (v as? NSNumber)?.doubleValue {
                            numbers.append(x)
                        }
                    }
                    return Item(text: text, start: e["start"] as? Int ?? 0, length: text.unicodeScalars.count,
                                numbers: numbers, timexes: timexes, mod: e["mod"] as? String)
                }
            }
            let refText = obj["reference"] as? String
            cases.append(ValueSpecCase(id: id, kind: kind, input: input, reference: refText.flatMap(ReferenceDate.init(iso:)),
                                       referenceText: refText, expected: items("expected"), ignore: items("ignore"),
                                       tags: obj["tags"] as? [String] ?? []))
        }
        return cases
    }
}

/// A malformed test file.
public struct ValueSpecError: Error, CustomStringConvertible {
    /// What is wrong, with the line number.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// Precision, recall and F1 from true positives, false positives and false negatives.
public struct ValueCounts: Sendable, Hashable {
    /// True positives, false positives, false negatives.
    public var tp = 0, fp = 0, fn = 0
    /// Zero counts.
    public init() {}
    /// tp / (tp + fp), 1 when nothing was predicted.
    public var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    /// tp / (tp + fn), 1 when nothing was expected.
    public var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    /// The harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    static func += (a: inout ValueCounts, b: ValueCounts) {
        a.tp += b.tp
        a.fp += b.fp
        a.fn += b.fn
    }
}

/// Scores the recognizers on recognizers-en cases.
///
/// A prediction is correct when its span overlaps an expected span and its value equals the
/// expected value or one of its `alt_values` (with `withMod`, the mod must match too). A
/// prediction that overlaps an `ignore` span and no expected span counts neither way; every
/// other unmatched prediction is a false positive. Each expected item matches at most one
/// prediction; unmatched expected items are false negatives.
public struct ValueSpecScore: Sendable {
    /// A case with at least one error.
    public struct Failure: Sendable {
        /// The case.
        public var testCase: ValueSpecCase
        /// What the recognizer found.
        public var predicted: [ValuePrediction]
        /// Whether only the mods are wrong.
        public var modOnly: Bool
    }

    /// The recognizer scored.
    public var kind: ValuePrediction.Kind
    /// Cases of that kind.
    public var caseCount = 0
    /// Counts when values must match.
    public var value = ValueCounts()
    /// Counts when values and mods must match.
    public var valueMod = ValueCounts()
    /// Cases with at least one error, in file order.
    public var failures: [Failure] = []

    static func overlaps(_ a: Int, _ al: Int, _ b: Int, _ bl: Int) -> Bool { a < b + bl && b < a + al }

    static func valueMatches(_ p: ValuePrediction, _ e: ValueSpecCase.Item) -> Bool {
        if let x = p.number { return e.numbers.contains { abs(x - $0) <= 1e-9 * max(1, abs($0)) } }
        if let t = p.timex { return e.timexes.contains(t) }
        return false
    }

    /// Counts for one case.
    public static func score(_ c: ValueSpecCase, _ preds: [ValuePrediction], withMod: Bool) -> ValueCounts {
        var counts = ValueCounts()
        var used = [Bool](repeating: false, count: c.expected.count)
        for p in preds {
            let pl = p.text.unicodeScalars.count
            var matched = false
            for (k, e) in c.expected.enumerated() where !used[k] {
                guard overlaps(p.start, pl, e.start, e.length), valueMatches(p, e) else { continue }
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

    /// Runs the recognizer of `kind` on every case of that kind and scores it.
    public static func run(_ cases: [ValueSpecCase], kind: ValuePrediction.Kind) -> ValueSpecScore {
        var s = ValueSpecScore(kind: kind)
        for c in cases where c.kind == kind {
            s.caseCount += 1
            let preds = ValuePrediction.predict(kind: kind, input: c.input, reference: c.reference)
            let v = score(c, preds, withMod: false)
            let vm = score(c, preds, withMod: true)
            s.value += v
            s.valueMod += vm
            if v.fp + v.fn + vm.fp + vm.fn > 0 {
                s.failures.append(Failure(testCase: c, predicted: preds, modOnly: v.fp + v.fn == 0))
            }
        }
        return s
    }
}

extension ValuePrediction {
    /// Processes one `extract values` input line (`{"id","kind","input","reference"}`) into one
    /// output line (`{"id","predicted":[…]}`), or an error line (`{"id":null,"error":"…"}`, with
    /// the id when it could be read).
    public static func outputLine(forInputLine line: Data) -> String {
        func error(_ message: String, id: String? = nil) -> String {
            "{\"id\":\(id.map(jsonString) ?? "null"),\"error\":\(jsonString(message))}"
        }
        guard let object = try? JSONSerialization.jsonObject(with: line), let record = object as? [String: Any] else {
            return error("malformed JSON line")
        }
        guard let id = record["id"] as? String else { return error("missing string field \"id\"") }
        guard let kindName = record["kind"] as? String, let kind = Kind(rawValue: kindName) else {
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
        let predicted = predict(kind: kind, input: input, reference: reference)
        return "{\"id\":\(jsonString(id)),\"predicted\":[" + predicted.map(\.json).joined(separator: ",") + "]}"
    }
}
