#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads JSON Lines records `{"id" or "url", "html" or "content" or "text", "published"?}`,
/// one document per line, streaming (one line in memory at a time).
///
/// A line that is not such a record yields a `bad-record` error input; blank lines are
/// skipped; a line longer than the limit yields `too-large` without being held in memory.
final class JSONLinesReader {
    let reader: BufferedReader
    let name: String
    let maxBytes: Int
    var lineNumber = 0
    var done = false

    init(reader: BufferedReader, name: String, maxBytes: Int) {
        self.reader = reader
        self.name = name
        self.maxBytes = maxBytes
    }

    /// The next document; nil at the end of the stream.
    func next() -> BatchInput? {
        while !done {
            let line: BufferedReader.Line
            do {
                // JSON escaping makes a record longer than its document; allow for it.
                let limit = maxBytes > Int.max / 4 ? Int.max / 2 : maxBytes * 2 + 65_536
                line = try reader.readLine(limit: limit)
            } catch {
                done = true
                return BatchInput(id: name, error: DocumentError(
                    code: error.code, message: "\(name): after line \(lineNumber): \(error.message)"))
            }
            lineNumber += 1
            switch line {
            case .end:
                done = true
                return nil
            case let .tooLong(length):
                return BatchInput(id: "\(name):\(lineNumber)", error: DocumentError(
                    code: "too-large", message: "line \(lineNumber) is \(length) bytes; the limit is \(maxBytes) bytes per document"),
                    size: length)
            case let .line(bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                return record(bytes)
            }
        }
        return nil
    }

    func record(_ bytes: [UInt8]) -> BatchInput {
        let fallback = "\(name):\(lineNumber)"
        let parsed = bytes.withUnsafeBufferPointer { JSONRecordParser.parse($0) }
        switch parsed {
        case let .failure(problem):
            return BatchInput(id: fallback, error: DocumentError(
                code: "bad-record", message: "line \(lineNumber): \(problem.message)"))
        case let .success(record):
            let id = record.id ?? record.url ?? fallback
            guard let body = record.body else {
                return BatchInput(id: id, error: DocumentError(
                    code: "bad-record", message: "line \(lineNumber): the record has no \"html\", \"content\" or \"text\" string"))
            }
            if body.count > maxBytes {
                return BatchInput(id: id, error: DocumentError(
                    code: "too-large", message: "the document is \(body.count) bytes; the limit is \(maxBytes)"),
                    size: body.count)
            }
            return BatchInput(id: id, bytes: body, published: record.published)
        }
    }
}

/// The fields of a JSON Lines record that the batch reader uses.
struct JSONRecord {
    var id: String?
    var url: String?
    var body: [UInt8]?
    var bodyRank = 0
    var published: String?
}

/// Why a record could not be parsed.
struct RecordProblem: Error {
    var message: String
}

/// A minimal JSON object parser for one record: decodes the fields it needs straight
/// into bytes and skips the others. Lenient where real dumps are sloppy (raw control
/// characters and invalid UTF-8 inside strings are kept as they are), strict about
/// structure.
enum JSONRecordParser {
    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Result<JSONRecord, RecordProblem> {
        var parser = Parser(p: p)
        do {
            return .success(try parser.record())
        } catch {
            return .failure(error)
        }
    }

    struct Parser {
        let p: UnsafeBufferPointer<UInt8>
        var i = 0
        var n: Int { p.count }

        func fail(_ what: String) -> RecordProblem {
            RecordProblem(message: i < n ? "\(what) at byte \(i + 1)" : "\(what) at the end of the line")
        }

        mutating func skipSpace() {
            while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws(RecordProblem) {
            skipSpace()
            guard i < n, p[i] == c else { throw fail("expected \(what)") }
            i += 1
        }

        mutating func record() throws(RecordProblem) -> JSONRecord {
            var r = JSONRecord()
            if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }  // a byte-order mark
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: "{") else { throw fail("expected a JSON object") }
            i += 1
            skipSpace()
            if i < n, p[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard i < n, p[i] == 0x22 else { throw fail("expected a key") }
                    let key = try string()
                    try expect(UInt8(ascii: ":"), "':'")
                    skipSpace()
                    try field(key, into: &r)
                    skipSpace()
                    guard i < n else { throw fail("unterminated object") }
                    if p[i] == UInt8(ascii: ",") { i += 1; continue }
                    if p[i] == UInt8(ascii: "}") { i += 1; break }
                    throw fail("expected ',' or '}'")
                }
            }
            skipSpace()
            guard i == n else { throw fail("unexpected text after the object") }
            return r
        }

        static let kID = Array("id".utf8), kURL = Array("url".utf8), kHTML = Array("html".utf8)
        static let kContent = Array("content".utf8), kText = Array("text".utf8), kPublished = Array("published".utf8)

        mutating func field(_ key: [UInt8], into r: inout JSONRecord) throws(RecordProblem) {
            let isString = i < n && p[i] == 0x22
            let isNull = isLiteral("null")
            switch key {
            case Parser.kID:
                if isString {
                    r.id = String(decoding: try string(), as: UTF8.self)
                } else if i < n, p[i] == UInt8(ascii: "-") || (p[i] >= 0x30 && p[i] <= 0x39) {
                    let start = i
                    try skipValue()
                    r.id = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                } else if isNull {
                    i += 4
                } else {
                    throw fail("\"id\" must be a string or a number")
                }
            case Parser.kURL, Parser.kPublished:
                if isString {
                    let value = String(decoding: try string(), as: UTF8.self)
                    if key == Parser.kURL { r.url = value } else { r.published = value.isEmpty ? nil : value }
                } else if isNull {
                    i += 4
                } else {
                    throw fail("\"\(String(decoding: key, as: UTF8.self))\" must be a string")
                }
            case Parser.kHTML, Parser.kContent, Parser.kText:
                let rank = key == Parser.kHTML ? 3 : key == Parser.kContent ? 2 : 1
                if isString {
                    let value = try string()
                    if rank > r.bodyRank { r.body = value; r.bodyRank = rank }
                } else if isNull {
                    i += 4
                } else {
                    throw fail("\"\(String(decoding: key, as: UTF8.self))\" must be a string")
                }
            default:
                try skipValue()
            }
        }

        func isLiteral(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= n else { return false }
            let w = word.utf8Start
            for k in 0..<count where p[i + k] != w[k] { return false }
            return true
        }

        /// Decodes the string at `i` (which is at its opening quote) to UTF-8 bytes.
        mutating func string() throws(RecordProblem) -> [UInt8] {
            i += 1
            var out: [UInt8] = []
            var run = i
            // The next quote and backslash at or after `i` (memchr is vectorised); each is
            // searched again only once `i` has passed it, so the scan stays linear.
            var nextQuote = -1, nextSlash = -1
            while i < n {
                if let base = p.baseAddress {
                    if nextQuote < i {
                        nextQuote = memchr(base + i, 0x22, n - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                    }
                    if nextSlash < i {
                        nextSlash = memchr(base + i, 0x5C, n - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                    }
                    i = min(nextQuote, nextSlash)
                    if i >= n { break }
                }
                let c = p[i]
                if c == 0x22 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                    i += 1
                    return out
                }
                if c != 0x5C { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                guard i + 1 < n else { break }
                let e = p[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard let unit = hex4(at: i) else { throw fail("bad \\u escape") }
                    i += 4
                    var scalar = UInt32(unit)
                    if unit >= 0xD800 && unit < 0xDC00 {
                        if i + 6 <= n, p[i] == 0x5C, p[i + 1] == UInt8(ascii: "u"), let low = hex4(at: i + 2),
                           low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if unit >= 0xDC00 && unit < 0xE000 {
                        scalar = 0xFFFD
                    }
                    InputDecoder.appendUTF8(scalar, to: &out)
                default:
                    throw fail("bad escape")
                }
                run = i
            }
            throw fail("unterminated string")
        }

        func hex4(at k: Int) -> UInt16? {
            guard k + 4 <= n else { return nil }
            var v: UInt16 = 0
            for j in k..<(k + 4) {
                let c = p[j]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt16(d)
            }
            return v
        }

        /// Skips one value of any kind (nested containers included, without recursion).
        mutating func skipValue() throws(RecordProblem) {
            var closers: [UInt8] = []
            var depth: Int { closers.count }
            while true {
                skipSpace()
                guard i < n else { throw fail("unterminated value") }
                let c = p[i]
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    closers.append(c + 2)  // '}' and ']' are two after '{' and '['
                    i += 1
                    continue
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard closers.last == c else { throw fail("unexpected '\(Character(Unicode.Scalar(c)))'") }
                    closers.removeLast()
                    i += 1
                case 0x22:
                    try skipString()
                    if depth > 0 {
                        skipSpace()
                        if i < n, p[i] == UInt8(ascii: ":") { i += 1; continue }
                    }
                default:
                    let start = i
                    while i < n {
                        let d = p[i]
                        let ok = (d >= 0x30 && d <= 0x39) || (d >= 0x61 && d <= 0x7A) || d == 0x2B || d == 0x2D || d == 0x2E || d == 0x45
                        if !ok { break }
                        i += 1
                    }
                    guard i > start else { throw fail("unexpected character") }
                }
                // After a complete value: inside a container, a ',' continues it.
                if depth == 0 { return }
                skipSpace()
                if i < n, p[i] == UInt8(ascii: ",") { i += 1 }
            }
        }

        mutating func skipString() throws(RecordProblem) {
            i += 1
            while i < n {
                let c = p[i]
                if c == 0x22 { i += 1; return }
                i += c == 0x5C ? 2 : 1
            }
            throw fail("unterminated string")
        }
    }
}
