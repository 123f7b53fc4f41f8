import ArticleCleaning

/// One token of the cleaned text, with UTF-8 byte offsets.
public struct Token: Sendable, Hashable {
    /// What a token is.
    public enum Kind: UInt8, Sendable, Hashable {
        /// Letters (any script), possibly with inner apostrophes, hyphens or initials' periods.
        case word
        /// Digits, possibly with thousands separators and a decimal point ("15,000", "1.5").
        case number
        /// Any other single character (punctuation, symbols, quotes).
        case punct
    }

    /// First byte.
    public var start: Int32
    /// One past the last byte.
    public var end: Int32
    /// The kind of token.
    public var kind: Kind
    /// Whether the first letter is upper-case.
    public var isCapitalized: Bool
    /// Whether there is whitespace before the token.
    public var spaceBefore: Bool
    /// Whether a word ends in a possessive "'s" or "’s".
    public var isPossessive: Bool = false
    /// A 64-bit hash of the token's bytes with ASCII letters lower-cased (fast lexicon look-ups;
    /// see ``Tokenizer/hash(_:)-swift.type.method``). Stored last so a token packs into 24 bytes.
    public var hash: UInt64

    /// The byte range.
    public var range: ByteRange { ByteRange(start: Int(start), end: Int(end)) }
}

/// Splits cleaned text into tokens.
///
/// Works on UTF-8 bytes. Curly and straight apostrophes inside a word stay in it ("Don't",
/// "Elin’s"), hyphenated words are one token ("Ji-hye", "well-known"), initials keep their
/// periods ("J.C.", "U.S."), numbers keep separators ("15,000", "1.5"). NBSP is whitespace.
public enum Tokenizer {
    /// A 64-bit hash of bytes with ASCII letters lower-cased: the bytes are packed 8 at a time
    /// (little-endian, the last chunk zero-padded), each chunk mixed in, then the length. Word-at-a-
    /// time so the tokenizer can hash an ASCII word from the same loads it finds the word with.
    @inline(__always) public static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = hashSeed
        var chunk: UInt64 = 0
        var shift: UInt64 = 0
        var len = 0
        for b in bytes {
            let c = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            chunk |= UInt64(c) << shift
            shift += 8
            len += 1
            if shift == 64 { h = mix(h, chunk); chunk = 0; shift = 0 }
        }
        if shift > 0 { h = mix(h, chunk) }
        return finish(h, len)
    }

    @usableFromInline static let hashSeed: UInt64 = 0xcbf29ce484222325

    @inline(__always) @usableFromInline static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        var x = (h ^ chunk) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 32
        return x
    }

    @inline(__always) @usableFromInline static func finish(_ h: UInt64, _ len: Int) -> UInt64 {
        var x = (h ^ UInt64(truncatingIfNeeded: len)) &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }

    /// ``hash(_:)`` of the `count` bytes at `p`, 8 at a time; `readable` bytes (at least `count`)
    /// may be loaded from `p`.
    @inline(__always) static func hashRun(_ p: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var h = hashSeed
        var k = 0
        while k + 8 <= count {
            h = mix(h, lowerASCII(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))))
            k += 8
        }
        let rest = count - k
        if rest > 0 {
            var w: UInt64 = 0
            if k + 8 <= readable {
                w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) & ((1 << UInt64(8 &* rest)) &- 1)
            } else {
                for j in 0..<rest { w |= UInt64(p[k + j]) << UInt64(8 &* j) }
            }
            h = mix(h, lowerASCII(w))
        }
        return finish(h, count)
    }

    /// `w` with each of its bytes that is an ASCII capital letter lower-cased.
    @inline(__always) static func lowerASCII(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let b = w & 0x7F7F_7F7F_7F7F_7F7F
        let geA = (b &+ 0x3F3F_3F3F_3F3F_3F3F) & high   // byte >= 0x41
        let gtZ = (b &+ 0x2525_2525_2525_2525) & high   // byte >= 0x5B
        let upper = geA & ~gtZ & ~w & high
        return w | (upper >> 2)
    }

    /// For each of the 8 bytes of `w`, the high bit set when the byte is not an ASCII letter or digit.
    @inline(__always) static func nonWordMask(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let u = (w | 0x2020_2020_2020_2020) & low7
        let geA = (u &+ 0x1F1F_1F1F_1F1F_1F1F) & high   // u >= 0x61
        let gtZ = (u &+ 0x0505_0505_0505_0505) & high   // u >= 0x7B
        let d = w & low7
        let ge0 = (d &+ 0x5050_5050_5050_5050) & high   // d >= 0x30
        let gt9 = (d &+ 0x4646_4646_4646_4646) & high   // d >= 0x3A
        let ok = ((geA & ~gtZ) | (ge0 & ~gt9)) & ~(w & high)
        return ~ok & high
    }

    /// Hash of a string as ``hash(_:)`` computes it for a token.
    public static func hash(_ s: String) -> UInt64 { hash(Array(s.utf8)) }

    /// Classification of the scalar starting at `i`: 0 space, 1 letter, 2 punctuation; `len` its byte length.
    @inline(__always) static func classify(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ table: UnsafeBufferPointer<UInt8>) -> (cls: UInt8, len: Int, upper: Bool) {
        let c = t[i]
        if c < 0x80 {
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { return (0, 1, false) }
            if (c >= 0x61 && c <= 0x7A) { return (1, 1, false) }
            if (c >= 0x41 && c <= 0x5A) { return (1, 1, true) }
            if c >= 0x30 && c <= 0x39 { return (3, 1, false) }
            return (2, 1, false)
        }
        let n = t.count
        var len = 1
        var v: UInt32 = 0
        if c >= 0xF0, i + 3 < n { len = 4; v = UInt32(c & 0x07) << 18 | UInt32(t[i + 1] & 0x3F) << 12 | UInt32(t[i + 2] & 0x3F) << 6 | UInt32(t[i + 3] & 0x3F) }
        else if c >= 0xE0, i + 2 < n { len = 3; v = UInt32(c & 0x0F) << 12 | UInt32(t[i + 1] & 0x3F) << 6 | UInt32(t[i + 2] & 0x3F) }
        else if c >= 0xC0, i + 1 < n { len = 2; v = UInt32(c & 0x1F) << 6 | UInt32(t[i + 1] & 0x3F) }
        else { return (2, 1, false) }
        if v < 0x10000 {
            let c = table[Int(v)]
            return (c & 3, len, c & 4 != 0)
        }
        let (cls, upper) = classifyAstral(v)
        return (cls, len, upper)
    }

    /// ``classify(_:_:_:)`` for a scalar beyond the BMP (Unicode properties; kept out of line so
    /// the common paths do not set up the property look-ups).
    @inline(never) static func classifyAstral(_ v: UInt32) -> (cls: UInt8, upper: Bool) {
        if v >= 0x1F000 { return (2, false) }
        guard let s = Unicode.Scalar(v) else { return (2, false) }
        let p = s.properties
        if p.isAlphabetic { return (1, p.isUppercase) }
        if p.numericType != nil { return (1, false) }
        return (2, false)
    }

    /// Class of every BMP scalar (bits 0–1: 0 space, 1 letter, 2 punctuation; bit 2: upper-case),
    /// computed once so tokenizing non-English text does not query Unicode properties per character.
    static let bmp: [UInt8] = {
        var t = [UInt8](repeating: 2, count: 0x10000)
        for v in 0x80..<0x10000 {
            if v == 0xA0 || (v >= 0x2000 && v <= 0x200B) || v == 0x202F || v == 0x205F || v == 0x3000 { t[v] = 0; continue }
            if (v >= 0x2010 && v <= 0x206F) || v == 0xAB || v == 0xBB || v == 0xA9 || v == 0xAE || v == 0xB7 || v == 0x2122
                || (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF01 && v <= 0xFF0F) || v == 0xFFFD || (v >= 0x2190 && v <= 0x2BFF) {
                t[v] = 2; continue
            }
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            let p = s.properties
            if p.isAlphabetic { t[v] = p.isUppercase ? 5 : 1 } else if p.numericType != nil { t[v] = 1 }
        }
        return t
    }()

    /// Tokenizes UTF-8 text.
    public static func tokenize(_ text: [UInt8]) -> [Token] {
        text.withUnsafeBufferPointer { tokenize($0) }
    }

    /// Tokenizes a string's UTF-8 (without copying it when the string is native).
    public static func tokenize(_ s: String) -> [Token] {
        var s = s
        return s.withUTF8 { tokenize($0) }
    }

    /// Tokenizes UTF-8 text in a buffer.
    public static func tokenize(_ t: UnsafeBufferPointer<UInt8>) -> [Token] {
        bmp.withUnsafeBufferPointer { tokenize(t, $0) }
    }

    /// ``tokenize(_:)-([UInt8])`` writing at most `chunk` tokens into each piece of storage (tests
    /// use it to put piece boundaries everywhere).
    static func tokenize(_ text: [UInt8], chunk: Int) -> [Token] {
        text.withUnsafeBufferPointer { t in bmp.withUnsafeBufferPointer { tokenize(t, $0, chunk: max(1, chunk)) } }
    }

    static func tokenize(_ t: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt8>, chunk: Int? = nil) -> [Token] {
        guard t.baseAddress != nil else { return [] }
        // Tokens are written straight into the array's storage. English prose averages 5–6 bytes
        // a token, punctuation-heavy text fewer: a quarter of the byte count holds nearly every
        // document; when it does not, the rest goes into a further array that is appended.
        var tokens: [Token] = []
        var state = (i: 0, space: true)
        var capacity = chunk ?? t.count / 4 + 8
        while state.i < t.count {
            let part = [Token](unsafeUninitializedCapacity: capacity) { buffer, count in
                (count, state) = fill(buffer, t, from: state, table)
            }
            if tokens.isEmpty { tokens = part } else { tokens += part }
            capacity = chunk ?? (t.count - state.i) / 2 + 8
        }
        return tokens
    }

    /// Tokenizes `t` from `state.i` (`state.space`: whether whitespace came before) into `out`
    /// until the text or `out` ends; returns the number of tokens written and where it stopped.
    static func fill(_ out: UnsafeMutableBufferPointer<Token>, _ t: UnsafeBufferPointer<UInt8>, from state: (i: Int, space: Bool),
                     _ table: UnsafeBufferPointer<UInt8>) -> (count: Int, state: (i: Int, space: Bool)) {
        guard let p = t.baseAddress, let o = out.baseAddress else { return (0, state) }
        let n = t.count
        let cap = out.count
        var count = 0
        var i = state.i
        var space = state.space
        while i < n && count < cap {
            let b0 = p[i]
            let start = i
            var kind: Token.Kind = .punct
            var upper = false
            var h: UInt64 = 0
            // only a word with more than ASCII letters and digits can end in "'s" / "’s"
            var extended = false
            let lb0 = b0 | 0x20
            if lb0 >= 0x61 && lb0 <= 0x7A {
                // ASCII word of letters and digits (the common case): found and hashed 8 bytes at a time
                kind = .word
                upper = b0 < 0x61
                var len = 0
                if i + 16 <= n {
                    let raw = UnsafeRawPointer(p + i)
                    let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
                    let nw0 = nonWordMask(w0)
                    if nw0 != 0 {
                        len = nw0.trailingZeroBitCount >> 3
                        let m: UInt64 = (1 << UInt64(8 &* len)) &- 1
                        h = finish(mix(hashSeed, (w0 | 0x2020_2020_2020_2020) & m), len)
                    } else {
                        let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                        let nw1 = nonWordMask(w1)
                        if nw1 != 0 {
                            let l1 = nw1.trailingZeroBitCount >> 3
                            len = 8 + l1
                            let m: UInt64 = (1 << UInt64(8 &* l1)) &- 1
                            var x = mix(hashSeed, w0 | 0x2020_2020_2020_2020)
                            if l1 > 0 { x = mix(x, (w1 | 0x2020_2020_2020_2020) & m) }
                            h = finish(x, len)
                        }
                    }
                }
                if len > 0 {
                    i += len
                } else {
                    i += 1
                    while i < n {
                        let b = p[i]
                        let lb = b | 0x20
                        if (lb >= 0x61 && lb <= 0x7A) || (b >= 0x30 && b <= 0x39) { i += 1; continue }
                        break
                    }
                    h = hashRun(p + start, i - start, readable: n - start)
                }
                if i < n, mayContinueWord(p, i, n, length: i - start) {
                    let e = continueWord(t, start, i, table)
                    if e != i { i = e; h = hashRun(p + start, i - start, readable: n - start); extended = true }
                }
            } else if b0 < 0x80 {
                if b0 == 0x20 || b0 == 0x0A || b0 == 0x09 || b0 == 0x0D || b0 == 0x0C { space = true; i += 1; continue }
                if b0 >= 0x30 && b0 <= 0x39 {
                    kind = .number
                    i += 1
                    while i < n {
                        let c = p[i]
                        if c >= 0x30 && c <= 0x39 { i += 1; continue }
                        if (c == 0x2C || c == 0x2E), i + 1 < n, p[i + 1] >= 0x30 && p[i + 1] <= 0x39 {
                            i += 2; continue
                        }
                        break
                    }
                    // Glued letters ("1.5m", "10k", "2nd", "1990s") stay with the number as a word-ish token.
                    var j = i
                    while j < n, j - i < 3, (p[j] | 0x20) >= 0x61 && (p[j] | 0x20) <= 0x7A { j += 1 }
                    if j > i, j == n || classify(t, j, table).cls != 1 { i = j }
                    h = hashRun(p + start, i - start, readable: n - start)
                } else {
                    i += 1
                    h = finish(mix(hashSeed, UInt64(b0 >= 0x41 && b0 <= 0x5A ? b0 | 0x20 : b0)), 1)
                }
            } else {
                let (cls, len, up) = classify(t, i, table)
                if cls == 0 { space = true; i += len; continue }
                if cls == 1 {
                    kind = .word
                    upper = up
                    i = continueWord(t, start, i + len, table)
                    extended = true
                } else {
                    i += len
                }
                h = hashRun(p + start, i - start, readable: n - start)
            }
            var possessive = false
            if extended, i - start > 2, p[i - 1] | 0x20 == 0x73 {
                if p[i - 2] == 0x27 { possessive = true } else if i - start > 4, p[i - 2] == 0x99, p[i - 3] == 0x80, p[i - 4] == 0xE2 { possessive = true }
            }
            (o + count).initialize(to: Token(start: Int32(start), end: Int32(i), kind: kind, isCapitalized: upper,
                                             spaceBefore: space, isPossessive: possessive, hash: h))
            count += 1
            // the one space between words, without another trip through the dispatch above
            if i < n, p[i] == 0x20 { i += 1; space = true } else { space = false }
        }
        return (count, (i, space))
    }

    /// Whether the byte at `i`, right after the ASCII letters and digits of a word of `length`
    /// bytes, can continue it (a cheap test before ``continueWord(_:_:_:_:)``): an apostrophe or
    /// hyphen, an initials' period after a one- or two-letter word, or a non-ASCII scalar other
    /// than NBSP and the General Punctuation block (dashes, curly double quotes, ellipsis), which
    /// never continue a word — the curly apostrophe U+2019 is the exception and is kept.
    @inline(__always) static func mayContinueWord(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, length: Int) -> Bool {
        let b = p[i]
        if b == 0x27 || b == 0x2D { return true }
        if b == 0x2E { return length <= 2 }
        guard b >= 0x80 else { return false }
        if b == 0xC2, i + 1 < n, p[i + 1] == 0xA0 { return false }
        if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] != 0x99 { return false }
        return true
    }

    /// Where a word that started at `start` and has been scanned up to `from` ends: letters and
    /// digits of any script, inner apostrophes and hyphens, initials' periods.
    static func continueWord(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ from: Int, _ table: UnsafeBufferPointer<UInt8>) -> Int {
        let n = t.count
        var i = from
        while i < n {
            // ASCII letters and digits: the common case, no table look-up
            let b = t[i]
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) { i += 1; continue }
            let (c2, l2, _) = classify(t, i, table)
            if c2 == 1 || c2 == 3 { i += l2; continue }
            // inner apostrophe / hyphen / curly apostrophe followed by a letter or digit
            let isApos = t[i] == 0x27 || (l2 == 3 && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0x99)
            let isHyphen = t[i] == 0x2D
            if (isApos || isHyphen), i + l2 < n {
                let (c3, _, _) = classify(t, i + l2, table)
                if c3 == 1 || (isHyphen && c3 == 3) { i += l2; continue }
            }
            // initials: a single letter followed by "." and another letter+"." ("J.C.", "U.S.")
            if t[i] == 0x2E, i - start <= 2, i + 1 < n, classify(t, i + 1, table).cls == 1 {
                let nextLen = classify(t, i + 1, table).len
                if i + 1 + nextLen < n, t[i + 1 + nextLen] == 0x2E { i += 1 + nextLen + 1; continue }
            }
            break
        }
        return i
    }
}
