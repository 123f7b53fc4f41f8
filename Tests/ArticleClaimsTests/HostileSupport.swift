import TestSupport
import ArticleClaims
import Foundation
import Testing

/// Shared machinery of the hostile-input and linear-time suites: run the pipeline, check the
/// invariants every result must satisfy, generate inputs deterministically, time runs.
enum Hostile {
    /// What one pipeline run produced.
    struct Outcome {
        var result: DocumentResult
        var article: CleanedArticle?
        var seconds: Double
        var text: String { article?.text ?? "" }
        var json: String
    }

    /// Runs the whole pipeline on `bytes`, records a test issue for every broken invariant, and
    /// returns what it produced.
    @discardableResult
    static func run(_ bytes: [UInt8], format: InputFormat? = nil, maxBytes: Int = 64 << 20,
                    sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let options = PipelineOptions(includeText: true, maxBytes: maxBytes, format: format)
        let clock = ContinuousClock()
        var result: DocumentResult? = nil
        var article: CleanedArticle? = nil
        let elapsed = clock.measure {
            (result, article) = ClaimsPipeline.processWithArticle(bytes, sourceID: "hostile-input", options: options)
        }
        let r = result!
        let problems = violations(r, article: article, input: bytes)
        if !problems.isEmpty {
            // Keep the input for reproduction (and for Fixtures/hostile once fixed).
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-failures")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let file = dir.appendingPathComponent("\(r.source.sha256 ?? "input").bin")
            try? Data(bytes).write(to: file)
            for problem in problems {
                Issue.record(Comment(rawValue: problem + " [input saved as \(file.path)]"), sourceLocation: sourceLocation)
            }
        }
        var json = ""
        do {
            let data = try JSONEncoder().encode(r)
            json = String(decoding: data, as: UTF8.self)
            let back = try JSONDecoder().decode(DocumentResult.self, from: data)
            #expect(back.claims.count == r.claims.count, sourceLocation: sourceLocation)
            #expect(back.error?.code == r.error?.code, sourceLocation: sourceLocation)
        } catch {
            Issue.record("JSON encoding failed: \(error)", sourceLocation: sourceLocation)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if ProcessInfo.processInfo.environment["HOSTILE_REPORT"] != nil {
            // One line per run, for the table in docs/reliability.md.
            print(String(format: "hostile: %@ | %d bytes | %@ %@ | %@ | %d claims | %.0f ms", Test.current?.name ?? "?",
                         bytes.count, r.source.format?.rawValue ?? "-", r.source.encoding ?? "-",
                         r.error?.code ?? "result", r.claims.count, seconds * 1000))
        }
        return Outcome(result: r, article: article, seconds: seconds, json: json)
    }

    @discardableResult
    static func run(_ string: String, format: InputFormat? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        run(Array(string.utf8), format: format, sourceLocation: sourceLocation)
    }

    /// The invariants of one result (empty when all hold).
    static func violations(_ result: DocumentResult, article: CleanedArticle?, input: [UInt8]) -> [String] {
        var problems: [String] = []
        if result.schema != "claims/1" { problems.append("schema is \(result.schema)") }
        if let error = result.error {
            if error.code.isEmpty { problems.append("error without a code") }
            if !result.claims.isEmpty { problems.append("error result with claims") }
            return problems
        }
        guard let article else { return ["no error and no cleaned article"] }
        let text = Array(article.text.utf8)
        if text.contains(0) { problems.append("the cleaned text contains a NUL byte") }
        for block in article.blocks where !within(block.text, text.count) {
            problems.append("block \(block.text) outside the text (\(text.count) bytes)")
        }
        for span in article.removed where !within(span.source, input.count) {
            problems.append("removed span \(span.source) outside the input (\(input.count) bytes)")
        }
        let decoded = InputDecoder.decode(input)
        let identity = decoded.utf8 == input
        for run in article.sourceMap.runs {
            guard within(run.text, text.count), within(run.source, input.count) else {
                problems.append("map run \(run.text) → \(run.source) out of bounds")
                continue
            }
            // A copied run is the input byte for byte (checkable when decoding changed nothing).
            if identity && run.copied && text[run.text.range] != input[run.source.range] {
                problems.append("copied run \(run.text) differs from the input at \(run.source)")
            }
        }
        for claim in result.claims {
            let ev = claim.evidence
            guard within(ev.text, text.count) else {
                problems.append("claim \(claim.id) evidence.text \(ev.text) outside the text")
                continue
            }
            if String(decoding: text[ev.text.range], as: UTF8.self) != ev.quote {
                problems.append("claim \(claim.id): the quote is not the cleaned text at \(ev.text)")
            }
            guard within(ev.source, input.count) else {
                problems.append("claim \(claim.id) evidence.source \(ev.source) outside the input (\(input.count) bytes)")
                continue
            }
            if identity {
                // Input bytes are the decoded bytes: the scorer's own check applies as it is.
                if !ClaimsScorer.provenanceHolds(claim, input: input, isHTML: result.source.format == .html) {
                    problems.append("claim \(claim.id): input at \(ev.source) does not hold \"\(ev.quote)\"")
                }
            } else if !ClaimsScorer.provenanceHolds(claim, decoded: decoded, isHTML: result.source.format == .html) {
                problems.append("claim \(claim.id): decoded input at \(ev.source) does not hold \"\(ev.quote)\"")
            }
        }
        if result.claims.count > ExtractionLimits.maxClaims {
            problems.append("\(result.claims.count) claims, over the limit \(ExtractionLimits.maxClaims)")
        }
        return problems
    }

    static func within(_ r: ByteRange, _ count: Int) -> Bool {
        r.start >= 0 && r.start <= r.end && r.end <= count
    }

    /// The UTF-8 byte offset of the first occurrence of `needle` in `hay`.
    static func byteOffset(of needle: String, in hay: String) -> Int? {
        hay.range(of: needle).map { hay.utf8.distance(from: hay.startIndex, to: $0.lowerBound) }
    }

    /// The claims of a result in a comparable form (type, value and quote), in order.
    static func summary(_ r: DocumentResult) -> [String] {
        r.claims.map { "\($0.type.rawValue)|\($0.value)|\($0.evidence.quote)" }
    }

    // MARK: generators

    /// The tests' deterministic generator, so every run sees the same "random" input.
    typealias Random = SplitMix64

    static let syllables = ["ka", "lor", "vin", "mel", "dra", "sen", "tov", "ri", "bel", "nor", "quin", "ash",
                            "fen", "gil", "har", "jo", "mar", "pel", "ros", "tam", "ul", "wen", "yar", "zed"]

    /// A distinct capitalised made-up word for index `i` (no real names).
    static func word(_ i: Int, salt: Int = 0) -> String {
        var v = i &* 2_654_435_761 &+ salt &* 40_503 &+ 7
        var s = ""
        for _ in 0..<3 {
            s += syllables[abs(v) % syllables.count]
            v /= syllables.count
        }
        var n = i
        repeat { s += syllables[n % syllables.count]; n /= syllables.count } while n > 0
        return s.prefix(1).uppercased() + s.dropFirst()
    }

    /// `count` repetitions of `unit(i)`, joined.
    static func repeated(_ count: Int, separator: String = "", _ unit: (Int) -> String) -> String {
        var s = ""
        s.reserveCapacity(count * 16)
        for i in 0..<count {
            if i > 0 { s += separator }
            s += unit(i)
        }
        return s
    }

    /// UTF-16 bytes with a byte-order mark.
    static func utf16(_ s: String, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in s.utf16 {
            let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
            out += littleEndian ? [lo, hi] : [hi, lo]
        }
        return out
    }

    /// UTF-32 bytes with a byte-order mark.
    static func utf32(_ s: String, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE, 0, 0] : [0, 0, 0xFE, 0xFF]
        for u in s.unicodeScalars {
            let v = u.value
            let b = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            out += littleEndian ? b.reversed() : b
        }
        return out
    }

    /// Windows-1252 bytes of a string made only of characters that encoding has.
    static func windows1252(_ s: String) -> [UInt8] {
        let high: [UInt32: UInt8] = [0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86,
                                     0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C,
                                     0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
                                     0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
                                     0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F]
        return s.unicodeScalars.map { u in
            if u.value < 0x80 || (u.value >= 0xA0 && u.value <= 0xFF) { return UInt8(u.value) }
            return high[u.value] ?? 0x3F
        }
    }

    /// The package root, from this file's path.
    static func packageRoot(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    // MARK: timing

    /// Seconds one call of `body` takes.
    static func time(_ body: () -> Void) -> Double {
        let d = ContinuousClock().measure(body)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Seconds of this thread's CPU time `body` takes: unlike wall time, other processes competing
    /// for the cores barely change it (`body` must run on the calling thread).
    static func cpuTime(_ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        body()
        return now() - start
    }
}
