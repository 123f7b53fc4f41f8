import ArticleCleaning

/// One recognised value in the recognizers-en test format: the matched text, its offset in
/// Unicode code points, the value and the mod.
public struct ValuePrediction: Sendable, Hashable {
    /// The kind of value.
    public enum Kind: String, Sendable, Hashable {
        case number, date
    }

    /// `number` or `date`.
    public var kind: Kind
    /// The matched text.
    public var text: String
    /// The offset of `text` in the input, in Unicode code points (a Python string index).
    public var start: Int
    /// The numeric value (numbers).
    public var number: Double?
    /// The TIMEX3 value (dates).
    public var timex: String?
    /// The TIMEX3 mod (dates), or the qualifier mod of a number (`MORE_THAN`, `EQUAL_OR_MORE`,
    /// `LESS_THAN`, `EQUAL_OR_LESS`, `APPROX`); `nil` when unqualified.
    public var mod: String?

    /// A prediction; give `number` for numbers and `timex` for dates.
    public init(kind: Kind, text: String, start: Int, number: Double? = nil, timex: String? = nil,
                mod: String? = nil) {
        self.kind = kind
        self.text = text
        self.start = start
        self.number = number
        self.timex = timex
        self.mod = mod
    }

    /// Runs the recognizer of `kind` over `input` and converts the mentions to predictions.
    public static func predict(kind: Kind, input: String, reference: ReferenceDate?) -> [ValuePrediction] {
        let bytes = Array(input.utf8)
        let offsets = CodePointOffsets(bytes)
        switch kind {
        case .number:
            return NumberRecognizer.recognize(in: bytes).map { m in
                ValuePrediction(kind: .number, text: offsets.text(bytes, m.range), start: offsets.codePoint(m.range.start),
                                number: m.value, mod: m.bound.timexMod)
            }
        case .date:
            return DateRecognizer.recognize(in: bytes, reference: reference).map { m in
                ValuePrediction(kind: .date, text: offsets.text(bytes, m.range), start: offsets.codePoint(m.range.start),
                                timex: m.timex, mod: m.mod)
            }
        }
    }

    /// The prediction as one JSON object (`{"kind","text","start","value","mod"}`); numbers that
    /// are integral print without a fraction.
    public var json: String {
        var s = "{\"kind\":\"\(kind.rawValue)\",\"text\":\(Self.jsonString(text)),\"start\":\(start),\"value\":"
        if let v = number {
            s += Self.jsonNumber(v)
        } else if let x = timex {
            s += Self.jsonString(x)
        } else {
            s += "null"
        }
        s += ",\"mod\":" + (mod.map(Self.jsonString) ?? "null") + "}"
        return s
    }

    /// A JSON number: integer form when integral and exactly representable, else the shortest
    /// round-tripping decimal.
    public static func jsonNumber(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v.rounded() == v && abs(v) < 9.0e15 { return String(Int(v)) }
        return "\(v)"
    }

    /// A JSON string literal.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Converts UTF-8 byte offsets of one text to Unicode code point offsets.
public struct CodePointOffsets: Sendable {
    /// Code point index of every byte offset that starts a scalar (and of the end).
    private var table: [Int32]

    /// Builds the table for `utf8` (O(n)).
    public init(_ utf8: [UInt8]) {
        table = [Int32](repeating: 0, count: utf8.count + 1)
        // A byte that starts a scalar maps to the number of scalars before it; a continuation
        // byte maps to its scalar's index.
        var count: Int32 = 0
        for (i, b) in utf8.enumerated() {
            if b & 0xC0 != 0x80 {
                table[i] = count
                count += 1
            } else {
                table[i] = max(0, count - 1)
            }
        }
        table[utf8.count] = count
    }

    /// The code point offset of byte offset `byte` (clamped to the text).
    public func codePoint(_ byte: Int) -> Int {
        Int(table[min(max(0, byte), table.count - 1)])
    }

    /// The text of `range` in `utf8` (invalid bytes become U+FFFD).
    public func text(_ utf8: [UInt8], _ range: ByteRange) -> String {
        let lo = min(max(0, range.start), utf8.count)
        let hi = min(max(lo, range.end), utf8.count)
        return String(decoding: utf8[lo..<hi], as: UTF8.self)
    }
}
