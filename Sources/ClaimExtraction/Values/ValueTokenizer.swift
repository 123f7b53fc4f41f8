/// A token of the value recognizers: a word, a run of ASCII digits or one punctuation mark.
struct VToken {
    enum TokType: UInt8 { case word, digits, punct }

    /// UTF-8 byte offsets into the text.
    var start: Int32
    var end: Int32
    var type: TokType
    /// The lexicon class of a word (`.other` for digits and punctuation).
    var kind: WordKind
    /// `VToken.capitalized`, `.allUpper`, `.newlineBefore`, `.spaceBefore`.
    var flags: UInt8
    /// Punctuation: the (normalised) ASCII byte. Digits: the number of digits, capped at 255.
    var byte: UInt8
    /// The lexicon value of a word.
    var val: Int16

    static let capitalized: UInt8 = 1
    static let allUpper: UInt8 = 2
    static let newlineBefore: UInt8 = 4
    static let spaceBefore: UInt8 = 8

    var isWord: Bool { type == .word }
    var isDigits: Bool { type == .digits }
    var isPunct: Bool { type == .punct }
    var digitCount: Int { Int(byte) }
    var isCapitalized: Bool { flags & VToken.capitalized != 0 }
    var isAllUpper: Bool { flags & VToken.allUpper != 0 }
    var hasNewlineBefore: Bool { flags & VToken.newlineBefore != 0 }
    var hasSpaceBefore: Bool { flags & VToken.spaceBefore != 0 }

    func isPunct(_ c: UInt8) -> Bool { type == .punct && byte == c }
    func isKind(_ k: WordKind) -> Bool { type == .word && kind == k }
}

/// Splits UTF-8 text into `VToken`s and classifies words with `ValueLexicon`.
///
/// Letters (ASCII and any non-ASCII scalar that is not a known space or punctuation mark) form
/// words, ASCII digits form digit runs, every other byte is one punctuation token. Unicode
/// spaces (NBSP, narrow NBSP, thin spaces) count as spaces; Unicode dashes and minus signs become
/// `-`, curly quotes become `'` and `"`, the ellipsis becomes `.`, currency signs become `$`.
enum ValueTokenizer {
    /// Byte classes: 0 space, 1 letter, 2 digit, 3 punctuation, 4 non-ASCII, 5 newline.
    static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 3, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = 2 }
        for c in [UInt8(ascii: " "), 9, 11, 12, 13] { t[Int(c)] = 0 }
        t[10] = 5
        for c in 0x80...0xFF { t[c] = 4 }
        return t
    }()

    /// Classifies a non-ASCII sequence at `i`: returns its length and 0 (a letter), 1 (a space)
    /// or the ASCII punctuation byte it stands for.
    @inline(__always)
    static func special(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt8) {
        let n = p.count
        let b0 = p[i]
        if b0 == 0xC2, i + 1 < n {
            let b1 = p[i + 1]
            if b1 == 0xA0 { return (2, 1) }
            if b1 == 0xAD { return (2, 1) }  // soft hyphen: ignore like a space
            if b1 == 0xA2 || b1 == 0xA3 || b1 == 0xA5 { return (2, UInt8(ascii: "$")) }  // ¢ £ ¥
            return (2, 0)
        }
        if b0 == 0xE2, i + 2 < n {
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 == 0x80 {
                switch b2 {
                case 0x80...0x8B, 0xAF: return (3, 1)
                case 0x90...0x95: return (3, UInt8(ascii: "-"))
                case 0x98, 0x99, 0x9B: return (3, UInt8(ascii: "'"))
                case 0x9C, 0x9D: return (3, UInt8(ascii: "\""))
                case 0xA6: return (3, UInt8(ascii: "."))
                case 0xA8, 0xA9: return (3, 1)
                default: return (3, 0)
                }
            }
            if b1 == 0x81 && b2 == 0x9F { return (3, 1) }
            if b1 == 0x82 { return (3, UInt8(ascii: "$")) }  // € ₹ and other currency signs
            if b1 == 0x88 && b2 == 0x92 { return (3, UInt8(ascii: "-")) }
            return (3, 0)
        }
        if b0 == 0xE3, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0x80 { return (3, 1) }
        if b0 >= 0xF0 { return (min(4, n - i), 0) }
        if b0 >= 0xE0 { return (min(3, n - i), 0) }
        if b0 >= 0xC0 { return (min(2, n - i), 0) }
        return (1, 0)
    }

    static func tokenize(_ p: UnsafeBufferPointer<UInt8>) -> [VToken] {
        let n = p.count
        var toks: [VToken] = []
        if n == 0 || n >= Int(Int32.max) { return toks }
        toks.reserveCapacity(n / 5 + 4)
        let lex = ValueLexicon.shared
        return byteClass.withUnsafeBufferPointer { cls in
            lex.k0.withUnsafeBufferPointer { k0 in
                lex.k1.withUnsafeBufferPointer { k1 in
                    lex.meta.withUnsafeBufferPointer { meta in
                        var i = 0
                        var pending: UInt8 = 0
                        while i < n {
                            let b = p[i]
                            var c = cls[Int(b)]
                            var seqLen = 1
                            var punctByte = b
                            if c == 4 {
                                let (len, what) = special(p, i)
                                seqLen = len
                                if what == 1 { c = 0 } else if what != 0 { c = 3; punctByte = what } else { c = 1 }
                            }
                            switch c {
                            case 0:
                                pending |= VToken.spaceBefore
                                i += seqLen
                            case 5:
                                pending |= VToken.spaceBefore | VToken.newlineBefore
                                i += 1
                            case 2:
                                let s = i
                                i += 1
                                while i < n, p[i] &- 48 < 10 { i += 1 }
                                toks.append(VToken(start: Int32(s), end: Int32(i), type: .digits, kind: .other,
                                                   flags: pending, byte: UInt8(min(i - s, 255)), val: 0))
                                pending = 0
                            case 3:
                                toks.append(VToken(start: Int32(i), end: Int32(i + seqLen), type: .punct,
                                                   kind: .other, flags: pending, byte: punctByte, val: 0))
                                pending = 0
                                i += seqLen
                            default:
                                // A word.
                                let s = i
                                var a: UInt64 = 0, bb: UInt64 = 0
                                var len = 0
                                var ascii = true
                                var upper = 0
                                var firstUpper = false
                                while i < n {
                                    let x = p[i]
                                    let xc = cls[Int(x)]
                                    if xc == 1 {
                                        let lower = x | 0x20
                                        if x != lower { upper += 1; if len == 0 { firstUpper = true } }
                                        if len < 8 {
                                            a |= UInt64(lower) << UInt64(8 &* len)
                                        } else if len < 16 {
                                            bb |= UInt64(lower) << UInt64(8 &* (len &- 8))
                                        }
                                        len += 1
                                        i += 1
                                    } else if xc == 4 {
                                        let (l2, what) = special(p, i)
                                        if what != 0 { break }
                                        ascii = false
                                        len += l2
                                        i += l2
                                    } else {
                                        break
                                    }
                                }
                                var kind = WordKind.other
                                var val: Int16 = 0
                                if ascii && len <= 16 {
                                    var slot = ValueLexicon.hash(a, bb, len)
                                    while true {
                                        let m = meta[slot]
                                        if m == 0 { break }
                                        if k0[slot] == a && k1[slot] == bb && Int(m >> 24) == len {
                                            kind = WordKind(rawValue: UInt8(truncatingIfNeeded: m >> 16)) ?? .other
                                            val = Int16(bitPattern: UInt16(truncatingIfNeeded: m))
                                            break
                                        }
                                        slot = (slot &+ 1) & (ValueLexicon.size &- 1)
                                    }
                                }
                                var flags = pending
                                if firstUpper { flags |= VToken.capitalized }
                                if ascii && upper == len && len > 0 { flags |= VToken.allUpper }
                                toks.append(VToken(start: Int32(s), end: Int32(i), type: .word, kind: kind,
                                                   flags: flags, byte: 0, val: val))
                                pending = 0
                            }
                        }
                        return toks
                    }
                }
            }
        }
    }
}

/// Read access to the tokens of one text, with helpers shared by the number and date grammars.
struct TokenText {
    let toks: [VToken]
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { toks.count }

    /// Whether token `j` starts right where token `j - 1` ends (no space between them).
    @inline(__always)
    func glued(_ j: Int) -> Bool {
        j > 0 && j < toks.count && toks[j].start == toks[j - 1].end
    }

    /// The value of a digit token (nil when it has more than 18 digits).
    func digitValue(_ j: Int) -> Int? {
        let t = toks[j]
        guard t.type == .digits, t.end - t.start <= 18 else { return nil }
        var v = 0
        for k in Int(t.start)..<Int(t.end) { v = v &* 10 &+ Int(bytes[k] &- 48) }
        return v
    }

    /// The lower-cased ASCII text of token `j` (for rare checks only).
    func lowerText(_ j: Int) -> String {
        let t = toks[j]
        var s = ""
        for k in Int(t.start)..<Int(t.end) {
            let b = bytes[k]
            s.unicodeScalars.append(Unicode.Scalar(b >= 65 && b <= 90 ? b | 0x20 : b))
        }
        return s
    }

    /// The exact bytes of token `j` equal `s` (ASCII, case-sensitive).
    func text(_ j: Int, is s: StaticString) -> Bool {
        let t = toks[j]
        let len = Int(t.end - t.start)
        guard len == s.utf8CodeUnitCount else { return false }
        let u = s.utf8Start
        for k in 0..<len where bytes[Int(t.start) + k] != u[k] { return false }
        return true
    }

    @inline(__always)
    func kind(_ j: Int) -> WordKind {
        j >= 0 && j < toks.count && toks[j].type == .word ? toks[j].kind : .other
    }

    @inline(__always)
    func isKind(_ j: Int, _ k: WordKind) -> Bool {
        j >= 0 && j < toks.count && toks[j].type == .word && toks[j].kind == k
    }

    @inline(__always)
    func isPunct(_ j: Int, _ c: UInt8) -> Bool {
        j >= 0 && j < toks.count && toks[j].type == .punct && toks[j].byte == c
    }

    @inline(__always)
    func isDigits(_ j: Int) -> Bool {
        j >= 0 && j < toks.count && toks[j].type == .digits
    }

    @inline(__always)
    func isWord(_ j: Int) -> Bool {
        j >= 0 && j < toks.count && toks[j].type == .word
    }

    /// Whether a newline separates token `j` from the one before it.
    @inline(__always)
    func newlineBefore(_ j: Int) -> Bool {
        j >= 0 && j < toks.count && toks[j].hasNewlineBefore
    }

    /// Whether token `j` is a word made only of letters that starts with a lower-case letter and
    /// is not one of the listed small words — the shape of a counted noun after a number.
    func isPlainLowerWord(_ j: Int) -> Bool {
        guard isWord(j) else { return false }
        let t = toks[j]
        let b = bytes[Int(t.start)]
        return b >= 97 && b <= 122
    }
}
