import ArticleCleaning

/// The date grammar: keyword-triggered rules over `VToken`s.
///
/// The scanner visits tokens left to right. At a trigger (a digit run, a month, season,
/// relative or ordinal word, Q/H, …) it tries the core rules, keeps the longest core, then
/// extends it backwards over prefixes ("the", "year", "mid-", "the end of", "since", …) and
/// forwards over suffixes ("and after"), and moves on after it.
struct DateParser {
    let t: TokenText
    let ref: ReferenceDate?
    var out: [DateMention] = []
    /// Token index after the previous mention; prefixes may not reach before it.
    var floor = 0
    /// Tokens of a rejected numeric chain ("138-2010-2015") are skipped up to here.
    var skipUntil = 0
    /// End token of the last bare-year mention (for "2007 and 2009").
    var lastYearEnd = -1

    init(t: TokenText, ref: ReferenceDate?) {
        self.t = t
        self.ref = ref
    }

    enum YearRef {
        case abs(Int)
        case rel(Int)
        case unknown
    }

    struct Core {
        var start: Int
        var end: Int
        var timex: String
        var gran: DateGranularity
        var mod: String?
        var relative = false

        init(_ start: Int, _ end: Int, _ timex: String, _ gran: DateGranularity, mod: String? = nil,
             relative: Bool = false) {
            self.start = start
            self.end = end
            self.timex = timex
            self.gran = gran
            self.mod = mod
            self.relative = relative
        }
    }

    // MARK: Driver

    mutating func run() -> [DateMention] {
        let n = t.count
        out.reserveCapacity(t.toks.digitRuns / 2 + 8)
        var i = 0
        var cursor = 0
        while true {
            // Tokens without the trigger flag are never triggers.
            i = t.toks.next(flagged: VToken.dateTrigger, from: i, cursor: &cursor)
            guard i < n else { break }
            if i < skipUntil {
                i = skipUntil
                continue
            }
            if isTrigger(i), let c = core(at: i) {
                let full = extend(c)
                emit(full)
                i = max(full.end, i + 1)
                floor = i
                continue
            }
            i += 1
        }
        return out
    }

    mutating func emit(_ c: Core) {
        guard c.start < c.end, c.end <= t.count else { return }
        let range = ByteRange(start: Int(t.toks[c.start].start), end: Int(t.toks[c.end - 1].end))
        out.append(DateMention(range: range, timex: c.timex, mod: c.mod, isRelative: c.relative,
                               granularity: c.gran))
        if c.gran == .year && !c.relative { lastYearEnd = c.end }
    }

    func isTrigger(_ i: Int) -> Bool {
        let tok = t.toks[i]
        switch tok.type {
        case .digits: return true
        case .punct: return false
        case .word:
            switch tok.kind {
            case .month, .monthWeak, .season, .relDay, .eoy, .ordinal, .unit, .teen, .tens, .letterQ, .letterH,
                 .decadeName:
                return true
            // The first tests of the core rules of these common words, made without calling them.
            case .relWord:
                // `coreRelWord`: a unit or a month or season name must follow.
                guard t.onLine(i + 1) else { return false }
                switch t.kind(i + 1) {
                case .yearWord, .calendar, .monthWord, .quarter, .decadeWord, .season, .month, .monthWeak: return true
                default: return false
                }
            case .end, .beginning, .start, .mid:
                // `coreBoundaryOfUnit`: "of" must follow.
                return t.isKind(i + 1, .of)
            case .article:
                // `coreAgo`: "a year ago".
                return t.isKind(i + 2, .ago)
            default: return false
            }
        }
    }

    mutating func core(at i: Int) -> Core? {
        let tok = t.toks[i]
        if tok.type == .digits { return coreDigits(i) }
        switch tok.kind {
        case .month, .monthWeak: return coreMonth(i)
        case .season: return coreSeason(i, yearOffset: nil, start: i)
        case .relDay: return coreRelDay(i)
        case .relWord: return coreRelWord(i)
        case .eoy:
            guard let r = ref else { return nil }
            return Core(i, i + 1, Self.year(r.year), .year, mod: "END", relative: true)
        case .end, .beginning, .start, .mid: return coreBoundaryOfUnit(i)
        case .ordinal:
            guard let (v, e) = t.wordOrdinal(i) else { return nil }
            return ordinalTail(v, i, e, isWord: true) ?? weekdayOrdinalDay(i, v, e)
        case .unit, .teen, .tens: return coreNumberWord(i)
        case .letterQ, .letterH: return coreQH(i)
        case .decadeName: return coreDecadeName(i)
        case .article: return coreAgo(i, value: 1, unitAt: i + 1)
        default: return nil
        }
    }

    // MARK: Formatting

    /// The decimal digits of `v` (after a minus sign when negative), zero-padded on the left to
    /// `width` characters: "0007", "2018", "00-5".
    static func pad(_ v: Int, _ width: Int) -> String { TimexWriter.format { $0.pad(v, width) } }

    static func year(_ y: Int?) -> String { TimexWriter.format { $0.year(y) } }
    static func day(_ y: Int?, _ m: Int?, _ d: Int) -> String {
        TimexWriter.format { w in
            w.year(y)
            w.put(UInt8(ascii: "-"))
            if let m { w.pad(m, 2) } else { w.put(UInt8(ascii: "X")); w.put(UInt8(ascii: "X")) }
            w.put(UInt8(ascii: "-"))
            w.pad(d, 2)
        }
    }
    static func month(_ y: Int?, _ m: Int) -> String {
        TimexWriter.format { w in
            w.year(y)
            w.put(UInt8(ascii: "-"))
            w.pad(m, 2)
        }
    }
    static let seasonCodes = ["SP", "SU", "FA", "WI"]
    static func season(_ y: Int?, _ s: Int) -> String { "\(year(y))-\(seasonCodes[max(0, min(3, s - 1))])" }
    static func quarter(_ y: Int?, _ q: Int) -> String { part(y, UInt8(ascii: "Q"), q) }
    static func half(_ y: Int?, _ h: Int) -> String { part(y, UInt8(ascii: "H"), h) }

    /// "2023-Q4", "XXXX-H1".
    static func part(_ y: Int?, _ letter: UInt8, _ n: Int) -> String {
        TimexWriter.format { w in
            w.year(y)
            w.put(UInt8(ascii: "-"))
            w.put(letter)
            w.pad(n, 0)
        }
    }

    /// Resolves a year reference: (year or nil for XXXX, relative). Nil when relative without a
    /// reference date.
    func resolve(_ r: YearRef) -> (Int?, Bool)? {
        switch r {
        case .abs(let y): return (y, false)
        case .unknown: return (nil, false)
        case .rel(let o):
            guard let ref else { return nil }
            return (ref.year + o, true)
        }
    }

    // MARK: Token predicates

    /// A month name at `j` (with the dot of an abbreviation): (month, end, weak).
    func monthAt(_ j: Int) -> (Int, Int, Bool)? {
        guard t.isWord(j) else { return nil }
        let tok = t.toks[j]
        guard tok.kind == .month || tok.kind == .monthWeak else { return nil }
        var e = j + 1
        if isAbbreviation(j) && t.isPunct(e, UInt8(ascii: ".")) && t.glued(e) { e += 1 }
        return (Int(tok.val), e, tok.kind == .monthWeak)
    }

    /// Whether the month word at `j` is an abbreviation ("Dec", "sept").
    func isAbbreviation(_ j: Int) -> Bool {
        let tok = t.toks[j]
        return tok.kind == .monthWeak && tok.end - tok.start <= 4 && !t.text(j, is: "may") && !t.text(j, is: "May")
            && !t.text(j, is: "MAY")
    }

    /// A four-digit year 1000…2999 at `j` that is not part of a larger number or a word.
    func plainYear(_ j: Int) -> Int? {
        guard t.isDigits(j), t.toks[j].digitCount == 4, let v = t.digitValue(j), v >= 1000, v <= 2999 else {
            return nil
        }
        if t.glued(j) && t.isWord(j - 1) { return nil }
        let n = j + 1
        if n < t.count && t.glued(n) {
            if t.isWord(n) { return nil }
            if (t.isPunct(n, UInt8(ascii: ",")) || t.isPunct(n, UInt8(ascii: ".")) || t.isPunct(n, UInt8(ascii: ":")))
                && t.isDigits(n + 1) && t.glued(n + 1) {
                return nil
            }
        }
        return v
    }

    /// A day of the month at `k`: digits 1…31 with an optional ordinal suffix, an ordinal word,
    /// or (when allowed) a cardinal word. Returns (day, end, ordinal).
    func dayAt(_ k: Int, cardinalWords: Bool) -> (Int, Int, Bool)? {
        guard k < t.count else { return nil }
        if t.isDigits(k) {
            guard t.toks[k].digitCount <= 2, let v = t.digitValue(k), v >= 1, v <= 31 else { return nil }
            if t.glued(k) && t.isWord(k - 1) && t.kind(k - 1) != .month && t.kind(k - 1) != .monthWeak { return nil }
            var e = k + 1
            var ord = false
            if t.isWord(e) && t.glued(e) {
                guard t.kind(e) == .ordSuffix else { return nil }
                ord = true
                e += 1
            }
            if e < t.count && t.glued(e) {
                if (t.isPunct(e, UInt8(ascii: ":")) || t.isPunct(e, UInt8(ascii: ",")) || t.isPunct(e, UInt8(ascii: ".")))
                    && t.isDigits(e + 1) && t.glued(e + 1) {
                    return nil
                }
            }
            return (v, e, ord)
        }
        if let (v, e) = t.wordOrdinal(k), v >= 1, v <= 31 { return (v, e, true) }
        if cardinalWords, let (v, e) = t.wordSmall(k), v >= 1, v <= 31 { return (v, e, false) }
        return nil
    }

    /// Whether token `k` makes the number before it a count or measure.
    func countFollows(_ k: Int) -> Bool {
        guard t.onLine(k) else { return false }
        if t.isPunct(k, UInt8(ascii: "%")) { return true }
        switch t.kind(k) {
        case .bigScale, .pluralScale, .hundred, .percentWord: return true
        default: return false
        }
    }

    /// Whether token `k` is a plain lower-case word not in the lexicon — the shape of a counted
    /// noun after a number ("2000 pieces").
    func nounAfter(_ k: Int) -> Bool {
        guard t.onLine(k), t.isWord(k), t.toks[k].kind == .other else { return false }
        let b = t.bytes[Int(t.toks[k].start)]
        return b >= 97 && b <= 122
    }

    /// Whether token `k` is the end of the text, punctuation or on a new line.
    func boundary(_ k: Int) -> Bool {
        k >= t.count || t.newlineBefore(k) || t.toks[k].isPunct
    }

    /// "this year", "next calendar year": (offset, end).
    func relYearAt(_ k: Int) -> (Int, Int)? {
        guard k < t.count, t.isKind(k, .relWord), t.onLine(k + 1) else { return nil }
        let o = Int(t.toks[k].val)
        if t.isKind(k + 1, .yearWord) { return (o, k + 2) }
        if t.isKind(k + 1, .calendar) && t.isKind(k + 2, .yearWord) { return (o, k + 3) }
        return nil
    }

    /// "this month", "next month": (offset, end).
    func relMonthAt(_ k: Int) -> (Int, Int)? {
        guard k < t.count, t.isKind(k, .relWord), t.isKind(k + 1, .monthWord), t.onLine(k + 1) else { return nil }
        return (Int(t.toks[k].val), k + 2)
    }

    /// A year after a date part: ", 2018", " 2018", "of 2018", "in 2018", spoken years,
    /// "next year", "of the year" (unknown year).
    func yearSpecAt(_ j: Int) -> (YearRef, Int)? {
        guard t.onLine(j) else { return nil }
        var k = j
        var viaIn = false
        if t.isPunct(k, UInt8(ascii: ",")) {
            k += 1
        } else if t.isKind(k, .of) {
            k += 1
            if t.isKind(k, .the) && t.isKind(k + 1, .yearWord) && !t.isDigits(k + 2) { return (.unknown, k + 2) }
        } else if t.isKind(k, .in) {
            k += 1
            viaIn = true
        }
        guard t.onLine(k) else { return nil }
        if let y = plainYear(k) { return (.abs(y), k + 1) }
        if viaIn { return nil }
        if let (y, e) = t.spokenYear(k) { return (.abs(y), e) }
        if t.onLine(k), let (o, e) = relYearAt(k) { return (.rel(o), e) }
        return nil
    }

    /// Whether a digit run at `i` is part of a time ("15:50", "8:30").
    func isTimePart(_ i: Int) -> Bool {
        (t.isPunct(i + 1, UInt8(ascii: ":")) && t.glued(i + 1) && t.isDigits(i + 2) && t.glued(i + 2))
            || (t.isPunct(i - 1, UInt8(ascii: ":")) && t.glued(i) && t.isDigits(i - 2) && t.glued(i - 1))
    }

    /// The word kinds that make a following bare month or year a date ("in May", "since 2009").
    func isDatePreposition(_ k: WordKind) -> Bool {
        switch k {
        case .in, .since, .until, .during, .by, .from, .before, .after, .through, .of, .early, .late, .mid,
             .starting, .onwards, .to, .end, .beginning, .start, .between:
            return true
        default: return false
        }
    }

    // MARK: Digits

    mutating func coreDigits(_ i: Int) -> Core? {
        if isTimePart(i) { return nil }
        if t.isPunct(i - 1, UInt8(ascii: "$")) { return nil }
        if t.glued(i) && t.isWord(i - 1) { return nil }
        let chain = readChain(i)
        if chain.count >= 2 {
            if let c = interpretChain(chain) { return c }
            skipUntil = chain.end
            return nil
        }
        guard let v = t.digitValue(i) else { return nil }
        let nd = t.toks[i].digitCount
        if nd == 8 { return eightDigits(i, v) }
        if nd == 4 && v >= 1000 && v <= 2999 { return coreYearFirst(i, v) }
        if nd <= 2 { return coreSmallNumber(i, v) }
        return coreAgo(i, value: v, unitAt: i + 1)
    }

    /// The elements of a chain and the separators between them, stored inline: a chain is read
    /// at every digit run, and `readChain` stops at five elements.
    struct Chain {
        typealias Elem = (tok: Int, month: Int?)
        private var elems: (Elem, Elem, Elem, Elem, Elem) = ((0, nil), (0, nil), (0, nil), (0, nil), (0, nil))
        private var seps: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        /// The number of elements (1…5).
        private(set) var count = 0
        var end: Int

        init(end: Int) { self.end = end }

        /// Element `j` (`0 ..< count`).
        subscript(j: Int) -> Elem {
            switch j {
            case 0: return elems.0
            case 1: return elems.1
            case 2: return elems.2
            case 3: return elems.3
            default: return elems.4
            }
        }

        /// The separator before element `j` (`1 ..< count`): `-`, `/`, `.`, `,`, or 0 when the
        /// element is glued to a month ("Oct2").
        func sep(before j: Int) -> UInt8 {
            switch j {
            case 1: return seps.0
            case 2: return seps.1
            case 3: return seps.2
            default: return seps.3
            }
        }

        /// Appends an element (`sep` is ignored for the first); a sixth is dropped.
        mutating func append(_ e: Elem, sep: UInt8 = 0) {
            switch count {
            case 0: elems.0 = e
            case 1: elems.1 = e; seps.0 = sep
            case 2: elems.2 = e; seps.1 = sep
            case 3: elems.3 = e; seps.2 = sep
            case 4: elems.4 = e; seps.3 = sep
            default: return
            }
            count += 1
        }
    }

    /// Digit runs and month names joined by `-`, `/` or `.` ("2018-08-02", "Sep-23-2020",
    /// "Oct2", "08/12,2015").
    func readChain(_ i: Int) -> Chain {
        var c = Chain(end: i + 1)
        var k: Int
        if let (m, e, _) = monthAt(i) {
            c.append((i, m))
            k = e
        } else {
            c.append((i, nil))
            k = i + 1
        }
        while c.count <= 4 && k < t.count {
            let lastIsMonth = c[c.count - 1].month != nil
            if lastIsMonth && t.isDigits(k) && t.glued(k) && c.count == 1 {
                c.append((k, nil), sep: 0)
                k += 1
                continue
            }
            guard t.isPunct(k, UInt8(ascii: "-")) || t.isPunct(k, UInt8(ascii: "/")) || t.isPunct(k, UInt8(ascii: "."))
            else { break }
            let sep = t.toks[k].byte
            let gl = t.glued(k), gr = t.glued(k + 1)
            if sep == UInt8(ascii: ".") && !(gl && gr) { break }
            if !t.onLine(k) || !t.onLine(k + 1) { break }
            let nx = k + 1
            if t.isDigits(nx) {
                c.append((nx, nil), sep: sep)
                k = nx + 1
                continue
            }
            if let (m, e, _) = monthAt(nx) {
                c.append((nx, m), sep: sep)
                k = e
                continue
            }
            break
        }
        // "08/12,2015"
        if c.count == 2 && t.isPunct(k, UInt8(ascii: ",")) && t.isDigits(k + 1) && t.toks[k + 1].digitCount == 4
            && t.glued(k + 1) && t.onLine(k + 1) {
            c.append((k + 1, nil), sep: UInt8(ascii: ","))
            k += 2
        }
        c.end = k
        return c
    }

    enum ChainElem {
        case y(Int)
        case n(Int)
        case m(Int)
    }

    func interpretChain(_ c: Chain) -> Core? {
        guard c.count <= 3 else { return nil }
        // One separator kind (a final ", 2015" aside).
        var sep: UInt8 = 0
        var j = 1
        while j < c.count {
            let s = c.sep(before: j)
            j += 1
            if s == UInt8(ascii: ",") && j == c.count { continue }
            if s == 0 { continue }
            if sep == 0 { sep = s } else if sep != s { return nil }
        }
        // The elements (at most three), inline.
        var es: (ChainElem, ChainElem, ChainElem) = (.n(0), .n(0), .n(0))
        for j in 0..<c.count {
            let e = c[j]
            let x: ChainElem
            if let m = e.month {
                x = .m(m)
            } else {
                let nd = t.toks[e.tok].digitCount
                guard let v = t.digitValue(e.tok) else { return nil }
                if nd == 4 && v >= 1000 && v <= 2999 {
                    x = .y(v)
                } else if nd <= 2 {
                    x = .n(v)
                } else {
                    return nil
                }
            }
            switch j {
            case 0: es.0 = x
            case 1: es.1 = x
            default: es.2 = x
            }
        }
        let lastElem = c.count == 3 ? es.2 : (c.count == 2 ? es.1 : es.0)
        var end = c.end
        // A word glued to the end ("1-2pm") makes it something else; an ordinal suffix is fine.
        if end < t.count && t.glued(end) && t.isWord(end) {
            if t.kind(end) == .ordSuffix, case .n = lastElem { end += 1 } else { return nil }
        }
        if end < t.count && t.glued(end) && t.isPunct(end, UInt8(ascii: ":")) { return nil }
        let start = c[0].tok
        let v = CalendarMath.valid
        switch c.count {
        case 3:
            var ymd: (Int, Int, Int)?
            switch (es.0, es.1, es.2) {
            case let (.y(y), .n(a), .n(b)): ymd = (y, a, b)
            case let (.y(y), .m(m), .n(d)): ymd = (y, m, d)
            case let (.y(y), .n(d), .m(m)): ymd = (y, m, d)
            case let (.n(a), .n(b), .y(y)):
                if sep == UInt8(ascii: ".") {
                    ymd = v(y, b, a) ? (y, b, a) : (y, a, b)
                } else {
                    ymd = v(y, a, b) ? (y, a, b) : (y, b, a)
                }
            case let (.n(d), .m(m), .y(y)): ymd = (y, m, d)
            case let (.m(m), .n(d), .y(y)): ymd = (y, m, d)
            case let (.m(m), .y(y), .n(d)): ymd = (y, m, d)
            case let (.n(d), .y(y), .m(m)): ymd = (y, m, d)
            default: ymd = nil
            }
            guard let (y, m, d) = ymd, v(y, m, d) else { return nil }
            return Core(start, end, Self.day(y, m, d), .day)
        case 2:
            switch (es.0, es.1) {
            case let (.y(y), .n(a)):
                let second = t.toks[c[1].tok]
                if second.digitCount == 2 && a == (y + 1) % 100 && sep != UInt8(ascii: ".") {
                    // A season or financial year: "2019-20".
                    return Core(start, end, Self.year(y), .year)
                }
                guard (1...12).contains(a) else { return nil }
                return Core(start, end, Self.month(y, a), .month)
            case let (.n(a), .y(y)):
                guard (1...12).contains(a) else { return nil }
                return Core(start, end, Self.month(y, a), .month)
            case let (.y(y), .m(m)), let (.m(m), .y(y)):
                return Core(start, end, Self.month(y, m), .month)
            case let (.y(a), .y(b)):
                guard sep != UInt8(ascii: "."), b > a else { return nil }
                // Two years: emit the first; the second is read on its own.
                return Core(start, start + 1, Self.year(a), .year)
            case let (.m(m), .n(d)), let (.n(d), .m(m)):
                guard v(nil, m, d) else { return nil }
                return withYear(start, end, m, d)
            case let (.n(a), .n(b)):
                return yearlessNumeric(c, a, b, sep, start, end)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// A year-less month and day, completed by a following year when there is one.
    func withYear(_ start: Int, _ end: Int, _ m: Int, _ d: Int) -> Core? {
        if let (r, e) = yearSpecAt(end), let (y, rel) = resolve(r), CalendarMath.valid(y, m, d) {
            return Core(start, e, Self.day(y, m, d), .day, relative: rel)
        }
        return Core(start, end, Self.day(nil, m, d), .day)
    }

    /// "11/20", "22/04", "on 4-22", "on 5.12".
    func yearlessNumeric(_ c: Chain, _ a: Int, _ b: Int, _ sep: UInt8, _ start: Int, _ end: Int) -> Core? {
        if a == 24 && b == 7 { return nil }
        // "18-19 June": a day range before a month.
        if sep == UInt8(ascii: "-"), let (m, mEnd, _) = monthAt(end), t.onLine(end), CalendarMath.valid(nil, m, a) {
            if let (r, e) = yearSpecAt(mEnd), let (y, rel) = resolve(r), CalendarMath.valid(y, m, a) {
                _ = e
                return Core(start, start + 1, Self.day(y, m, a), .day, relative: rel)
            }
            return Core(start, start + 1, Self.day(nil, m, a), .day)
        }
        var md: (Int, Int)?
        if CalendarMath.valid(nil, a, b) {
            md = (a, b)
        } else if CalendarMath.valid(nil, b, a) {
            md = (b, a)
        }
        guard let (m, d) = md else { return nil }
        if nounAfter(end) || countFollows(end) { return nil }
        if t.isDigits(start - 1) || t.isPunct(start - 1, UInt8(ascii: "/")) { return nil }
        // Parts of paths and identifiers: "season-2/2/", "x/4/22".
        if t.glued(start) && (t.isWord(start - 1) || t.isPunct(start - 1, UInt8(ascii: "-"))) { return nil }
        if end < t.count && t.glued(end) && (t.isPunct(end, UInt8(ascii: "/")) || t.isPunct(end, UInt8(ascii: "-"))) {
            return nil
        }
        if sep != UInt8(ascii: "/") {
            let p = t.kind(start - 1)
            var ok: Bool
            switch p {
            case .on, .since, .until, .by, .from, .before, .after, .through: ok = true
            case .in: ok = sep == UInt8(ascii: ".")
            default: ok = false
            }
            if !t.onLine(start) { ok = false }
            guard ok else { return nil }
        }
        return withYear(start, end, m, d)
    }

    func eightDigits(_ i: Int, _ v: Int) -> Core? {
        let y = v / 10000, m = (v / 100) % 100, d = v % 100
        guard y >= 1900, y <= 2099, CalendarMath.valid(y, m, d) else { return nil }
        if t.glued(i + 1) && (t.isWord(i + 1) || t.isDigits(i + 1)) { return nil }
        return Core(i, i + 1, Self.day(y, m, d), .day)
    }

    /// Four-digit years and what can follow them.
    func coreYearFirst(_ i: Int, _ y: Int) -> Core? {
        let nx = i + 1
        // Decades and centuries: "1990s", "1990 s", "1970's".
        if y % 10 == 0 {
            var e: Int?
            if t.isKind(nx, .letterS) && t.onLine(nx) && !(t.glued(nx + 1) && (t.isWord(nx + 1) || t.isDigits(nx + 1))) {
                e = nx + 1
            } else if t.isPunct(nx, UInt8(ascii: "'")) && t.glued(nx) && t.isKind(nx + 1, .letterS) && t.glued(nx + 1)
                        && !(t.glued(nx + 2) && t.isWord(nx + 2)) {
                e = nx + 2
            }
            if let e {
                if y % 100 == 0 && y < 2000 { return Core(i, e, String(y / 100), .century) }
                return Core(i, e, String(y / 10), .decade)
            }
        }
        // Quarters and halves: "2017-q1", "2017 q1", "2016H2", "2019 H2".
        var k = nx
        if t.isPunct(k, UInt8(ascii: "-")) && t.glued(k) && t.glued(k + 1) { k += 1 }
        if (t.isKind(k, .letterQ) || t.isKind(k, .letterH)) && t.onLine(k) && t.isDigits(k + 1) && t.glued(k + 1)
            && !(t.glued(k + 2) && (t.isWord(k + 2) || t.isDigits(k + 2))), let q = t.digitValue(k + 1) {
            if t.isKind(k, .letterQ) && (1...4).contains(q) { return Core(i, k + 2, Self.quarter(y, q), .quarter) }
            if t.isKind(k, .letterH) && (1...2).contains(q) { return Core(i, k + 2, Self.half(y, q), .half) }
        }
        if nx < t.count && t.glued(nx) && t.isWord(nx) { return nil }
        // Year then month: "2017 april", "2016, nov".
        k = nx
        if t.isPunct(k, UInt8(ascii: ",")) { k += 1 }
        if t.onLine(k), let (m, mEnd, weak) = monthAt(k) {
            if !weak || isAbbreviation(k) || t.toks[k].isCapitalized {
                return Core(i, mEnd, Self.month(y, m), .month)
            }
        }
        // "2016 the third quarter".
        k = nx
        if t.isKind(k, .the) { k += 1 }
        if t.onLine(k), let (q, e) = t.wordOrdinal(k), (1...4).contains(q), t.isKind(e, .quarter), t.toks[e].val == 0 {
            return Core(i, e + 1, Self.quarter(y, q), .quarter)
        }
        // "2016 10 16".
        if t.isDigits(nx) && t.toks[nx].digitCount == 2 && !t.glued(nx) && t.onLine(nx) && t.isDigits(nx + 1)
            && t.toks[nx + 1].digitCount == 2 && !t.glued(nx + 1) && t.onLine(nx + 1),
            let m = t.digitValue(nx), let d = t.digitValue(nx + 1), CalendarMath.valid(y, m, d),
            !(t.glued(nx + 2) && (t.isWord(nx + 2) || t.isDigits(nx + 2))) {
            return Core(i, nx + 2, Self.day(y, m, d), .day)
        }
        guard plainYear(i) != nil, acceptBareYear(i, y) else { return nil }
        return Core(i, i + 1, Self.year(y), .year)
    }

    /// Whether a bare four-digit number is a year here ("in 2018", "a 2018 series",
    /// "2023 or 2024") rather than a count ("2000 pieces").
    func acceptBareYear(_ i: Int, _ y: Int) -> Bool {
        let n = i + 1
        if countFollows(n) { return false }
        // 24-hour clock times: "2100 GMT", "between 2000 and 2100 GMT", "1800 hours".
        if isTimeZone(n) { return false }
        if t.onLine(n) && (t.isKind(n, .and) || t.isKind(n, .to) || t.isPunct(n, UInt8(ascii: "-")))
            && t.isDigits(n + 1) && t.toks[n + 1].digitCount == 4 && isTimeZone(n + 2) {
            return false
        }
        if t.onLine(n) && t.isKind(n, .suffix) { return false }
        let noun = nounAfter(n)
        let modern = y >= 1900 && y <= 2099
        let p = i - 1
        if p >= 0 {
            if t.isPunct(p, UInt8(ascii: "$")) || t.isPunct(p, UInt8(ascii: "#")) || t.isPunct(p, UInt8(ascii: "+")) {
                return false
            }
            if t.isDigits(p) { return false }
            if t.isPunct(p, UInt8(ascii: ",")) && t.glued(p) && t.isDigits(p - 1) { return false }
            if t.isWord(p) && !t.newlineBefore(i) {
                switch t.toks[p].kind {
                case .in, .since, .from, .during, .until, .before, .after, .through, .yearWord, .early, .late, .mid,
                     .starting, .onwards, .between:
                    return !noun || modern
                case .of, .to, .by, .the, .determiner, .article, .end, .beginning, .start:
                    if !noun { return true }
                    return (t.toks[p].kind == .the || t.toks[p].kind == .determiner || t.toks[p].kind == .article)
                        && modern
                case .approx:
                    return !noun && modern
                case .than:
                    return yearWordBefore(p, within: 4)
                case .more, .over, .above, .under, .below, .less, .fewer, .least, .most, .exceed, .surpass, .cross,
                     .up, .minus, .half, .quarter, .unit, .teen, .tens, .hundred, .bigScale, .estimated, .plus,
                     .upwards, .many, .much:
                    return false
                case .and, .or:
                    if lastYearEnd == p { return true }
                case .letterS:
                    if t.isPunct(p - 1, UInt8(ascii: "'")) { return modern }
                default:
                    break
                }
            }
        }
        return !noun && modern
    }

    /// A time zone or "hours" after a four-digit number.
    func isTimeZone(_ k: Int) -> Bool {
        guard t.onLine(k), t.isWord(k) else { return false }
        for z: StaticString in ["GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST",
                                "PDT", "ET", "PT", "CT", "IST", "JST", "AEST", "hours", "hrs", "h"] where t.text(k, is: z) {
            return true
        }
        return false
    }

    func yearWordBefore(_ p: Int, within: Int) -> Bool {
        var k = p - 1
        while k >= 0 && k >= p - within {
            if t.isKind(k, .yearWord) { return true }
            k -= 1
        }
        return false
    }

    /// One- and two-digit numbers: days, ordinals, "'90s", "4 years ago".
    func coreSmallNumber(_ i: Int, _ v: Int) -> Core? {
        // "'90s", "the 90s".
        if t.toks[i].digitCount == 2 && v % 10 == 0 {
            var e: Int?
            if t.isKind(i + 1, .letterS) && t.glued(i + 1) { e = i + 2 }
            if t.isPunct(i + 1, UInt8(ascii: "'")) && t.glued(i + 1) && t.isKind(i + 2, .letterS) && t.glued(i + 2) {
                e = i + 3
            }
            if let e, !(t.glued(e) && (t.isWord(e) || t.isDigits(e))) {
                let apostrophe = t.isPunct(i - 1, UInt8(ascii: "'")) && t.glued(i)
                let p = apostrophe ? i - 2 : i - 1
                // Skip "early", "mid-", "late" to see who the decade belongs to: "in their mid-50s"
                // is an age.
                var q = p
                while q >= 0 && (t.isKind(q, .early) || t.isKind(q, .late) || t.isKind(q, .mid)
                                 || (t.isPunct(q, UInt8(ascii: "-")) && t.isKind(q - 1, .mid))) {
                    q -= 1
                }
                let possessive = t.isKind(q, .determiner) || (t.isKind(q, .letterS) && t.isPunct(q - 1, UInt8(ascii: "'")))
                let context = apostrophe || t.isKind(q, .the) || q != p
                if context && !possessive {
                    let decade = v >= 20 ? 1900 + v : 2000 + v
                    return Core(apostrophe ? i - 1 : i, e, String(decade / 10), .decade)
                }
                return nil
            }
        }
        guard let (d, dEnd, ord) = dayAt(i, cardinalWords: false) else {
            return coreAgo(i, value: v, unitAt: i + 1)
        }
        if ord, let c = ordinalTail(d, i, dEnd, isWord: false) { return c }
        if let c = dayMonth(i, d, dEnd) { return c }
        if let c = dayListMonth(i, d, dEnd) { return c }
        if ord, let c = dayOnly(i, d, dEnd) { return c }
        return coreAgo(i, value: v, unitAt: i + 1)
    }

    /// "15 June 2016", "04th Jan 2019", "12 of Nov", "16. Nov. 2016", "28 june in 2020".
    func dayMonth(_ i: Int, _ d: Int, _ dEnd: Int) -> Core? {
        var k = dEnd
        if t.isKind(k, .of) {
            k += 1
        } else if t.isPunct(k, UInt8(ascii: ".")) && t.glued(k) && !t.glued(k + 1) {
            k += 1
        }
        guard t.onLine(k), let (m, mEnd, weak) = monthAt(k), CalendarMath.valid(nil, m, d) else { return nil }
        let spec = yearSpecAt(mEnd)
        if weak && !isAbbreviation(k) && !t.toks[k].isCapitalized && spec == nil { return nil }
        if let (r, e) = spec, let (y, rel) = resolve(r), CalendarMath.valid(y, m, d) {
            return Core(i, e, Self.day(y, m, d), .day, relative: rel)
        }
        return Core(i, mEnd, Self.day(nil, m, d), .day)
    }

    /// "18 and 19 June", "the 22nd, 23rd, 30th or 31st of March": the days of a list take the
    /// month (and year) of the last one.
    func dayListMonth(_ i: Int, _ d: Int, _ dEnd: Int) -> Core? {
        var k = dEnd
        for _ in 0..<8 {
            guard t.onLine(k), t.isKind(k, .and) || t.isKind(k, .or) || t.isPunct(k, UInt8(ascii: ","))
                    || t.isPunct(k, UInt8(ascii: "&")) else { return nil }
            var n = k + 1
            // ", and 23rd", "or the 31st"
            if t.isKind(n, .and) || t.isKind(n, .or) { n += 1 }
            if t.isKind(n, .the) { n += 1 }
            guard t.onLine(n), let (_, e2, _) = dayAt(n, cardinalWords: false) else { return nil }
            var k3 = e2
            if t.isKind(k3, .of) { k3 += 1 }
            if t.onLine(k3), let (m, mEnd, _) = monthAt(k3) {
                guard CalendarMath.valid(nil, m, d) else { return nil }
                if let (r, _) = yearSpecAt(mEnd), let (y, rel) = resolve(r), CalendarMath.valid(y, m, d) {
                    return Core(i, dEnd, Self.day(y, m, d), .day, relative: rel)
                }
                return Core(i, dEnd, Self.day(nil, m, d), .day)
            }
            k = e2
        }
        return nil
    }

    /// "the 18th", "on 29th": a day of an unknown month.
    func dayOnly(_ i: Int, _ d: Int, _ dEnd: Int) -> Core? {
        let p = i - 1
        guard t.isKind(p, .the) || t.isKind(p, .on), t.onLine(i) else { return nil }
        let n = dEnd
        if n < t.count && !t.newlineBefore(n) {
            let tok = t.toks[n]
            switch tok.type {
            case .digits: return nil
            case .punct:
                if tok.byte == UInt8(ascii: "-") && t.glued(n) { return nil }
                if tok.byte == UInt8(ascii: "'") { return nil }
            case .word:
                switch tok.kind {
                case .at, .to, .until, .on, .funcWord, .from, .through, .by, .before, .after: break
                default: return nil
                }
            }
        }
        return Core(i, dEnd, Self.day(nil, nil, d), .day)
    }

    /// "Saturday the second", "Thursday the twenty first": an ordinal word is a day only after a
    /// weekday and "the" (alone, "the second" is rarely a date).
    func weekdayOrdinalDay(_ i: Int, _ v: Int, _ e: Int) -> Core? {
        guard (1...31).contains(v), t.isKind(i - 1, .the), t.isKind(i - 2, .weekday), t.onLine(i), t.onLine(i - 1),
              !t.isWord(e) || !t.onLine(e) || t.toks[e].kind != .other else { return nil }
        return Core(i, e, Self.day(nil, nil, v), .day)
    }

    /// What follows an ordinal: century, quarter, half, "month of", "of <month>", "of next month".
    func ordinalTail(_ v: Int, _ start: Int, _ e: Int, isWord: Bool) -> Core? {
        guard t.onLine(e) else { return nil }
        if t.isKind(e, .centuryWord) && v >= 1 && v <= 30 {
            // "20th Century Fox", "21st Century Media": a capitalised name.
            if t.toks[e].isCapitalized && t.onLine(e + 1) && t.isWord(e + 1) && t.toks[e + 1].isCapitalized
                && t.toks[e + 1].kind == .other {
                return nil
            }
            return Core(start, e + 1, Self.pad(v - 1, 2), .century)
        }
        if t.isKind(e, .quarter) && t.toks[e].val == 0 && (1...4).contains(v) {
            guard let (r, end) = yearSpecAt(e + 1), let (y, rel) = resolve(r) else { return nil }
            return Core(start, end, Self.quarter(y, v), .quarter, relative: rel)
        }
        if t.isKind(e, .half) && (1...2).contains(v) && t.isKind(e + 1, .of) {
            guard let (r, end) = yearSpecAt(e + 1), let (y, rel) = resolve(r) else { return nil }
            return Core(start, end, Self.half(y, v), .half, relative: rel)
        }
        if t.isKind(e, .monthWord) && (1...12).contains(v) && t.isKind(e + 1, .of) {
            guard let (r, end) = yearSpecAt(e + 1), let (y, rel) = resolve(r) else { return nil }
            return Core(start, end, Self.month(y, v), .month, relative: rel)
        }
        guard (1...31).contains(v) else { return nil }
        var k = e
        // "the 15th day of June", "the twenty third day of next month".
        if t.isKind(k, .daysWord) && t.toks[k].val == 0 && t.isKind(k + 1, .of) && t.onLine(k + 1) {
            k += 1
        }
        let viaOf = t.isKind(k, .of)
        if viaOf { k += 1 }
        if (viaOf || !isWord) && t.onLine(k), let (m, mEnd, _) = monthAt(k), CalendarMath.valid(nil, m, v) {
            if let (r, end) = yearSpecAt(mEnd), let (y, rel) = resolve(r), CalendarMath.valid(y, m, v) {
                return Core(start, end, Self.day(y, m, v), .day, relative: rel)
            }
            return Core(start, mEnd, Self.day(nil, m, v), .day)
        }
        if !isWord, let (o, end) = relMonthAt(k) {
            guard let ref else { return nil }
            let (y, m) = ref.adding(months: o)
            guard CalendarMath.valid(y, m, v) else { return nil }
            return Core(start, end, Self.day(y, m, v), .day, relative: true)
        }
        return nil
    }

    // MARK: Months

    mutating func coreMonth(_ i: Int) -> Core? {
        guard let (m, mEnd, weak) = monthAt(i) else { return nil }
        if t.isPunct(i - 1, UInt8(ascii: "$")) && t.glued(i) { return nil }
        if t.glued(i) && t.isDigits(i - 1) { return nil }
        var best: Core?
        let chain = readChain(i)
        if chain.count >= 2, let c = interpretChain(chain) { best = c }
        if let c = monthDay(i, m, mEnd, weak), c.end > (best?.end ?? -1) { best = c }
        if let c = monthYear(i, m, mEnd, weak), c.end > (best?.end ?? -1) { best = c }
        if let best { return best }
        guard monthAloneOK(i, mEnd, weak) else { return nil }
        return Core(i, mEnd, Self.month(nil, m), .month)
    }

    /// "August 2, 2018", "Dec. 31 , 1994", "October, 1st", "September the twenty-first …".
    func monthDay(_ i: Int, _ m: Int, _ mEnd: Int, _ weak: Bool) -> Core? {
        var k = mEnd
        var viaComma = false, viaDot = false, viaThe = false
        if t.isPunct(k, UInt8(ascii: ",")) {
            k += 1
            viaComma = true
        } else if t.isPunct(k, UInt8(ascii: ".")) && mEnd == i + 1 && t.glued(k) && !t.glued(k + 1) {
            k += 1
            viaDot = true
        } else if t.isKind(k, .the) {
            k += 1
            viaThe = true
        }
        guard t.onLine(k) else { return nil }
        let cap = t.toks[i].isCapitalized
        guard let (d, dEnd, ord) = dayAt(k, cardinalWords: !weak || cap || isAbbreviation(i)) else { return nil }
        if viaThe && !ord { return nil }
        if countFollows(dEnd) { return nil }
        if t.isKind(dEnd, .suffix) && t.glued(dEnd) { return nil }
        guard CalendarMath.valid(nil, m, d) else { return nil }
        let spec = yearSpecAt(dEnd)
        if viaComma && !ord && spec == nil { return nil }
        if viaDot && spec == nil && !boundary(dEnd) { return nil }
        if let (r, e) = spec, let (y, rel) = resolve(r), CalendarMath.valid(y, m, d) {
            return Core(i, e, Self.day(y, m, d), .day, relative: rel)
        }
        return Core(i, dEnd, Self.day(nil, m, d), .day)
    }

    /// "January 2019", "June of 1992", "Dec, 2018", "October two thousand", "june next year".
    func monthYear(_ i: Int, _ m: Int, _ mEnd: Int, _ weak: Bool) -> Core? {
        guard let (r, e) = yearSpecAt(mEnd), let (y, rel) = resolve(r) else { return nil }
        if weak && !isAbbreviation(i) && !t.toks[i].isCapitalized {
            // "may 2019" is fine, "you may in 2019" is not.
            if t.isKind(mEnd, .in) { return nil }
        }
        return Core(i, e, Self.month(y, m), .month, relative: rel)
    }

    /// Whether a month name with no day or year is a date here.
    func monthAloneOK(_ i: Int, _ mEnd: Int, _ weak: Bool) -> Bool {
        var context = false
        let p = i - 1
        if p >= 0 && !t.newlineBefore(i) {
            if t.isWord(p) && isDatePreposition(t.toks[p].kind) {
                context = true
            } else if t.isPunct(p, UInt8(ascii: "-")) && t.glued(i) && t.isKind(p - 1, .mid) {
                context = true
            } else if t.isKind(p, .the) && p - 1 >= 0 && t.isWord(p - 1) && isDatePreposition(t.toks[p - 1].kind) {
                context = true
            }
        }
        if weak { return context }
        // "June Carter": a capitalised month before a capitalised word is a name.
        if !context && t.toks[i].isCapitalized && t.onLine(mEnd) && t.isWord(mEnd) && t.toks[mEnd].isCapitalized
            && t.toks[mEnd].kind == .other {
            return false
        }
        if t.isPunct(mEnd, UInt8(ascii: "'")) && t.isKind(mEnd + 1, .letterS) && !context { return false }
        return true
    }

    // MARK: Seasons, quarters, decades

    /// "summer 2016", "summer of 2016", "the summer", "Winter"; `yearOffset` for "next spring".
    func coreSeason(_ i: Int, yearOffset: Int?, start: Int) -> Core? {
        let s = Int(t.toks[i].val)
        if let o = yearOffset {
            guard let ref else { return nil }
            return Core(start, i + 1, Self.season(ref.year + o, s), .season, relative: true)
        }
        if let (r, e) = yearSpecAt(i + 1), let (y, rel) = resolve(r) {
            return Core(start, e, Self.season(y, s), .season, relative: rel)
        }
        if t.isKind(i + 1, .of) { return nil }
        // A capitalised season before a capitalised word is part of a name.
        if t.toks[i].isCapitalized && t.onLine(i + 1) && t.isWord(i + 1) && t.toks[i + 1].isCapitalized
            && t.toks[i + 1].kind == .other {
            return nil
        }
        // "fall" and "spring" are also verbs and nouns: they need a date word before them.
        if s == 1 || s == 3 {
            let p = i - 1
            guard p >= 0, t.isWord(p), !t.newlineBefore(i) else { return nil }
            switch t.toks[p].kind {
            case .the, .in, .during, .by, .until, .since, .early, .late, .mid, .before, .after, .through, .from:
                break
            default:
                return nil
            }
        }
        return Core(start, i + 1, Self.season(nil, s), .season)
    }

    /// "Q3", "q1 2016", "Q3 this year", "H1 2016".
    func coreQH(_ i: Int) -> Core? {
        guard t.isDigits(i + 1), t.glued(i + 1), let v = t.digitValue(i + 1), t.toks[i + 1].digitCount == 1 else {
            return nil
        }
        if t.glued(i + 2) && (t.isWord(i + 2) || t.isDigits(i + 2)) { return nil }
        if t.glued(i) && (t.isWord(i - 1) || t.isDigits(i - 1)) { return nil }
        let isQ = t.isKind(i, .letterQ)
        guard isQ ? (1...4).contains(v) : (1...2).contains(v) else { return nil }
        var k = i + 2
        if t.isPunct(k, UInt8(ascii: "-")) && t.glued(k) && t.glued(k + 1) { k += 1 }
        var year: Int?
        var end = i + 2
        var rel = false
        if t.onLine(k), let y = plainYear(k) {
            year = y
            end = k + 1
        } else if let (o, e) = relYearAt(i + 2) {
            guard let ref else { return nil }
            year = ref.year + o
            end = e
            rel = true
        } else if !isQ {
            return nil
        }
        return Core(i, end, isQ ? Self.quarter(year, v) : Self.half(year, v), isQ ? .quarter : .half, relative: rel)
    }

    /// "the seventies", "the noughties".
    func coreDecadeName(_ i: Int) -> Core? {
        let p = i - 1
        let ok = t.isKind(p, .the)
            || ((t.isKind(p, .early) || t.isKind(p, .late) || t.isKind(p, .mid)) && t.isKind(p - 1, .the))
        guard ok else { return nil }
        let v = Int(t.toks[i].val)
        let decade = v >= 2 ? 190 + v : 200 + v
        return Core(i, i + 1, String(decade), .decade)
    }

    /// "the nineteen seventies", "the twenty-tens", "the two thousand and tens", "the two thousands".
    func spokenDecade(_ i: Int) -> Core? {
        guard t.isKind(i - 1, .the) else { return nil }
        let tok = t.toks[i]
        if tok.kind == .unit && (tok.val == 1 || tok.val == 2) {
            if t.isKind(i + 1, .pluralScale) && t.toks[i + 1].val == 3 {
                return Core(i, i + 2, String(Int(tok.val) * 100), .decade)
            }
            if t.isKind(i + 1, .bigScale) && t.toks[i + 1].val == 3 {
                var k = i + 2
                if t.isKind(k, .and) { k += 1 }
                if t.isKind(k, .decadeName) && t.toks[k].val <= 1 {
                    return Core(i, k + 1, String(Int(tok.val) * 100 + Int(t.toks[k].val)), .decade)
                }
            }
            return nil
        }
        guard (tok.kind == .teen && tok.val >= 10) || (tok.kind == .tens && tok.val == 20) else { return nil }
        var k = i + 1
        if t.isPunct(k, UInt8(ascii: "-")) { k += 1 }
        guard t.onLine(k), t.isKind(k, .decadeName) else { return nil }
        return Core(i, k + 1, String(Int(tok.val) * 10 + Int(t.toks[k].val)), .decade)
    }

    // MARK: Number words

    func coreNumberWord(_ i: Int) -> Core? {
        if let (v, e) = t.wordOrdinal(i) { return ordinalTail(v, i, e, isWord: true) ?? weekdayOrdinalDay(i, v, e) }
        if let c = spokenDecade(i) { return c }
        // "fifteen August …", "twenty five January …".
        if let (d, e) = t.wordSmall(i), d >= 1, d <= 31 {
            var k = e
            if t.isKind(k, .of) { k += 1 }
            if t.onLine(k), let (m, mEnd, weak) = monthAt(k), CalendarMath.valid(nil, m, d) {
                let spec = yearSpecAt(mEnd)
                if !weak || spec != nil || (t.toks[k].isCapitalized && !t.toks[i].isCapitalized) {
                    if let (r, end) = spec, let (y, rel) = resolve(r), CalendarMath.valid(y, m, d) {
                        return Core(i, end, Self.day(y, m, d), .day, relative: rel)
                    }
                    if !weak { return Core(i, mEnd, Self.day(nil, m, d), .day) }
                }
            }
        }
        // A spoken year after a preposition: "in nineteen ninety six".
        if let (y, e) = t.spokenYear(i), e - i >= 2, t.isWord(i - 1), t.onLine(i) {
            switch t.toks[i - 1].kind {
            case .in, .since, .from, .during, .until, .before, .after, .through, .of, .yearWord, .by:
                if !nounAfter(e) { return Core(i, e, Self.year(y), .year) }
            default: break
            }
        }
        if let (v, e) = t.wordSmall(i) { return coreAgo(i, value: v, unitAt: e) }
        return nil
    }

    /// "four years ago", "3 months ago", "a year ago".
    func coreAgo(_ i: Int, value: Int, unitAt u: Int) -> Core? {
        guard t.onLine(u), t.isKind(u + 1, .ago), t.onLine(u + 1), value >= 1, value <= 5000 else { return nil }
        let unit = t.kind(u)
        if t.isKind(i, .article) && unit != .yearWord && unit != .monthWord && unit != .daysWord { return nil }
        guard let ref else { return nil }
        switch unit {
        case .yearWord, .yearsWord:
            return Core(i, u + 2, Self.year(ref.year - value), .year, relative: true)
        case .monthWord, .monthsWord:
            let (y, m) = ref.adding(months: -value)
            return Core(i, u + 2, Self.month(y, m), .month, relative: true)
        case .daysWord:
            let d = ref.adding(days: -value)
            return Core(i, u + 2, Self.day(d.year, d.month, d.day), .day, relative: true)
        default:
            return nil
        }
    }

    // MARK: Relative expressions

    func coreRelDay(_ i: Int) -> Core? {
        guard let ref else { return nil }
        var offset = Int(t.toks[i].val)
        var start = i
        // "the day before yesterday", "the day after tomorrow".
        if offset != 0, i - 2 >= floor, t.isKind(i - 2, .daysWord), t.toks[i - 2].val == 0, t.onLine(i - 1), t.onLine(i) {
            if t.isKind(i - 1, .before) && offset < 0 || t.isKind(i - 1, .after) && offset > 0 {
                offset += offset
                start = i - 2
                if i - 3 >= floor && t.isKind(i - 3, .the) && t.onLine(i - 2) { start = i - 3 }
            }
        }
        let d = ref.adding(days: offset)
        return Core(start, i + 1, Self.day(d.year, d.month, d.day), .day, relative: true)
    }

    /// this / next / last / coming / previous … + year, month, quarter, decade, season, month name.
    func coreRelWord(_ i: Int) -> Core? {
        let o = Int(t.toks[i].val)
        let k = i + 1
        guard t.onLine(k), t.isWord(k) else { return nil }
        // After "the", "last/past/previous/following" + unit are durations or narrative time ("over
        // the past year", "the following year"); "the next month", "the coming year" are dates.
        let prevThe = t.isKind(i - 1, .the)
        let theBlocks = prevThe && (o < 0 || t.text(i, is: "following") || t.text(i, is: "Following"))
        let kk = t.toks[k].kind
        // "the last quarter of 2017", "the last month of the year": a part of another period.
        if t.isKind(k + 1, .of) {
            if o < 0 && kk == .quarter && t.toks[k].val == 0, let (r, e) = yearSpecAt(k + 1), let (y, rel) = resolve(r) {
                return Core(i, e, Self.quarter(y, 4), .quarter, relative: rel)
            }
            if kk == .yearWord || kk == .monthWord || kk == .quarter || kk == .decadeWord { return nil }
        }
        guard let ref else { return nil }
        switch kk {
        case .yearWord, .calendar:
            guard let (off, e) = relYearAt(i), !theBlocks else { return nil }
            if prevThe && o > 0 && t.text(i, is: "next") { return nil }
            // "next year's first quarter".
            if t.isPunct(e, UInt8(ascii: "'")) && t.isKind(e + 1, .letterS), let (q, qe) = t.wordOrdinal(e + 2),
               (1...4).contains(q), t.isKind(qe, .quarter) {
                return Core(i, qe + 1, Self.quarter(ref.year + off, q), .quarter, relative: true)
            }
            return Core(i, e, Self.year(ref.year + off), .year, relative: true)
        case .monthWord:
            guard !theBlocks else { return nil }
            let (y, m) = ref.adding(months: o)
            return Core(i, k + 1, Self.month(y, m), .month, relative: true)
        case .quarter:
            guard t.toks[k].val == 0 else { return nil }
            let q0 = (ref.month - 1) / 3 + o
            let y = ref.year + (q0 >= 0 ? q0 / 4 : (q0 - 3) / 4)
            let q = ((q0 % 4) + 4) % 4 + 1
            return Core(i, k + 1, Self.quarter(y, q), .quarter, relative: true)
        case .decadeWord:
            guard !theBlocks, !(prevThe && o > 0) else { return nil }
            return Core(i, k + 1, String(ref.year / 10 + o), .decade, relative: true)
        case .season:
            return coreSeason(k, yearOffset: o, start: i)
        case .month, .monthWeak:
            guard let (m, mEnd, weak) = monthAt(k) else { return nil }
            if weak && !t.toks[k].isCapitalized { return nil }
            var y = ref.year
            if o > 0 { y = m > ref.month ? ref.year : ref.year + 1 }
            if o < 0 { y = m < ref.month ? ref.year : ref.year - 1 }
            return Core(i, mEnd, Self.month(y, m), .month, relative: true)
        default:
            return nil
        }
    }

    /// "end of the year", "end of month", "beginning of the month".
    func coreBoundaryOfUnit(_ i: Int) -> Core? {
        var k = i + 1
        guard t.isKind(k, .of) else { return nil }
        k += 1
        if t.isKind(k, .the) { k += 1 }
        guard t.onLine(k), t.isKind(k, .yearWord) || t.isKind(k, .monthWord) else { return nil }
        guard let ref else { return nil }
        let mod: String
        switch t.toks[i].kind {
        case .end: mod = "END"
        case .mid: mod = "MID"
        default: mod = "START"
        }
        if t.isKind(k, .yearWord) {
            return Core(i, k + 1, Self.year(ref.year), .year, mod: mod, relative: true)
        }
        return Core(i, k + 1, Self.month(ref.year, ref.month), .month, mod: mod, relative: true)
    }

    // MARK: Prefixes and suffixes

    /// Word kind at `j` when `j` may be absorbed into a mention starting after it.
    func before(_ j: Int, _ limit: Int) -> WordKind? {
        guard j >= floor, j >= 0, j < t.count, t.isWord(j), !t.newlineBefore(limit) else { return nil }
        return t.toks[j].kind
    }

    func extend(_ c0: Core) -> Core {
        var c = c0
        var s = c.start
        func kindAt(_ j: Int) -> WordKind? { before(j, s) }
        // "the year 2008", "calendar year 2008", "the year of 2008".
        if c.gran == .year && c.mod == nil && !c.relative {
            if kindAt(s - 1) == .yearWord {
                s -= 1
                if kindAt(s - 1) == .calendar { s -= 1 }
                if kindAt(s - 1) == .the { s -= 1 }
            }
        }
        switch c.gran {
        case .decade, .century, .quarter, .half, .season, .day, .month:
            if kindAt(s - 1) == .the { s -= 1 }
        default: break
        }
        // Weekday: "Thursday, August 2, 2018".
        if c.gran == .day {
            if s >= 2 && s - 2 >= floor && t.isPunct(s - 1, UInt8(ascii: ",")) && t.isKind(s - 2, .weekday)
                && t.onLine(s - 1) {
                s -= 2
            } else if kindAt(s - 1) == .weekday {
                s -= 1
            }
        }
        // Position mods.
        if c.mod == nil {
            if kindAt(s - 1) == .mid && t.toks[s - 1].val == 0 && c.gran != .day {
                c.mod = "MID"
                s -= 1
            } else if s - 2 >= floor && t.isPunct(s - 1, UInt8(ascii: "-")) && t.glued(s) && t.glued(s - 1)
                        && (t.isKind(s - 2, .mid) || t.isKind(s - 2, .early) || t.isKind(s - 2, .late))
                        && c.gran != .day {
                // "mid-2021", "early-2025", "late-October".
                c.mod = t.isKind(s - 2, .mid) ? "MID" : (t.isKind(s - 2, .early) ? "START" : "END")
                s -= 2
            } else if kindAt(s - 1) == .early && c.gran != .day {
                c.mod = "START"
                s -= 1
            } else if kindAt(s - 1) == .late && c.gran != .day {
                c.mod = "END"
                s -= 1
            } else if kindAt(s - 1) == .of, let k = kindAt(s - 2),
                      k == .end || k == .beginning || k == .start || k == .mid, c.gran != .day {
                c.mod = k == .end ? "END" : (k == .mid ? "MID" : "START")
                s -= 2
            } else if let k = kindAt(s - 1), k == .later || k == .earlier, c.relative {
                s -= 1
            }
        }
        // Approximation.
        if c.mod == nil, kindAt(s - 1) == .approx,
           t.text(s - 1, is: "around") || t.text(s - 1, is: "Around") || t.text(s - 1, is: "circa") || t.text(s - 1, is: "approximately") || t.text(s - 1, is: "roughly") {
            c.mod = "APPROX"
            s -= 1
        }
        // Relations.
        var rel: String?
        var rs = s
        switch kindAt(s - 1) {
        case .since?:
            rel = "ON_OR_AFTER"; rs = s - 1
        case .after?:
            rel = "AFTER"; rs = s - 1
        case .before?, .until?:
            rel = "BEFORE"; rs = s - 1
        case .starting?, .beginning?:
            rel = "ON_OR_AFTER"; rs = s - 1
        case .on?, .from?, .in?:
            if let k = kindAt(s - 2), k == .starting || k == .beginning {
                rel = "ON_OR_AFTER"; rs = s - 2
            }
        case .as?:
            if kindAt(s - 3) == .as, let k = kindAt(s - 2), k == .early || k == .late {
                rel = k == .early ? "ON_OR_AFTER" : "ON_OR_BEFORE"
                rs = s - 3
            }
        case .than?:
            if let k = kindAt(s - 2) {
                if k == .later, let n = kindAt(s - 3), n == .no || n == .not {
                    rel = "ON_OR_BEFORE"; rs = s - 3
                } else if k == .greater || k == .later {
                    rel = "AFTER"; rs = s - 2
                    if kindAt(rs - 1) == .yearWord { rs -= 1 }
                } else if k == .earlier || k == .less {
                    rel = "BEFORE"; rs = s - 2
                    if kindAt(rs - 1) == .yearWord { rs -= 1 }
                }
            }
        default:
            break
        }
        if let rel {
            if c.mod == nil { c.mod = rel }
            s = rs
        }
        // Suffixes: "and after", "or later", "onwards".
        if c.mod == nil {
            let e = c.end
            if t.onLine(e), t.isKind(e, .and) || t.isKind(e, .or), t.onLine(e + 1) {
                let k = t.kind(e + 1)
                if (k == .after || k == .later || k == .greater) && boundary(e + 2) {
                    c.mod = "ON_OR_AFTER"
                    c.end = e + 2
                } else if (k == .before || k == .earlier) && boundary(e + 2) {
                    c.mod = "ON_OR_BEFORE"
                    c.end = e + 2
                }
            } else if t.onLine(e) && t.isKind(e, .onwards) {
                c.mod = "ON_OR_AFTER"
                c.end = e + 1
            }
        }
        c.start = s
        return c
    }
}

/// Writes a TIMEX value into a stack buffer and makes one string of it (no intermediate strings;
/// values up to 15 bytes are small strings, without an allocation).
struct TimexWriter {
    /// Longer than any value written: a year, a month and a day of 20 characters at most each
    /// and two separators.
    static let capacity = 80

    private let buf: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    /// The string `body` writes.
    static func format(_ body: (inout TimexWriter) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buf in
            var w = TimexWriter(buf: buf)
            body(&w)
            return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<w.count]), as: UTF8.self)
        }
    }

    private init(buf: UnsafeMutableBufferPointer<UInt8>) { self.buf = buf }

    /// Appends one ASCII byte (dropped when the buffer is full, which no TIMEX value reaches).
    @inline(__always)
    mutating func put(_ b: UInt8) {
        guard count < buf.count else { return }
        buf[count] = b
        count += 1
    }

    /// Appends the digits of `v` (after "-" when negative), zero-padded on the left to `width`
    /// characters, like `String(v)` with leading zeros.
    mutating func pad(_ v: Int, _ width: Int) {
        var mag = v.magnitude
        var digits = 1
        var t = mag
        while t >= 10 {
            t /= 10
            digits += 1
        }
        let len = digits + (v < 0 ? 1 : 0)
        var zeros = width - len
        while zeros > 0 {
            put(UInt8(ascii: "0"))
            zeros -= 1
        }
        if v < 0 { put(UInt8(ascii: "-")) }
        guard count + digits <= buf.count else { return }
        var k = count + digits - 1
        while k >= count {
            buf[k] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: mag % 10)
            mag /= 10
            k -= 1
        }
        count += digits
    }

    /// A year: four digits or more, "XXXX" when unknown.
    mutating func year(_ y: Int?) {
        guard let y else {
            for _ in 0..<4 { put(UInt8(ascii: "X")) }
            return
        }
        pad(y, 4)
    }
}
