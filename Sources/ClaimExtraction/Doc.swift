import ArticleCleaning

/// A claim before its evidence is resolved: a value, its subject, the token span quoted, the rule.
struct Draft {
    var value: ClaimValue
    var subject: ClaimSubject?
    /// Token range of the quote.
    var quote: Range<Int>
    var rule: String
    var confidence: Double
    var modality: Modality?
    var attribution: String?
}

/// Everything the rules read: text, tokens, sentences, recognised values, subjects and names.
final class Doc {
    let text: [UInt8]
    let tokens: [Token]
    /// Per token: its hash, or for a possessive word ("Netflix's") the hash without "'s".
    let baseHashes: [UInt64]
    /// Per token: whether it can be part of a person's name (``isNameToken(_:)``).
    private let nameWords: [Bool]
    let sentences: [Sentence]
    let numbers: [NumberMention]
    let dates: [DateMention]
    let title: String?
    var mainTitle: String?
    var mainSeason: Int?
    /// The article's date (or the caller's), for year-less dates.
    var reference: ReferenceDate?
    var subjects: [SubjectMention] = []
    /// Known works (normalised title key → display title).
    var works: [String] = []
    /// last name token hash → full name
    var fullNames = FullNames()
    /// Every 2–3 word person name seen, each once, in text order.
    var allNames: [String] = []
    /// The token range each of ``allNames`` was first seen at.
    var nameRanges: [Range<Int>] = []
    /// Per name of ``allNames``: the hash of its last word as the name string spells it (a
    /// possessive "'s" / "’s" that ``nameString(_:)`` strips is left out).
    var nameLastHashes: [UInt64] = []

    init(text: [UInt8], tokens: [Token], sentences: [Sentence], numbers: [NumberMention], dates: [DateMention], title: String?) {
        self.text = text
        self.tokens = tokens
        // the possessive suffix is "'s"/"'S" (2 bytes) or "’s"/"’S" (4 bytes)
        let base = [UInt64](unsafeUninitializedCapacity: tokens.count) { base, n in
            tokens.withUnsafeBufferPointer { toks in
                for (k, t) in toks.enumerated() {
                    guard t.isPossessive else { base[k] = t.hash; continue }
                    let cut = text[Int(t.end) - 2] == 0x27 ? 2 : 4
                    base[k] = Tokenizer.hash(text[Int(t.start)..<(Int(t.end) - cut)])
                }
            }
            n = tokens.count
        }
        baseHashes = base
        let nonName = Lex.nonName
        nameWords = [Bool](unsafeUninitializedCapacity: tokens.count) { flags, n in
            tokens.withUnsafeBufferPointer { toks in
                text.withUnsafeBufferPointer { text in
                    for (k, t) in toks.enumerated() {
                        flags[k] = t.kind == .word && t.isCapitalized && Doc.isNameWord(t, base: base[k], text, nonName)
                    }
                }
            }
            n = tokens.count
        }
        self.sentences = sentences
        self.numbers = numbers
        self.dates = dates
        self.title = title
    }

    // MARK: token access

    @inline(__always) func h(_ i: Int) -> UInt64 { i >= 0 && i < tokens.count ? tokens[i].hash : 0 }
    @inline(__always) func isWord(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .word }
    @inline(__always) func cap(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].isCapitalized }
    @inline(__always) func `is`(_ i: Int, _ w: UInt64) -> Bool { h(i) == w }
    @inline(__always) func isAny(_ i: Int, _ s: WordSet) -> Bool { i >= 0 && i < tokens.count && s.contains(tokens[i].hash) }

    /// Whether token `k` of a sentence starting at token `start` hedges a claim (``Lex/hedges``):
    /// a capitalised "May" inside the sentence or before a number is the month (or a name), not
    /// the modal verb ("In May, …", "premieres May 3").
    func isHedge(_ k: Int, sentenceStart start: Int, hedges: WordSet = Lex.hedges) -> Bool {
        isAny(k, hedges) && !isMonthMay(k, sentenceStart: start)
    }

    /// Whether token `k` is "May" the month (or a name): capitalised inside its sentence or
    /// before a number.
    func isMonthMay(_ k: Int, sentenceStart start: Int) -> Bool {
        tokens[k].hash == Doc.mayHash && tokens[k].isCapitalized
            && (k > start || (k + 1 < tokens.count && tokens[k + 1].kind == .number))
    }

    static let mayHash = Tokenizer.hash("may")

    /// The text of tokens `r`.
    func str(_ r: Range<Int>) -> String {
        guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= tokens.count else { return "" }
        return String(decoding: text[Int(tokens[r.lowerBound].start)..<Int(tokens[r.upperBound - 1].end)], as: UTF8.self)
    }

    func str(_ i: Int) -> String { str(i..<(i + 1)) }

    /// Whether token `i` is the single character `c`.
    @inline(__always) func isChar(_ i: Int, _ c: UInt8) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].end - tokens[i].start == 1 && text[Int(tokens[i].start)] == c
    }

    func isComma(_ i: Int) -> Bool { isChar(i, 0x2C) }
    func isOpenParen(_ i: Int) -> Bool { isChar(i, 0x28) }
    func isCloseParen(_ i: Int) -> Bool { isChar(i, 0x29) }
    func isOpenQuote(_ i: Int) -> Bool {
        guard i >= 0 && i < tokens.count, tokens[i].kind == .punct else { return false }
        return SentenceSplitter.isOpener(text, tokens[i]) && !isOpenParen(i) && !isChar(i, 0x5B)
    }
    func isCloseQuote(_ i: Int) -> Bool {
        guard i >= 0 && i < tokens.count, tokens[i].kind == .punct else { return false }
        return SentenceSplitter.isCloser(text, tokens[i]) && !isCloseParen(i) && !isChar(i, 0x5D)
    }
    func isQuoteChar(_ i: Int) -> Bool { isOpenQuote(i) || isCloseQuote(i) }

    /// Whether token `i` ends with a possessive "'s" / "’s".
    func isPossessive(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].isPossessive
    }


    /// A name string without a trailing possessive.
    func nameString(_ r: Range<Int>) -> String {
        var s = str(r)
        if let last = r.last, isPossessive(last) {
            if s.hasSuffix("’s") { s.removeLast(2) } else if s.hasSuffix("'s") || s.hasSuffix("'S") { s.removeLast(2) }
        }
        return s
    }

    // MARK: names

    /// Whether token `i` can be part of a person's name.
    @inline(__always) func isNameToken(_ i: Int) -> Bool {
        i >= 0 && i < nameWords.count && nameWords[i]
    }

    /// Whether a capitalised word `t` (whose hash without a possessive is `base`) can be part
    /// of a person's name.
    static func isNameWord(_ t: Token, base: UInt64, _ text: UnsafeBufferPointer<UInt8>, _ nonName: WordSet) -> Bool {
        if nonName.contains(t.hash) { return false }
        if t.isPossessive, nonName.contains(base) { return false }
        // all-caps words of 3+ letters are acronyms, not names ("TMZ", "HBO")
        var len = Int(t.end - t.start)
        if t.isPossessive { len -= text[Int(t.end) - 2] == 0x27 ? 2 : 4 }
        if len >= 3 {
            var lower = false
            for k in Int(t.start)..<(Int(t.start) + len) where text[k] >= 0x61 && text[k] <= 0x7A { lower = true; break }
            if !lower && text[Int(t.start)] < 0x80 { return false }
        }
        return true
    }

    /// The longest person-name span starting at `i` (1–4 tokens), stopping at `limit`.
    func personName(at i: Int, limit: Int) -> Range<Int>? {
        guard i < limit, isNameToken(i) else { return nil }
        var j = i + 1
        var count = 1
        while j < limit && count < 5 {
            if isPossessive(j - 1) { break }
            if isNameToken(j) { j += 1; count += 1; continue }
            // surnames that are also months ("Stephen March", "Theresa May")
            if Lex.monthKeys.contains(h(j)), cap(j), isWord(j), tokens[j].end - tokens[j].start > 3, !(j + 1 < limit && tokens[j + 1].kind == .number) {
                j += 1; count += 1; continue
            }
            // "K." initial: capital letter token followed by "."
            if isChar(j, 0x2E), tokens[j - 1].end - tokens[j - 1].start == 1, !tokens[j].spaceBefore, isNameToken(j + 1) {
                j += 1; continue
            }
            if isAny(j, Lex.nameParticles), isNameToken(j + 1) { j += 2; count += 2; continue }
            break
        }
        return i..<j
    }

    /// A person-name span ending just before `end` (scanning backwards), at least `from`.
    func personName(endingAt end: Int, from: Int) -> Range<Int>? {
        var s = end
        while s - 1 >= from, isNameToken(s - 1) || (isChar(s - 1, 0x2E) && s - 2 >= from && tokens[s - 2].end - tokens[s - 2].start == 1) {
            s -= 1
            if end - s >= 5 { break }
        }
        guard s < end, isNameToken(s) else { return nil }
        return s..<end
    }

    /// Resolves a one-word name to a full name seen in the document ("Fry" → "Stephen Fry").
    func resolvePerson(_ r: Range<Int>) -> String {
        let name = nameString(r)
        if r.count == 1, let full = fullNames[Tokenizer.hash(Array(name.utf8))] { return full }
        return name
    }

    /// Collects full names (2–4 name tokens) so later one-word mentions resolve to them.
    func collectNames() {
        // last-name hash → the first full name seen with it (its exact hash and index in
        // `names`), and whether a different full name was seen with it too
        var byLast = HashMap64(capacity: 64)
        var firsts: [(exact: UInt64, name: Int, ambiguous: Bool)] = []
        // exact-byte hash (case-sensitive) → index in `names`, to keep names unique
        var known = HashMap64(capacity: 64)
        var names: [String] = [], ranges: [Range<Int>] = [], lasts: [UInt64] = []
        for s in sentences {
            var i = s.tokens.lowerBound
            let end = s.tokens.upperBound
            while i < end {
                guard nameWords[i], let r = personName(at: i, limit: end), r.count >= 2 else { i += 1; continue }
                var words = 0, last = -1
                for k in r where tokens[k].kind == .word { words += 1; last = k }
                if words >= 2, words <= 3 {
                    // the last word without a possessive "'s" (as `nameString` strips it)
                    let t = tokens[last]
                    let curlyCapital = t.isPossessive && text[Int(t.end) - 1] == 0x53 && text[Int(t.end) - 2] != 0x27
                    let lastName = curlyCapital ? t.hash : baseHashes[last]
                    let exact = Doc.exactHash(text[nameBytes(r)])
                    let index: Int
                    if let k = known[exact] {
                        index = k
                    } else {
                        index = names.count
                        known[exact] = index
                        names.append(nameString(r))
                        ranges.append(r)
                        lasts.append(lastName)
                    }
                    if let f = byLast[lastName] {
                        let seen = firsts[f]
                        if !seen.ambiguous, seen.exact != exact, names[seen.name] != names[index] {
                            firsts[f].ambiguous = true
                        }
                    } else {
                        byLast[lastName] = firsts.count
                        firsts.append((exact, index, false))
                    }
                }
                i = r.upperBound
            }
        }
        var full = HashMap64(capacity: byLast.count)
        byLast.forEach { k, f in if !firsts[f].ambiguous { full[k] = firsts[f].name } }
        fullNames = FullNames(index: full, names: names)
        allNames = names
        nameRanges = ranges
        nameLastHashes = lasts
    }

    /// The text bytes of ``nameString(_:)`` for tokens `r`: without a possessive "’s", "'s" or
    /// "'S" at the end (a "’S" stays).
    func nameBytes(_ r: Range<Int>) -> Range<Int> {
        let a = Int(tokens[r.lowerBound].start)
        var e = Int(tokens[r.upperBound - 1].end)
        if tokens[r.upperBound - 1].isPossessive {
            if text[e - 1] == 0x73, text[e - 2] == 0x99, text[e - 3] == 0x80, text[e - 4] == 0xE2 { e -= 4 } else if text[e - 2] == 0x27 { e -= 2 }
        }
        return a..<e
    }

    /// The tokens of name `k` of ``allNames`` as tokenizing the name string gives them (the
    /// document's tokens, the last without a stripped possessive); offsets are the document's.
    func nameTokens(_ k: Int) -> [Token] {
        var ts = Array(tokens[nameRanges[k]])
        if let last = ts.indices.last, ts[last].hash != nameLastHashes[k] {
            ts[last].hash = nameLastHashes[k]
            ts[last].isPossessive = false
        }
        return ts
    }

    /// FNV-1a over bytes, case-sensitive.
    static func exactHash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    // MARK: titles

    /// A quoted title starting at an opening quote `i`: returns the inner token range and the index after the closing quote.
    func quotedTitle(at i: Int, limit: Int) -> (inner: Range<Int>, next: Int)? {
        guard isOpenQuote(i) else { return nil }
        var j = i + 1
        while j < limit, j - i <= 14 {
            if isCloseQuote(j) || (isOpenQuote(j) && j > i + 1 && isChar(j, 0x22)) {
                let inner = (i + 1)..<j
                guard !inner.isEmpty, cap(inner.lowerBound) || tokens[inner.lowerBound].kind == .number else { return nil }
                // a quoted title reads like a title: most words capitalised
                var words = 0, caps = 0
                for k in inner where isWord(k) { words += 1; if cap(k) || Lex.titleGlue.contains(h(k)) { caps += 1 } }
                guard words > 0, caps * 10 >= words * 7 else { return nil }
                var inner2 = inner
                while inner2.count > 1, isComma(inner2.upperBound - 1) || isChar(inner2.upperBound - 1, 0x2E) { inner2 = inner2.lowerBound..<(inner2.upperBound - 1) }
                return (inner2, j + 1)
            }
            j += 1
        }
        return nil
    }

    /// A capitalised title span starting at `i` ("Salt and Ember, Book One", "Night of the Long Knives").
    func capitalizedTitle(at i: Int, limit: Int, allowComma: Bool = false, stopWords: WordSet = .empty) -> Range<Int>? {
        guard i < limit, isWord(i) || tokens[i].kind == .number, cap(i) || tokens[i].kind == .number, !stopWords.contains(h(i)) else { return nil }
        var j = i + 1
        var end = j
        while j < limit {
            if stopWords.contains(h(j)) { break }
            if (isWord(j) && cap(j)) || tokens[j].kind == .number { j += 1; end = j; continue }
            // "Don't Trust The B— In Apt 23": a dash glued to the previous word
            if tokens[j].kind == .punct, !tokens[j].spaceBefore, text[Int(tokens[j].start)] == 0xE2, j + 1 < limit, cap(j + 1), isWord(j + 1) {
                j += 1; continue
            }
            if isChar(j, 0x3A) || isChar(j, 0x21) || (allowComma && isComma(j)) || Lex.titleGlue.contains(h(j)) {
                if j + 1 < limit, (cap(j + 1) && isWord(j + 1)) || (Lex.titleGlue.contains(h(j)) && Lex.titleGlue.contains(h(j + 1)) && cap(j + 2)) {
                    j += 1; continue
                }
                if isChar(j, 0x21) { j += 1; end = j }
                break
            }
            break
        }
        return i..<end
    }

    /// Whether the token-hash sequence `key` (a title) occurs among tokens `r`; a possessive last word counts.
    func contains(_ key: [UInt64], in r: Range<Int>) -> Bool {
        guard let first = key.first, r.count >= key.count else { return false }
        var i = r.lowerBound
        while i + key.count <= r.upperBound {
            if tokens[i].hash == first {
                var k = 1
                while k < key.count, tokens[i + k].hash == key[k] || (k == key.count - 1 && isPossessive(i + k) && CompanyRules.baseHash(self, i + k) == key[k]) { k += 1 }
                if k == key.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The recognised number whose digits or words start at token `i`, if any.
    func number(startingAt i: Int) -> NumberMention? {
        guard i >= 0, i < tokens.count else { return nil }
        let b = Int(tokens[i].start)
        var lo = 0, hi = numbers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if numbers[mid].numberRange.start < b { lo = mid + 1 } else { hi = mid }
        }
        return lo < numbers.count && numbers[lo].numberRange.start == b ? numbers[lo] : nil
    }

    // MARK: spans

    /// The text byte range of tokens `r`.
    func byteRange(_ r: Range<Int>) -> ByteRange {
        ByteRange(start: Int(tokens[r.lowerBound].start), end: Int(tokens[r.upperBound - 1].end))
    }

    /// Index of the sentence containing token `i`.
    func sentenceIndex(ofToken i: Int) -> Int? {
        var lo = 0, hi = sentences.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = sentences[mid].tokens
            if i < r.lowerBound { hi = mid - 1 } else if i >= r.upperBound { lo = mid + 1 } else { return mid }
        }
        return nil
    }

    /// The first token index at or after byte offset `b`.
    func tokenIndex(atOrAfter b: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < b { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The token index range covering byte range `r`.
    func tokenRange(_ r: ByteRange) -> Range<Int> {
        let a = tokenIndex(atOrAfter: r.start)
        var b = a
        while b < tokens.count && Int(tokens[b].start) < r.end { b += 1 }
        return a..<max(a, b)
    }
}

/// The full name of each last name seen with just one ("Fry" → "Stephen Fry"), by the last
/// name's token hash.
struct FullNames {
    var index = HashMap64()
    var names: [String] = []

    /// The full name whose last word hashes to `lastName`, if exactly one was seen.
    subscript(_ lastName: UInt64) -> String? {
        index[lastName].map { names[$0] }
    }
}
