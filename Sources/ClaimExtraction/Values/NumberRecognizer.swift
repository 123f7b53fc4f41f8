import ArticleCleaning

/// How a recognised number is qualified ("more than", "about", "up to", …).
public enum NumberBound: String, Sendable, Codable, Hashable {
    case exact, moreThan, lessThan, approx, atLeast, atMost

    /// The TIMEX3-style mod used by the recognizers-en test format (`MORE_THAN`, `EQUAL_OR_MORE`,
    /// `LESS_THAN`, `EQUAL_OR_LESS`, `APPROX`), or `nil` for `.exact`.
    public var timexMod: String? {
        switch self {
        case .exact: return nil
        case .moreThan: return "MORE_THAN"
        case .atLeast: return "EQUAL_OR_MORE"
        case .lessThan: return "LESS_THAN"
        case .atMost: return "EQUAL_OR_LESS"
        case .approx: return "APPROX"
        }
    }
}

/// A number found in text.
public struct NumberMention: Sendable, Hashable {
    /// The whole mention including its qualifier ("more than 100 Million"), UTF-8 byte offsets.
    public var range: ByteRange
    /// The number alone ("100 Million").
    public var numberRange: ByteRange
    /// The normalised value (100000000).
    public var value: Double
    /// The qualifier, `.exact` when there is none.
    public var bound: NumberBound
    /// Whether the number is written with digits only (no number words, scale words or
    /// suffixes): "2018", "15,000", "1.5". Claim rules use it to tell a bare year from a count.
    public var isPlainDigits: Bool

    /// A mention; `isPlainDigits` defaults to `false`.
    public init(range: ByteRange, numberRange: ByteRange, value: Double, bound: NumberBound,
                isPlainDigits: Bool = false) {
        self.range = range
        self.numberRange = numberRange
        self.value = value
        self.bound = bound
        self.isPlainDigits = isPlainDigits
    }

    /// The value as an integer when it is integral and fits, else `nil`.
    public var integerValue: Int? {
        guard value.isFinite, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }
}

/// Finds and normalises numbers: digits, number words, scale words and suffixes, qualifiers.
///
/// Recognised forms:
/// - digits with thousands separators (`15,000`, `1 234 567` with plain, no-break or narrow
///   no-break spaces), decimals (`1.5`, `.08`) and signs (`-1`, "minus five", "negative one");
/// - number words up to trillions ("sixty-three", "one hundred and twenty", "two thousand",
///   "twenty-one trillion and three hundred"), "a hundred", dozens ("half a dozen" → 6),
///   halves and quarters of scales ("half a million", "five and a half million"),
///   spoken decimals ("two hundred point zero three");
/// - scale words and suffixes after digits ("100 Million", "1.5m", "10k", "2.5bn", "2mil", "1MM",
///   "10 bln");
/// - qualifiers before or after the number ("more than", "crossed", "at least", "up to",
///   "about", "or more", "or less"), reported in ``NumberMention/bound`` and included in
///   ``NumberMention/range``.
///
/// Ordinals ("4th", "first", "twenty-first") are not cardinals and produce nothing, nor does the
/// pronoun "one" ("the one you mentioned"). Years are numbers too ("2018" → 2018); callers that
/// want dates run ``DateRecognizer`` and drop numbers inside date mentions.
///
/// - Complexity: O(n) in the length of the text; one tokenisation pass, then constant work per
///   number-like token.
public enum NumberRecognizer {
    /// All numbers in `utf8`, in text order, non-overlapping.
    public static func recognize(in utf8: [UInt8]) -> [NumberMention] {
        utf8.withUnsafeBufferPointer { p in
            let toks = ValueTokenizer.tokenize(p)
            var parser = NumberParser(t: TokenText(toks: toks, bytes: p))
            return parser.run()
        }
    }
}

/// A parsed number: tokens `start ..< end`.
struct ParsedNumber {
    var start: Int
    var end: Int
    var value: Double
    var plainDigits: Bool
}

struct NumberParser {
    let t: TokenText
    var out: [NumberMention] = []
    /// Token index where the previous mention ended; qualifiers may not reach before it.
    var floor = 0

    init(t: TokenText) { self.t = t }

    mutating func run() -> [NumberMention] {
        let n = t.count
        out.reserveCapacity(t.toks.digitRuns + 8)
        var i = 0
        var cursor = 0
        while true {
            // Tokens without the trigger flag are never triggers.
            i = t.toks.next(flagged: VToken.numberTrigger, from: i, cursor: &cursor)
            guard i < n else { break }
            if isTrigger(i) {
                if let num = parseNumber(at: i) {
                    emit(num)
                    i = max(num.end, i + 1)
                    continue
                }
                if t.toks[i].isDigits {
                    // A digit run that is not a number ("1,234,567x") is not one from any of its
                    // inner groups either: skip the whole glued run (keeps the scan linear).
                    var k = i + 1
                    while k < n && t.glued(k) && (t.toks[k].isDigits || t.toks[k].isPunct(UInt8(ascii: ","))
                                                  || t.toks[k].isPunct(UInt8(ascii: "."))) {
                        k += 1
                    }
                    i = k
                    continue
                }
            }
            i += 1
        }
        return out
    }

    func isTrigger(_ i: Int) -> Bool {
        let tok = t.toks[i]
        switch tok.type {
        case .digits: return true
        case .punct:
            guard tok.byte == UInt8(ascii: "-") || tok.byte == UInt8(ascii: ".") else { return false }
            return t.isDigits(i + 1)
        case .word:
            switch tok.kind {
            case .unit, .teen, .tens, .hundred, .half, .quarter, .minus: return true
            case .article:
                // "a"/"an" starts a number only before these ("a hundred", "a half dozen"): the
                // test `readGroup` makes first, done here without parsing.
                guard let k = nextOnLine(i) else { return false }
                switch t.kind(k) {
                case .half, .quarter, .hundred, .bigScale: return true
                case .dozen: return t.toks[k].val == 0
                default: return false
                }
            default: return false
            }
        }
    }

    // MARK: Whole numbers

    /// Parses a number starting at token `i` (sign and number), without qualifiers.
    func parseNumber(at i: Int) -> ParsedNumber? {
        let tok = t.toks[i]
        // Signs.
        if tok.type == .punct && tok.byte == UInt8(ascii: "-") {
            guard t.isDigits(i + 1), !t.newlineBefore(i + 1) else { return nil }
            if t.glued(i + 1) {
                // "-1", but not "COVID-19" or "2016-10".
                if i > 0 && t.glued(i) && !t.toks[i - 1].isPunct { return nil }
                if i > 0 && t.glued(i) && t.toks[i - 1].isPunct && t.toks[i - 1].byte != UInt8(ascii: "(") {
                    return nil
                }
            } else {
                // "- 10 k": a detached minus only at the start of a line.
                guard i == 0 || t.newlineBefore(i) else { return nil }
            }
            guard var num = parseCardinal(at: i + 1) else { return nil }
            num.start = i
            num.value = -num.value
            num.plainDigits = false
            return num
        }
        if tok.type == .word && tok.kind == .minus {
            guard let next = nextOnLine(i), var num = parseCardinal(at: next) else { return nil }
            num.start = i
            num.value = -num.value
            num.plainDigits = false
            return num
        }
        guard var num = parseCardinal(at: i) else { return nil }
        // The pronoun "one": "the one you mentioned", "which one".
        if num.end == i + 1 && tok.type == .word && tok.kind == .unit && tok.val == 1 {
            if i > 0 && !t.newlineBefore(i) {
                let prev = t.toks[i - 1]
                if prev.type == .word {
                    switch prev.kind {
                    case .the, .pronounDet, .no, .determiner: return nil
                    case .relWord where prev.val == 0 || prev.val == -1: return nil
                    case .approx: break
                    default: break
                    }
                    if t.text(i - 1, is: "this") || t.text(i - 1, is: "This") { return nil }
                }
            }
            if t.isKind(i + 1, .pronounDet) && t.text(i + 1, is: "another") { return nil }
        }
        num.start = i
        return num
    }

    /// The next token when it is on the same line, else nil.
    func nextOnLine(_ j: Int) -> Int? {
        let k = j + 1
        guard k < t.count, !t.newlineBefore(k) else { return nil }
        return k
    }

    /// A group below one thousand (or a digit number of any size), possibly with a dozen
    /// multiplier; `terminal` groups (digits with a suffix) take no scale word.
    struct Group {
        var value: Double
        var end: Int
        var terminal = false
        var needsScale = false
        var isDigits = false
        var isDecimal = false
        var isZero = false
        var hasHundred = false
        var endsWithWord = false
    }

    /// Cardinal number at `i`: groups joined by scale words, then an optional spoken decimal.
    func parseCardinal(at i: Int) -> ParsedNumber? {
        guard let first = readGroup(i, first: true) else { return nil }
        var total = 0.0
        var end = first.end
        var g = first
        var lastBig = 100
        var plain = first.isDigits && !first.terminal
        var endsWithWord = first.endsWithWord
        var anyScaleOrWord = !first.isDigits || first.terminal || first.hasHundred
        while true {
            if g.terminal {
                total += g.value
                end = g.end
                break
            }
            // A scale word after the group?
            if let s = nextOnLine(g.end - 1), s == g.end, t.isKind(s, .bigScale), Int(t.toks[s].val) < lastBig {
                let scale = Int(t.toks[s].val)
                total += g.value * pow10(scale)
                lastBig = scale
                end = s + 1
                plain = false
                endsWithWord = true
                anyScaleOrWord = true
                // Another group after the scale: "two thousand and two hundred", "4 thousand 3 hundred".
                var k = end
                guard k < t.count, !t.newlineBefore(k) else { break }
                var sawAnd = false
                if t.isKind(k, .and) {
                    guard let k2 = nextOnLine(k) else { break }
                    k = k2
                    sawAnd = true
                }
                guard let next = readGroup(k, first: false) else { break }
                if next.isZero || next.isDecimal { break }
                if next.needsScale && !sawAnd { break }
                // A following scale word must be smaller than this one.
                if next.end < t.count, t.isKind(next.end, .bigScale), !t.newlineBefore(next.end) {
                    if Int(t.toks[next.end].val) >= lastBig { break }
                } else if next.needsScale {
                    break
                } else if next.isDigits && !next.hasHundred && !(sawAnd && next.value < 100) {
                    // "2 million and 15,000" are two numbers; "4 thousand and 21" is one.
                    break
                } else if next.terminal {
                    break
                }
                g = next
                continue
            }
            if g.needsScale { return nil }
            total += g.value
            end = g.end
            break
        }
        _ = anyScaleOrWord
        var value = total
        // Spoken decimals: "two hundred point zero three", "nine point nought four".
        if endsWithWord, let p = nextOnLine(end - 1), p == end, t.isKind(p, .point),
           let (frac, fend) = readSpokenFraction(p + 1) {
            value += frac
            end = fend
        }
        return ParsedNumber(start: i, end: end, value: value, plainDigits: plain)
    }

    /// Digits after "point": unit words one by one, or one teen / tens(-unit) word.
    func readSpokenFraction(_ j: Int) -> (Double, Int)? {
        guard j < t.count, !t.newlineBefore(j) else { return nil }
        var digits: [Int] = []
        var k = j
        if t.isKind(k, .teen) || t.isKind(k, .tens) {
            guard let (v, e) = t.wordSmall(k), v > 0 else { return nil }
            if v >= 10 { digits = [v / 10, v % 10] } else { digits = [v] }
            k = e
        } else {
            while k < t.count, t.isKind(k, .unit), k == j || !t.newlineBefore(k) {
                digits.append(Int(t.toks[k].val))
                k += 1
            }
        }
        guard !digits.isEmpty else { return nil }
        var f = 0.0
        var scale = 1.0
        for d in digits {
            scale *= 10
            f = f * 10 + Double(d)
        }
        return (f / scale, k)
    }

    /// Reads one group at `j`. `first`: the group starts the number (bare "hundred" and digits
    /// before "hundred" of any size are allowed only there).
    func readGroup(_ j: Int, first: Bool) -> Group? {
        guard j < t.count else { return nil }
        let tok = t.toks[j]
        var small: Double
        var smallEnd: Int
        var g = Group(value: 0, end: j)
        switch tok.type {
        case .punct:
            guard first, let d = readDigits(j) else { return nil }
            if d.suffixScale != nil { return Group(value: d.value, end: d.end, terminal: true, isDigits: true) }
            small = d.value
            smallEnd = d.end
            g.isDigits = true
            g.isDecimal = true
        case .digits:
            guard let d = readDigits(j) else { return nil }
            if d.suffixScale != nil { return Group(value: d.value, end: d.end, terminal: true, isDigits: true) }
            small = d.value
            smallEnd = d.end
            g.isDigits = true
            g.isDecimal = d.isDecimal
            g.isZero = d.value == 0
        case .word:
            switch tok.kind {
            case .unit, .teen, .tens:
                guard let (v, e) = t.wordSmall(j) else { return nil }
                small = Double(v)
                smallEnd = e
                g.isZero = v == 0
                g.endsWithWord = true
            case .article:
                guard let k = nextOnLine(j) else { return nil }
                if t.isKind(k, .half) || t.isKind(k, .quarter) {
                    return readFraction(k)
                }
                guard t.isKind(k, .hundred) || t.isKind(k, .bigScale) || (t.isKind(k, .dozen) && t.toks[k].val == 0)
                else { return nil }
                small = 1
                smallEnd = j + 1
                g.endsWithWord = true
            case .half, .quarter:
                return readFraction(j)
            case .hundred:
                guard first else { return nil }
                small = 1
                smallEnd = j
                g.endsWithWord = true
            default:
                return nil
            }
        }
        g.value = small
        g.end = smallEnd
        let integralSmall = small.rounded() == small
        let bareHundred = smallEnd == j
        // "five and a half (million)".
        if !bareHundred, integralSmall, !g.isZero, onLine(smallEnd), t.isKind(smallEnd, .and),
           onLine(smallEnd + 1), t.isKind(smallEnd + 1, .article), onLine(smallEnd + 2),
           t.isKind(smallEnd + 2, .half) {
            g.value = small + 0.5
            g.end = smallEnd + 3
            g.endsWithWord = true
            return g
        }
        let k = smallEnd
        guard onLine(k) || bareHundred else { return g }
        // Dozens: "3 dozens", "a dozen".
        if !bareHundred, t.isKind(k, .dozen), integralSmall, !g.isZero {
            g.value = small * 12
            g.end = k + 1
            g.endsWithWord = true
            return g
        }
        guard t.isKind(k, .hundred) else { return bareHundred ? nil : g }
        // Hundreds.
        if !integralSmall && !(first && g.isDigits) { return g }
        if g.isZero { return g }
        if small >= 100 && !(first && g.isDigits) { return g }
        var h = small * 100
        var end = k + 1
        g.hasHundred = true
        g.endsWithWord = true
        g.isDecimal = false
        // Optional "and" + a number below one hundred.
        if onLine(end) {
            var k2 = end
            let sawAnd = t.isKind(end, .and) && onLine(end + 1)
            if sawAnd { k2 = end + 1 }
            if let (v, e) = t.wordSmall(k2), v > 0 {
                if onLine(e) && t.isKind(e, .hundred) {
                    // "3 hundred and 2 hundred": the second is its own number.
                } else if onLine(e) && t.isKind(e, .dozen) {
                    h += Double(v) * 12
                    end = e + 1
                } else {
                    h += Double(v)
                    end = e
                }
            } else if t.isDigits(k2), let d = readDigits(k2), d.suffixScale == nil, !d.isDecimal,
                      d.value >= 1, d.value < 100,
                      !(onLine(d.end) && (t.isKind(d.end, .hundred) || t.isKind(d.end, .dozen)
                                          || t.isKind(d.end, .bigScale))) {
                h += d.value
                end = d.end
                g.endsWithWord = false
            }
        }
        g.value = h
        g.end = end
        return g
    }

    @inline(__always)
    func onLine(_ k: Int) -> Bool { t.onLine(k) }

    /// "half", "quarter", optionally followed by "a" / "of a", then a dozen or a scale word.
    func readFraction(_ j: Int) -> Group? {
        let frac = t.isKind(j, .half) ? 0.5 : 0.25
        guard var k = nextOnLine(j) else { return nil }
        if t.isKind(k, .of), let k2 = nextOnLine(k) { k = k2 }
        if t.isKind(k, .article), let k2 = nextOnLine(k) { k = k2 }
        if t.isKind(k, .dozen) {
            return Group(value: frac * 12, end: k + 1, terminal: true, endsWithWord: true)
        }
        if t.isKind(k, .bigScale) {
            return Group(value: frac, end: k, needsScale: true, endsWithWord: true)
        }
        return nil
    }

    // MARK: Digits

    struct DigitNumber {
        var value: Double
        var end: Int
        var isDecimal: Bool
        var suffixScale: Int?
    }

    /// A digit number at `j` ("1,234,567.89", "40 000", ".08", "1.5m", "2.33 k").
    func readDigits(_ j: Int) -> DigitNumber? {
        var k = j
        // The first 18 significant digits are kept exactly; later integer digits only scale.
        var mantissa = 0
        var kept = 0
        var droppedInt = 0
        var fracDigits = 0

        func add(_ idx: Int, fraction: Bool) {
            let tk = t.toks[idx]
            for q in Int(tk.start)..<Int(tk.end) {
                if kept < 18 {
                    mantissa = mantissa &* 10 &+ Int(t.bytes[q] &- 48)
                    kept += 1
                    if fraction { fracDigits += 1 }
                } else if !fraction {
                    droppedInt += 1
                }
            }
        }

        if t.toks[j].isPunct {
            // ".08"
            guard t.toks[j].byte == UInt8(ascii: "."), t.isDigits(j + 1), t.glued(j + 1) else { return nil }
            if j > 0 && t.glued(j) && (t.isDigits(j - 1) || t.isWord(j - 1)) { return nil }
            add(j + 1, fraction: true)
            k = j + 2
            if t.isPunct(k, UInt8(ascii: ".")) && t.glued(k) && t.isDigits(k + 1) && t.glued(k + 1) { return nil }
        } else {
            // Digits glued to a letter before them ("MP3", "Q4", "A1B2") are not numbers.
            if j > 0 && t.glued(j) && t.isWord(j - 1) { return nil }
            add(j, fraction: false)
            k = j + 1
            if t.toks[j].digitCount <= 3 {
                // Comma grouping.
                var groups = 0
                while t.isPunct(k, UInt8(ascii: ",")) && t.glued(k) && t.isDigits(k + 1) && t.glued(k + 1)
                        && t.toks[k + 1].digitCount == 3 {
                    add(k + 1, fraction: false)
                    k += 2
                    groups += 1
                }
                if groups == 0 {
                    // Space grouping: "1 234 567", "40 000" (space, NBSP or narrow NBSP).
                    while k < t.count, t.isDigits(k), t.toks[k].digitCount == 3, isGroupSpace(k) {
                        add(k, fraction: false)
                        k += 1
                    }
                }
            }
            // Decimals, but not dotted chains ("13.5.2015", "192.168.1.2").
            if t.isPunct(k, UInt8(ascii: ".")) && t.glued(k) && t.isDigits(k + 1) && t.glued(k + 1) {
                let k3 = k + 2
                if !(t.isPunct(k3, UInt8(ascii: ".")) && t.glued(k3) && t.isDigits(k3 + 1) && t.glued(k3 + 1)) {
                    add(k + 1, fraction: true)
                    k += 2
                }
            }
        }
        // Suffixes.
        var scale: Int?
        if k < t.count && t.isWord(k) {
            if t.glued(k) {
                guard t.toks[k].kind == .suffix, glueSuffixAllowed(k) else { return nil }
                scale = Int(t.toks[k].val)
                k += 1
            } else if t.toks[k].kind == .suffix, !t.newlineBefore(k), spacedSuffixAllowed(k),
                      !(k + 1 < t.count && t.glued(k + 1) && (t.isWord(k + 1) || t.isDigits(k + 1))) {
                scale = Int(t.toks[k].val)
                k += 1
            }
        }
        let e = (scale ?? 0) + droppedInt - fracDigits
        let value = e >= 0 ? Double(mantissa) * pow10(e) : Double(mantissa) / pow10(-e)
        return DigitNumber(value: value, end: k, isDecimal: fracDigits > 0, suffixScale: scale)
    }

    /// Whether the gap before digit token `k` is exactly one space, NBSP or narrow NBSP, and the
    /// group is not followed by more digits glued to it.
    func isGroupSpace(_ k: Int) -> Bool {
        guard k > 0, !t.newlineBefore(k) else { return false }
        let a = Int(t.toks[k - 1].end), b = Int(t.toks[k].start)
        let gap = b - a
        let bytes = t.bytes
        let ok: Bool
        switch gap {
        case 1: ok = bytes[a] == 32
        case 2: ok = bytes[a] == 0xC2 && bytes[a + 1] == 0xA0
        case 3: ok = bytes[a] == 0xE2 && bytes[a + 1] == 0x80 && (bytes[a + 2] == 0xAF || bytes[a + 2] == 0x89)
        default: ok = false
        }
        guard ok else { return false }
        // Not "40 000x" or "12 345th".
        if k + 1 < t.count && t.glued(k + 1) && t.isWord(k + 1) { return false }
        return t.toks[k - 1].isDigits
    }

    func glueSuffixAllowed(_ k: Int) -> Bool {
        // "5t" (tonnes) and "5T" are not trillions when glued.
        if t.text(k, is: "t") || t.text(k, is: "T") { return false }
        return true
    }

    func spacedSuffixAllowed(_ k: Int) -> Bool {
        // Single lower-case letters ("5 m", "2 b") are units or labels when spaced; "k" and "M" are not.
        let len = t.toks[k].end - t.toks[k].start
        if len == 1 { return t.text(k, is: "k") || t.text(k, is: "K") || t.text(k, is: "M") }
        if t.text(k, is: "mm") { return false }
        return true
    }

    // MARK: Qualifiers

    static let prefixPatterns: [([WordKind], NumberBound)] = {
        var p: [([WordKind], NumberBound)] = []
        let more: [[WordKind]] = [[.more, .than], [.greater, .than], [.higher, .than], [.larger, .than],
                                   [.bigger, .than], [.over], [.above], [.exceed], [.surpass], [.cross],
                                   [.upwards, .of], [.in, .excess, .of]]
        for x in more { p.append((x, .moreThan)) }
        let atLeast: [[WordKind]] = [
            [.at, .least], [.no, .less, .than], [.not, .less, .than], [.no, .fewer, .than], [.not, .fewer, .than],
            [.bigger, .or, .equal, .than], [.greater, .or, .equal, .than], [.greater, .or, .equal, .to],
            [.more, .or, .equal, .than], [.greater, .than, .or, .equal, .to], [.more, .than, .or, .equal, .to],
            [.bigger, .than, .or, .equal, .to], [.equal, .to, .or, .more, .than], [.equal, .to, .or, .greater, .than],
            [.equal, .to, .or, .bigger, .than], [.equal, .or, .greater, .than], [.equal, .or, .more, .than],
            [.at, .least, .or, .equal, .to], [.article, .minimum, .of], [.minimum, .of], [.no, .smaller, .than],
        ]
        for x in atLeast { p.append((x, .atLeast)) }
        // "<comparative> or equal than/to", "<comparative> than or equal to" for every comparative.
        for c: WordKind in [.more, .greater, .higher, .larger, .bigger] {
            for tail: WordKind in [.than, .to] {
                p.append(([c, .or, .equal, tail], .atLeast))
                p.append(([c, .than, .or, .equal, tail], .atLeast))
            }
        }
        for c: WordKind in [.less, .fewer, .lower, .smaller] {
            for tail: WordKind in [.than, .to] {
                p.append(([c, .or, .equal, tail], .atMost))
                p.append(([c, .than, .or, .equal, tail], .atMost))
            }
        }
        let less: [[WordKind]] = [[.less, .than], [.fewer, .than], [.under], [.below], [.smaller, .than],
                                   [.lower, .than]]
        for x in less { p.append((x, .lessThan)) }
        let atMost: [[WordKind]] = [
            [.up, .to], [.at, .most], [.no, .more, .than], [.not, .more, .than], [.no, .greater, .than],
            [.no, .larger, .than], [.smaller, .or, .equal, .than], [.less, .or, .equal, .than],
            [.less, .than, .or, .equal, .to], [.fewer, .than, .or, .equal, .to], [.smaller, .than, .or, .equal, .to],
            [.equal, .to, .or, .less, .than], [.equal, .to, .or, .fewer, .than], [.equal, .to, .or, .smaller, .than],
            [.equal, .or, .less, .than], [.article, .maximum, .of], [.maximum, .of], [.as, .many, .as],
            [.as, .much, .as],
        ]
        for x in atMost { p.append((x, .atMost)) }
        p.append(([.approx], .approx))
        p.append(([.close, .to], .approx))
        p.append(([.article, .estimated], .approx))
        p.append(([.estimated], .approx))
        // "equal to" alone: exact, but it lets a suffix ("or less") decide.
        p.append(([.equal, .to], .exact))
        return p.sorted { $0.0.count > $1.0.count }
    }()

    /// Whether a qualifier pattern can end with a word of this kind (a fast filter).
    static func canEndPrefix(_ k: WordKind) -> Bool {
        switch k {
        case .than, .over, .above, .exceed, .surpass, .cross, .of, .least, .under, .below, .to, .most, .approx,
             .estimated, .as:
            return true
        default:
            return false
        }
    }

    enum SuffixEffect { case bound(NumberBound), orEqual }

    static let suffixPatterns: [([WordKind], SuffixEffect)] = {
        var p: [([WordKind], SuffixEffect)] = []
        for x: [WordKind] in [[.or, .more], [.or, .more, .than], [.and, .more], [.or, .greater], [.or, .greater, .than],
                              [.or, .higher], [.or, .above], [.or, .over], [.and, .above], [.and, .over], [.and, .up],
                              [.or, .bigger], [.or, .larger]] {
            p.append((x, .bound(.atLeast)))
        }
        for x: [WordKind] in [[.or, .less], [.or, .less, .than], [.or, .fewer], [.or, .lower], [.or, .below],
                              [.or, .under], [.and, .under], [.and, .below], [.or, .smaller], [.or, .smaller, .than],
                              [.and, .less]] {
            p.append((x, .bound(.atMost)))
        }
        p.append(([.or, .equal], .orEqual))
        p.append(([.or, .equal, .to], .orEqual))
        return p.sorted { $0.0.count > $1.0.count }
    }()

    /// A qualifier pattern packed for matching: up to 8 word kinds, the first in the low byte.
    struct PackedPattern {
        var kinds: UInt64
        var count: Int
        var bound: NumberBound
        var orEqual: Bool
        var lastIsThan: Bool

        init(_ kinds: [WordKind], bound: NumberBound, orEqual: Bool = false) {
            precondition(!kinds.isEmpty && kinds.count <= 8, "qualifier patterns have 1…8 words")
            var packed: UInt64 = 0
            for (i, k) in kinds.enumerated() { packed |= UInt64(k.rawValue) << UInt64(8 * i) }
            self.kinds = packed
            count = kinds.count
            self.bound = bound
            self.orEqual = orEqual
            lastIsThan = kinds[kinds.count - 1] == .than
        }

        @inline(__always)
        func kind(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: kinds >> UInt64(8 &* i)) }
    }

    /// Patterns grouped by one word kind (the last word of a prefix, the first of a suffix), each
    /// group in the order of the pattern list it was made from.
    struct PatternIndex {
        var patterns: [PackedPattern] = []
        /// Group of kind `k`: `patterns[starts[k] ..< starts[k + 1]]`.
        var starts: [Int] = []

        init(_ list: [PackedPattern], key: (PackedPattern) -> UInt8) {
            starts.reserveCapacity(257)
            for k in 0..<256 {
                starts.append(patterns.count)
                for p in list where Int(key(p)) == k { patterns.append(p) }
            }
            starts.append(patterns.count)
        }
    }

    /// ``prefixPatterns`` by their last word kind.
    static let prefixIndex = PatternIndex(
        prefixPatterns.map { PackedPattern($0.0, bound: $0.1) }, key: { $0.kind($0.count - 1) })

    /// ``suffixPatterns`` by their first word kind.
    static let suffixIndex = PatternIndex(
        suffixPatterns.map { pat, eff in
            switch eff {
            case .bound(let b): return PackedPattern(pat, bound: b)
            case .orEqual: return PackedPattern(pat, bound: .exact, orEqual: true)
            }
        }, key: { $0.kind(0) })

    /// Matches `pattern` on word tokens ending at `last` (inclusive), not before `floor`.
    @inline(__always)
    func matchBackward(_ pattern: PackedPattern, endingAt last: Int) -> Int? {
        var k = last
        var idx = pattern.count - 1
        while idx >= 0 {
            guard k >= floor, k >= 0, t.isWord(k), t.toks[k].kind.rawValue == pattern.kind(idx) else { return nil }
            if idx > 0 && t.newlineBefore(k) { return nil }
            k -= 1
            idx -= 1
        }
        return k + 1
    }

    /// Matches `pattern` on word tokens from `first`, all on one line with it.
    func matchForward(_ pattern: PackedPattern, from first: Int) -> Int? {
        var k = first
        for idx in 0..<pattern.count {
            guard k < t.count, t.isWord(k), t.toks[k].kind.rawValue == pattern.kind(idx), !t.newlineBefore(k)
            else { return nil }
            k += 1
        }
        return k
    }

    /// Whether a number starts at token `k` (used to keep "or more than 600" from swallowing "than").
    func numberStartsAt(_ k: Int) -> Bool {
        guard k < t.count else { return false }
        if t.isDigits(k) { return true }
        switch t.kind(k) {
        case .unit, .teen, .tens, .article, .hundred: return true
        default: return false
        }
    }

    mutating func emit(_ num: ParsedNumber) {
        var start = num.start
        var end = num.end
        var bound = NumberBound.exact
        // Prefix qualifier.
        var prefixStart: Int?
        var prefixBound = NumberBound.exact
        var prefixIsEqualTo = false
        if num.start > 0 && !t.newlineBefore(num.start) && t.isWord(num.start - 1)
            && Self.canEndPrefix(t.toks[num.start - 1].kind) {
            let index = Self.prefixIndex
            let last = Int(t.toks[num.start - 1].kind.rawValue)
            for p in index.starts[last]..<index.starts[last + 1] {
                let pat = index.patterns[p]
                if let s = matchBackward(pat, endingAt: num.start - 1) {
                    prefixStart = s
                    prefixBound = pat.bound
                    prefixIsEqualTo = pat.bound == .exact
                    break
                }
            }
        }
        // Suffix qualifier.
        var suffixEnd: Int?
        var suffix: SuffixEffect?
        if t.onLine(num.end) && (t.isKind(num.end, .or) || t.isKind(num.end, .and)) {
            let index = Self.suffixIndex
            let first = Int(t.toks[num.end].kind.rawValue)
            for p in index.starts[first]..<index.starts[first + 1] {
                let pat = index.patterns[p]
                if let e = matchForward(pat, from: num.end) {
                    if pat.lastIsThan && numberStartsAt(e) { continue }
                    suffixEnd = e
                    suffix = pat.orEqual ? .orEqual : .bound(pat.bound)
                    break
                }
            }
        }
        if num.end < t.count, t.isPunct(num.end, UInt8(ascii: "+")), t.glued(num.end),
           !(t.isDigits(num.end + 1) && t.glued(num.end + 1)) {
            suffixEnd = num.end + 1
            suffix = .bound(.moreThan)
        }
        switch (prefixBound, suffix) {
        case (_, nil):
            if !prefixIsEqualTo, let s = prefixStart {
                bound = prefixBound
                start = s
            }
        case (.lessThan, .orEqual?), (.atMost, .orEqual?):
            bound = .atMost
            start = prefixStart ?? start
            end = suffixEnd ?? end
        case (.moreThan, .orEqual?), (.atLeast, .orEqual?):
            bound = .atLeast
            start = prefixStart ?? start
            end = suffixEnd ?? end
        case (_, .orEqual?):
            if let s = prefixStart, !prefixIsEqualTo, prefixBound != .approx {
                bound = prefixBound
                start = s
            }
        case (_, .bound(let b)?):
            if let s = prefixStart, !prefixIsEqualTo, prefixBound != .approx {
                bound = prefixBound
                start = s
            } else {
                bound = b
                if prefixIsEqualTo, let s = prefixStart { start = s }
                end = suffixEnd ?? end
            }
        }
        let numberRange = ByteRange(start: Int(t.toks[num.start].start), end: Int(t.toks[num.end - 1].end))
        let range = ByteRange(start: Int(t.toks[start].start), end: Int(t.toks[end - 1].end))
        out.append(NumberMention(range: range, numberRange: numberRange, value: num.value, bound: bound,
                                 isPlainDigits: num.plainDigits))
        floor = end
    }
}

/// Powers of ten, exact up to 10^22.
@inline(__always)
func pow10(_ e: Int) -> Double {
    var r = 1.0
    var e = max(0, e)
    while e >= 22 { r *= 1e22; e -= 22 }
    var x = 1.0
    var base = 10.0
    // Exact for e < 23: 10^e is a product of exactly representable powers.
    while e > 0 {
        if e & 1 == 1 { x *= base }
        base *= base
        e >>= 1
    }
    return r * x
}
