/// A token of the value recognizers: a word, a run of ASCII digits or one punctuation mark.
struct VToken {
    enum TokType: UInt8 { case word, digits, punct }

    /// UTF-8 byte offsets into the text.
    var start: Int32
    var end: Int32
    var type: TokType
    /// The lexicon class of a word (`.other` for digits and punctuation).
    var kind: WordKind
    /// `VToken.capitalized`, `.allUpper`, `.newlineBefore`, `.spaceBefore`, `.numberTrigger`,
    /// `.dateTrigger`.
    var flags: UInt8
    /// Punctuation: the (normalised) ASCII byte. Digits: the number of digits, capped at 255.
    var byte: UInt8
    /// The lexicon value of a word.
    var val: Int16

    static let capitalized: UInt8 = 1
    static let allUpper: UInt8 = 2
    static let newlineBefore: UInt8 = 4
    static let spaceBefore: UInt8 = 8
    /// Set on every token where `NumberParser.isTrigger` may hold (digits, `-` and `.` before
    /// digits, number words): the parser skips the others without looking at them.
    static let numberTrigger: UInt8 = 16
    /// Set on every token where `DateParser.isTrigger` may hold (digits, date and number words).
    static let dateTrigger: UInt8 = 32

    /// The trigger flags of a word of each kind (indexed by `WordKind.rawValue`).
    static let triggerFlags: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for k: WordKind in [.unit, .teen, .tens, .hundred, .article, .half, .quarter, .minus] {
            t[Int(k.rawValue)] |= numberTrigger
        }
        for k: WordKind in [.month, .monthWeak, .season, .relDay, .relWord, .eoy, .end, .beginning, .start, .mid,
                            .ordinal, .unit, .teen, .tens, .letterQ, .letterH, .decadeName, .article] {
            t[Int(k.rawValue)] |= dateTrigger
        }
        return t
    }()

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
    @inline(never)
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

    static func tokenize(_ p: UnsafeBufferPointer<UInt8>) -> TokenStore {
        let n = p.count
        guard n > 0, n < Int(Int32.max), let bytes = p.baseAddress else { return TokenStore.empty() }
        let lex = ValueLexicon.shared
        return byteClass.withUnsafeBufferPointer { cls in
            lex.slots.withUnsafeBufferPointer { slots in
                // The tables have exactly 256 and `3 * ValueLexicon.size` entries.
                guard cls.count == 256, slots.count == 3 * ValueLexicon.size, let cls = cls.baseAddress,
                      let slots = slots.baseAddress else { return TokenStore.empty() }
                return tokenize(p, bytes, Tables(cls: cls, slots: slots))
            }
        }
    }

    /// The tables the scanner reads, passed in so that its loop touches no globals: the byte
    /// classes (256 entries) and the lexicon slots (`ValueLexicon.slots`).
    struct Tables {
        let cls: UnsafePointer<UInt8>
        let slots: UnsafePointer<UInt64>
    }

    /// A scanned word: where it ends, its lexicon class and value, and its flags
    /// (`capitalized`, `allUpper`, trigger flags).
    struct ScannedWord {
        var end: Int
        var kind: WordKind
        var val: Int16
        var flags: UInt8
    }

    /// The scanner proper. `bytes` is the base address of `p`. The token buffer is kept in
    /// locals (not a struct passed around) so that the loop keeps it in registers.
    static func tokenize(_ p: UnsafeBufferPointer<UInt8>, _ bytes: UnsafePointer<UInt8>, _ tb: Tables) -> TokenStore {
        let n = p.count
        var capacity = n / 4 &+ 16
        var toks = UnsafeMutablePointer<VToken>.allocate(capacity: capacity)
        // The next token goes to `out`; the buffer is full when `out == limit`.
        var out = toks
        var limit = toks + capacity
        // Indices of the tokens with a trigger flag; never more than the tokens, so the two
        // buffers share one capacity. The next index goes to `triggerOut`.
        var triggers = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        var triggerOut = triggers
        let anyTrigger = VToken.numberTrigger | VToken.dateTrigger
        var digitRuns = 0
        var i = 0
        var pending: UInt8 = 0
        /// Appends word `w` starting at byte `start` (and its index when it is a trigger).
        @inline(__always) func emitWord(_ w: ScannedWord, at start: Int) {
            if out == limit {
                (toks, out, limit, triggers, triggerOut, capacity) = grow(toks, out, triggers, triggerOut, capacity)
            }
            out.initialize(to: VToken(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: w.end),
                                      type: .word, kind: w.kind, flags: pending | w.flags, byte: 0, val: w.val))
            if w.flags & anyTrigger != 0 {
                triggerOut.initialize(to: Int32(truncatingIfNeeded: out - toks))
                triggerOut += 1
            }
            out += 1
            pending = 0
        }
        while i < n {
            var b = bytes[i]
            // Fast path: one ASCII space between tokens.
            if b == 32 {
                pending |= VToken.spaceBefore
                i &+= 1
                if i == n { break }
                b = bytes[i]
            }
            if (b | 0x20) &- 97 < 26 {
                // An ASCII letter: a word, and the words after it that one space separates.
                while true {
                    var w = ScannedWord(end: 0, kind: .other, val: 0, flags: 0)
                    if i &+ 16 > n || !fastWord(p, bytes, i, tb, &w) { w = slowWord(p, i, tb) }
                    emitWord(w, at: i)
                    i = w.end
                    guard i &+ 1 < n, bytes[i] == 32, (bytes[i &+ 1] | 0x20) &- 97 < 26 else { break }
                    pending = VToken.spaceBefore
                    i &+= 1
                }
                continue
            }
            var c = tb.cls[Int(b)]
            var seqLen = 1
            var punctByte = b
            if c == 4 {
                // Two-byte letters (Latin-1 Supplement to Cyrillic, Hebrew, Arabic) start words.
                var letter = b >= 0xC3 && b <= 0xDF
                if !letter {
                    let (len, what) = special(p, i)
                    seqLen = len
                    if what == 1 {
                        c = 0
                    } else if what != 0 {
                        c = 3
                        punctByte = what
                    } else {
                        letter = true
                    }
                }
                if letter {
                    // A word that starts with a non-ASCII letter: the general scanner.
                    let w = slowWord(p, i, tb)
                    emitWord(w, at: i)
                    i = w.end
                    continue
                }
            }
            if c == 0 {
                pending |= VToken.spaceBefore
                i &+= seqLen
            } else if c == 2 {
                let s = i
                i &+= 1
                while i < n, bytes[i] &- 48 < 10 { i &+= 1 }
                if out == limit {
                    (toks, out, limit, triggers, triggerOut, capacity) = grow(toks, out, triggers, triggerOut, capacity)
                }
                // A "-" or "." right before a digit run may start a number ("-1", ".08"): it is
                // flagged now, when the digits show up.
                if out > toks {
                    let prev = out - 1
                    if prev.pointee.type == .punct
                        && (prev.pointee.byte == UInt8(ascii: "-") || prev.pointee.byte == UInt8(ascii: ".")) {
                        prev.pointee.flags |= VToken.numberTrigger
                        triggerOut.initialize(to: Int32(truncatingIfNeeded: prev - toks))
                        triggerOut += 1
                    }
                }
                out.initialize(to: VToken(start: Int32(truncatingIfNeeded: s), end: Int32(truncatingIfNeeded: i),
                                          type: .digits, kind: .other,
                                          flags: pending | VToken.numberTrigger | VToken.dateTrigger,
                                          byte: UInt8(min(i &- s, 255)), val: 0))
                triggerOut.initialize(to: Int32(truncatingIfNeeded: out - toks))
                triggerOut += 1
                out += 1
                digitRuns &+= 1
                pending = 0
            } else if c == 3 {
                if out == limit {
                    (toks, out, limit, triggers, triggerOut, capacity) = grow(toks, out, triggers, triggerOut, capacity)
                }
                out.initialize(to: VToken(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: i &+ seqLen),
                                          type: .punct, kind: .other, flags: pending, byte: punctByte, val: 0))
                out += 1
                pending = 0
                i &+= seqLen
            } else {
                pending |= VToken.spaceBefore | VToken.newlineBefore
                i &+= 1
            }
        }
        return TokenStore(base: toks, count: out - toks, triggers: triggers, triggerCount: triggerOut - triggers,
                          digitRuns: digitRuns)
    }

    /// Token and trigger buffers twice as large holding the tokens `base ..< out` and the
    /// indices `triggers ..< triggerOut` (the old buffers are freed): the new base, next slot and
    /// limit of each, and the new capacity.
    static func grow(_ base: UnsafeMutablePointer<VToken>, _ out: UnsafeMutablePointer<VToken>,
                     _ triggers: UnsafeMutablePointer<Int32>, _ triggerOut: UnsafeMutablePointer<Int32>,
                     _ capacity: Int)
        -> (UnsafeMutablePointer<VToken>, UnsafeMutablePointer<VToken>, UnsafeMutablePointer<VToken>,
            UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, Int) {
        let count = out - base, triggerCount = triggerOut - triggers
        let bigger = UnsafeMutablePointer<VToken>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        let biggerTriggers = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
        biggerTriggers.moveInitialize(from: triggers, count: triggerCount)
        triggers.deallocate()
        return (bigger, bigger + count, bigger + capacity * 2, biggerTriggers, biggerTriggers + triggerCount,
                capacity * 2)
    }

    /// For each of the 8 bytes of `w`, the high bit set when the byte is not an ASCII letter.
    @inline(__always)
    static func nonLetterMask(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let u = (w | 0x2020_2020_2020_2020) & low7
        let geA = (u &+ 0x1F1F_1F1F_1F1F_1F1F) & high   // u >= 0x61 ("a")
        let gtZ = (u &+ 0x0505_0505_0505_0505) & high   // u >= 0x7B (past "z")
        let letter = geA & ~gtZ & ~(w & high)
        return ~letter & high
    }

    /// The fast word scanner (`bytes` is the base address of `p`): the ASCII word at `s` (an
    /// ASCII letter, `s + 16 <= p.count`) when it has at most 15 letters and no non-ASCII letter
    /// follows, found 8 bytes at a time, in `w`; false when the general scanner is needed.
    @inline(__always)
    static func fastWord(_ p: UnsafeBufferPointer<UInt8>, _ bytes: UnsafePointer<UInt8>, _ s: Int,
                         _ tb: Tables, _ w: inout ScannedWord) -> Bool {
        let bit5: UInt64 = 0x2020_2020_2020_2020
        let raw = UnsafeRawPointer(bytes + s)
        let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let nl0 = nonLetterMask(w0)
        var len = 0
        var a: UInt64 = 0, bb: UInt64 = 0, lowerBits: UInt64 = 0
        if nl0 != 0 {
            len = nl0.trailingZeroBitCount >> 3
            let m: UInt64 = (1 << UInt64(8 &* len)) &- 1
            a = (w0 | bit5) & m
            lowerBits = w0 & m & bit5
        } else {
            let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let nl1 = nonLetterMask(w1)
            if nl1 == 0 { return false }
            let l1 = nl1.trailingZeroBitCount >> 3
            len = 8 &+ l1
            let m: UInt64 = (1 << UInt64(8 &* l1)) &- 1
            a = w0 | bit5
            bb = (w1 | bit5) & m
            lowerBits = (w0 & bit5) | (w1 & m & bit5)
        }
        // A non-ASCII letter right after ("Pokémon") needs the general path; a curly quote,
        // dash or no-break space ends the word here.
        if bytes[s &+ len] >= 0x80 && special(p, s &+ len).1 == 0 { return false }
        var flags: UInt8 = 0
        if UInt8(truncatingIfNeeded: w0) < 97 { flags |= VToken.capitalized }
        if lowerBits == 0 { flags |= VToken.allUpper }
        let (kind, val, trig) = lookup(a, bb, tb)
        w = ScannedWord(end: s &+ len, kind: kind, val: val, flags: flags | trig)
        return true
    }

    /// The lexicon class, value and trigger flags of the lower-cased ASCII word packed in `a`,
    /// `b` (at most 16 bytes), or `.other`, 0 and no flags.
    @inline(__always)
    static func lookup(_ a: UInt64, _ b: UInt64, _ tb: Tables) -> (WordKind, Int16, UInt8) {
        var slot = ValueLexicon.hash(a, b)
        while true {
            let entry = tb.slots + 3 &* slot
            let m = UInt32(truncatingIfNeeded: entry[2])
            if m == 0 { return (.other, 0, 0) }
            // Letters are never 0 and the key bytes past the word are, so equal keys have equal
            // lengths.
            if entry[0] == a && entry[1] == b {
                return (WordKind.fromTable(m), Int16(bitPattern: UInt16(truncatingIfNeeded: m)),
                        ValueLexicon.triggerFlags(m))
            }
            slot = (slot &+ 1) & (ValueLexicon.size &- 1)
        }
    }

    /// The general word scanner: long words, words with non-ASCII letters, the end of the text.
    static func slowWord(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ tb: Tables) -> ScannedWord {
        let n = p.count
        var i = s
        var ascii = true
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if tb.cls[Int(b)] == 1 {
                    i &+= 1
                    continue
                }
                break
            }
            // Two-byte letters need no `special`.
            if b >= 0xC3 && b <= 0xDF {
                ascii = false
                i = min(i &+ 2, n)
                continue
            }
            let (l2, what) = special(p, i)
            if what != 0 { break }
            ascii = false
            i &+= l2
        }
        let len = i &- s
        var kind = WordKind.other
        var val: Int16 = 0
        var flags: UInt8 = 0
        if ascii {
            var a: UInt64 = 0, bb: UInt64 = 0
            var lowerCount = 0
            if p[s] < 97 { flags |= VToken.capitalized }
            for q in 0..<len {
                let x = p[s &+ q]
                if x >= 97 { lowerCount &+= 1 }
                if q < 16 {
                    let lower = UInt64(x | 0x20)
                    if q < 8 { a |= lower << UInt64(8 &* q) } else { bb |= lower << UInt64(8 &* (q &- 8)) }
                }
            }
            if len <= 16 {
                let (k, v, trig) = lookup(a, bb, tb)
                kind = k
                val = v
                flags |= trig
            }
            if lowerCount == 0 { flags |= VToken.allUpper }
        } else if p[s] >= 65 && p[s] <= 90 {
            flags |= VToken.capitalized
        }
        return ScannedWord(end: i, kind: kind, val: val, flags: flags)
    }
}

/// The tokens of one text. Owns the token buffer the tokenizer filled; reads are bounds-checked
/// like an array's.
final class TokenStore {
    private let base: UnsafeMutablePointer<VToken>
    let count: Int
    /// The indices, ascending, of the tokens with `VToken.numberTrigger` or `.dateTrigger`.
    private let triggers: UnsafeMutablePointer<Int32>
    private let triggerCount: Int
    /// The number of digit tokens (a cheap bound for sizing mention arrays).
    let digitRuns: Int

    /// Takes over `base`, which holds `count` initialised tokens, and `triggers`, which holds the
    /// `triggerCount` ascending indices of the tokens with a trigger flag.
    init(base: UnsafeMutablePointer<VToken>, count: Int, triggers: UnsafeMutablePointer<Int32>, triggerCount: Int,
         digitRuns: Int) {
        self.base = base
        self.count = count
        self.triggers = triggers
        self.triggerCount = triggerCount
        self.digitRuns = digitRuns
    }

    /// No tokens.
    static func empty() -> TokenStore {
        TokenStore(base: UnsafeMutablePointer<VToken>.allocate(capacity: 1), count: 0,
                   triggers: UnsafeMutablePointer<Int32>.allocate(capacity: 1), triggerCount: 0, digitRuns: 0)
    }

    deinit {
        base.deallocate()
        triggers.deallocate()
    }

    @inline(__always)
    subscript(i: Int) -> VToken {
        precondition(i >= 0 && i < count, "token index out of range")
        return base[i]
    }

    /// The first index `≥ i` whose token has one of the trigger `bits` in its flags, or `count`.
    /// `cursor` is a position in the trigger list, 0 at first; a scan whose `i` never decreases
    /// passes the same variable each time and visits each trigger once.
    @inline(__always)
    func next(flagged bits: UInt8, from i: Int, cursor: inout Int) -> Int {
        var k = max(cursor, 0)
        while k < triggerCount {
            let j = Int(triggers[k])
            if j >= i && base[j].flags & bits != 0 {
                cursor = k
                return j
            }
            k &+= 1
        }
        cursor = k
        return count
    }
}

/// Read access to the tokens of one text, with helpers shared by the number and date grammars.
struct TokenText {
    let toks: TokenStore
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
