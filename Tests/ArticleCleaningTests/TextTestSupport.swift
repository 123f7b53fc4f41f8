import Foundation
@testable import ArticleCleaning

/// Paths, gold files and checks shared by the text-dump tests.
enum TextTestSupport {
    /// The package root, computed from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared material beside the package (`../shared`).
    static let sharedRoot: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func fixture(_ relative: String) -> URL { packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative) }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    static let seedIDs = ["000_f97fd09344562a9d", "001_e10aaa63034a8fbc", "002_5cc0c431a96b0be4"]

    /// The `.txt` articles of the development set (`../shared/dev/articles`), sorted.
    static func devTextFiles() throws -> [URL] {
        let dir = sharedRoot.appendingPathComponent("dev/articles")
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func devHTMLFiles() throws -> [URL] {
        let dir = sharedRoot.appendingPathComponent("dev/articles")
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func devGold(for article: URL) throws -> Gold {
        let name = article.deletingPathExtension().lastPathComponent
        let url = sharedRoot.appendingPathComponent("dev/gold/\(name).gold.json")
        return try JSONDecoder().decode(Gold.self, from: Data(contentsOf: url))
    }

    /// The cleaning checks of a gold file.
    struct Gold: Decodable {
        struct Fact: Decodable {
            var quote: String?
            var optional: Bool?
        }

        var title: String
        var published: String?
        var mustRemove: [String]?
        var mustKeep: [String]?
        var facts: [Fact]?
    }

    /// Runs of whitespace (no-break spaces included) collapsed to one space, trimmed.
    static func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s.unicodeScalars {
            if ch.properties.isWhitespace || ch == "\u{A0}" {
                space = true
            } else {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    // MARK: - Source-map property

    /// An independent reading of a replaced run's input bytes: character references decoded,
    /// whitespace (no-break spaces included) collapsed to single spaces, bad bytes as U+FFFD.
    static func referenceDecode(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars: [Unicode.Scalar] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x26, let (scalar, len) = referenceEntity(bytes[i...]) {
                scalars.append(scalar)
                i += len
                continue
            }
            // Decode one UTF-8 scalar; an invalid byte reads as U+FFFD.
            let c = bytes[i]
            var len = 1
            if c >= 0xF0 { len = 4 } else if c >= 0xE0 { len = 3 } else if c >= 0xC0 { len = 2 }
            if c < 0x80 {
                scalars.append(Unicode.Scalar(c))
            } else if i + len <= bytes.endIndex,
                      let s = String(validating: Array(bytes[i..<(i + len)]), as: UTF8.self)?.unicodeScalars.first {
                scalars.append(s)
            } else {
                scalars.append("\u{FFFD}")
                len = 1
            }
            i += len
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        // Collapse whitespace but keep a lone space (a whitespace run becomes " ").
        var out = ""
        var space = false
        for ch in text.unicodeScalars {
            if ch.properties.isWhitespace {
                space = true
            } else {
                if space { out.append(" ") }
                space = false
                out.unicodeScalars.append(ch)
            }
        }
        if space { out.append(" ") }
        return out
    }

    /// A small independent table for the checks; other names fall back to the library's table.
    static let commonEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "mdash": 0x2014,
        "ndash": 0x2013, "hellip": 0x2026, "rsquo": 0x2019, "lsquo": 0x2018, "ldquo": 0x201C, "rdquo": 0x201D,
        "copy": 0xA9, "eacute": 0xE9,
    ]

    static func referenceEntity(_ b: ArraySlice<UInt8>) -> (Unicode.Scalar, Int)? {
        guard let semi = b.prefix(40).firstIndex(of: 0x3B) else {
            // Legacy forms without ';'.
            for (name, v) in [("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("nbsp", 0xA0)]
            where b.dropFirst().starts(with: Array(name.utf8)) {
                return (Unicode.Scalar(UInt32(v)) ?? "\u{FFFD}", name.utf8.count + 1)
            }
            return nil
        }
        let body = String(decoding: b[(b.startIndex + 1)..<semi], as: UTF8.self)
        let length = semi + 1 - b.startIndex
        if body.hasPrefix("#x") || body.hasPrefix("#X"), let v = UInt32(body.dropFirst(2), radix: 16) {
            return (fixNumeric(v), length)
        }
        if body.hasPrefix("#"), let v = UInt32(body.dropFirst()) { return (fixNumeric(v), length) }
        if let v = commonEntities[body] ?? TextEntities.named[body], let s = Unicode.Scalar(v) { return (s, length) }
        return nil
    }

    static func fixNumeric(_ v: UInt32) -> Unicode.Scalar {
        if v >= 0x80 && v <= 0x9F { return Unicode.Scalar(InputDecoder.cp1252High[Int(v) - 0x80]) ?? "\u{FFFD}" }
        if v == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// Problems with an article's source map against its raw input (empty when it is exact).
    ///
    /// - Copied runs: the input bytes equal the text bytes.
    /// - Replaced runs: the input bytes, entity-decoded and whitespace-normalised, equal the text.
    /// - Synthetic runs: whitespace with an empty input range.
    /// - Any range inside one copied run maps (through ``SourceMap/source(forText:)``) to equal bytes.
    static func sourceMapProblems(_ article: CleanedArticle, raw: [UInt8], samples: Int = 3) -> [String] {
        var problems: [String] = []
        let text = Array(article.text.utf8)
        var covered = 0
        for run in article.sourceMap.runs {
            guard run.text.end <= text.count, run.source.end <= raw.count, run.text.start == covered else {
                problems.append("run \(run.text) -> \(run.source) out of bounds or not contiguous (covered \(covered))")
                break
            }
            covered = run.text.end
            let t = text[run.text.range]
            let s = raw[run.source.range]
            if run.copied {
                if !t.elementsEqual(s) { problems.append("copied run \(run.text) differs from source \(run.source)") }
                // Sub-ranges map byte-exactly.
                let n = t.count
                var cuts: [(Int, Int)] = [(0, n), (0, min(n, 1)), (max(0, n - 1), n)]
                if n > 2 { cuts.append((n / 3, 2 * n / 3)) }
                for k in 0..<samples where n > 1 {
                    let a = (k * 7919) % n
                    let b = a + 1 + ((k * 104_729) % (n - a))
                    cuts.append((a, min(n, b)))
                }
                for (a, b) in cuts where b > a {
                    let tr = ByteRange(start: run.text.start + a, end: run.text.start + b)
                    let src = article.sourceMap.source(forText: tr)
                    if src.end > raw.count || !raw[src.range].elementsEqual(text[tr.range]) {
                        problems.append("text \(tr) maps to \(src), bytes differ")
                    }
                }
            } else if run.source.isEmpty {
                if !t.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) { problems.append("synthetic run \(run.text) is not whitespace") }
            } else {
                let expected = referenceDecode(s)
                let got = String(decoding: t, as: UTF8.self)
                if expected != got {
                    problems.append("replaced run \(run.text) = \(got.debugDescription) but source \(run.source) reads \(expected.debugDescription)")
                }
            }
        }
        if covered != text.count { problems.append("runs cover \(covered) of \(text.count) text bytes") }
        return problems
    }

    /// Structural problems: block ranges inside the text and ordered, removed spans inside the input and ordered.
    static func structureProblems(_ article: CleanedArticle, rawCount: Int) -> [String] {
        var problems: [String] = []
        let count = article.text.utf8.count
        var last = 0
        for b in article.blocks {
            if b.text.start < last || b.text.end > count || b.text.isEmpty { problems.append("block \(b.text) out of order") }
            last = b.text.end
        }
        var lastStart = 0
        for r in article.removed {
            if r.source.start < lastStart || r.source.end > rawCount || r.source.isEmpty {
                problems.append("removed \(r.kind) \(r.source) out of order or bounds")
            }
            if r.preview.count > 80 { problems.append("preview longer than 80 characters") }
            lastStart = r.source.start
        }
        return problems
    }
}
