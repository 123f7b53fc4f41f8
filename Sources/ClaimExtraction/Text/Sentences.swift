import ArticleCleaning

/// A sentence of the cleaned text.
public struct Sentence: Sendable, Hashable {
    /// UTF-8 byte range in the cleaned text.
    public var range: ByteRange
    /// The indices of its tokens in the document's token array.
    public var tokens: Range<Int>
    /// Whether it is a heading or caption-like line without final punctuation.
    public var isHeading: Bool
    /// Whether it ends with a question mark.
    public var isQuestion: Bool
}

/// Splits tokenized text into sentences.
///
/// Blocks (headings, paragraphs) never share a sentence. Inside a block a sentence ends at
/// `.`, `!`, `?` or `…` (with any closing quotes or brackets) when the next token starts a new
/// sentence (a capital, a digit or an opening quote), except after abbreviations (Mr., Dr., Jan.,
/// St., vs.) and single-letter initials ("Michael K. Williams"). A block without final
/// punctuation is one heading-like sentence.
public enum SentenceSplitter {
    static let abbreviations: WordSet = WordSet([
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no", "inc", "co", "ltd", "corp", "mt", "ft", "gen", "gov",
        "sen", "rep", "rev", "sgt", "capt", "lt", "col", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "approx", "est", "vol", "ep", "fig", "etc", "al", "bros", "ave", "univ", "dept", "assn", "ft", "pt",
    ].map(Tokenizer.hash))

    /// Splits `tokens` of `text` into sentences, never crossing the given block boundaries.
    public static func split(text: [UInt8], tokens: [Token], blocks: [TextBlock]) -> [Sentence] {
        text.withUnsafeBufferPointer { text in
            tokens.withUnsafeBufferPointer { tokens in
                split(text, tokens, blocks)
            }
        }
    }

    static func split(_ text: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ blocks: [TextBlock]) -> [Sentence] {
        var out: [Sentence] = []
        var ti = 0
        let blockList = blocks.isEmpty ? [TextBlock(kind: .paragraph, text: ByteRange(start: 0, end: text.count))] : blocks
        for block in blockList {
            while ti < tokens.count && Int(tokens[ti].start) < block.text.start { ti += 1 }
            let first = ti
            while ti < tokens.count && Int(tokens[ti].end) <= block.text.end { ti += 1 }
            let last = ti
            if first >= last { continue }
            var s = first
            var k = first
            while k < last {
                let t = tokens[k]
                var boundary = false
                var endTok = k + 1
                if t.kind == .punct && (isByte(text, t, 0x2E) || isByte(text, t, 0x21) || isByte(text, t, 0x3F) || isEllipsis(text, t)) {
                    // absorb repeated punctuation and closing quotes/brackets
                    while endTok < last, tokens[endTok].kind == .punct, !tokens[endTok].spaceBefore,
                          isCloser(text, tokens[endTok]) || isByte(text, tokens[endTok], 0x2E) || isByte(text, tokens[endTok], 0x21) || isByte(text, tokens[endTok], 0x3F) {
                        endTok += 1
                    }
                    // "doughnuts. ” Time passed": a detached closing quote still closes the sentence
                    if endTok + 1 < last, tokens[endTok].spaceBefore, tokens[endTok].kind == .punct, isCloser(text, tokens[endTok]),
                       !isByte(text, tokens[endTok], 0x29), tokens[endTok + 1].isCapitalized {
                        endTok += 1
                    }
                    if endTok >= last {
                        boundary = true
                    } else {
                        let next = tokens[endTok]
                        let startsNew = next.spaceBefore && (next.isCapitalized || next.kind == .number || isOpener(text, next))
                        if startsNew {
                            boundary = true
                            if isByte(text, t, 0x2E), k > s {
                                let prev = tokens[k - 1]
                                if !t.spaceBefore && prev.kind == .word && abbreviations.contains(prev.hash) { boundary = false }
                                // single capital initial ("K.") not at sentence start
                                if !t.spaceBefore && prev.kind == .word && prev.end - prev.start == 1 && prev.isCapitalized && k - 1 > s { boundary = false }
                            }
                        }
                    }
                }
                // "at 10 p.m. And …": a lower-case abbreviation token with its own final period
                if !boundary, t.kind == .word, t.end - t.start >= 3, text[Int(t.end) - 1] == 0x2E, text[Int(t.start)] >= 0x61,
                   text[Int(t.start)] <= 0x7A, k + 1 < last, tokens[k + 1].spaceBefore, tokens[k + 1].isCapitalized {
                    boundary = true
                    endTok = k + 1
                }
                if boundary {
                    out.append(makeSentence(text, tokens, s, endTok, isHeadingBlock: block.kind == .heading))
                    s = endTok
                    k = endTok
                } else {
                    k += 1
                }
            }
            if s < last {
                var tail = makeSentence(text, tokens, s, last, isHeadingBlock: block.kind == .heading)
                // a paragraph's last sentence ending in ":" or without punctuation is still prose
                if tail.isHeading, block.kind != .heading, s > first || last - s > 25 { tail.isHeading = false }
                out.append(tail)
            }
        }
        return out
    }

    static func makeSentence(_ text: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ a: Int, _ b: Int, isHeadingBlock: Bool) -> Sentence {
        let range = ByteRange(start: Int(tokens[a].start), end: Int(tokens[b - 1].end))
        var lastPunct = b - 1
        while lastPunct > a, tokens[lastPunct].kind == .punct, isCloser(text, tokens[lastPunct]) { lastPunct -= 1 }
        let lt = tokens[lastPunct]
        let question = lt.kind == .punct && isByte(text, lt, 0x3F)
        let terminal = (lt.kind == .punct && (isByte(text, lt, 0x2E) || isByte(text, lt, 0x21) || question || isEllipsis(text, lt)))
            || (lt.kind == .word && text[Int(lt.end) - 1] == 0x2E)
        return Sentence(range: range, tokens: a..<b, isHeading: isHeadingBlock || !terminal, isQuestion: question)
    }

    @inline(__always) static func isByte<B: RandomAccessCollection>(_ text: B, _ t: Token, _ b: UInt8) -> Bool where B.Element == UInt8, B.Index == Int {
        t.end - t.start == 1 && text[Int(t.start)] == b
    }

    @inline(__always) static func isEllipsis<B: RandomAccessCollection>(_ text: B, _ t: Token) -> Bool where B.Element == UInt8, B.Index == Int {
        t.end - t.start == 3 && text[Int(t.start)] == 0xE2 && text[Int(t.start) + 1] == 0x80 && text[Int(t.start) + 2] == 0xA6
    }

    /// Closing quote or bracket: " ' ) ] ” ’ »
    @inline(__always) static func isCloser<B: RandomAccessCollection>(_ text: B, _ t: Token) -> Bool where B.Element == UInt8, B.Index == Int {
        let s = Int(t.start)
        switch t.end - t.start {
        case 1: return text[s] == 0x22 || text[s] == 0x27 || text[s] == 0x29 || text[s] == 0x5D
        case 2: return text[s] == 0xC2 && text[s + 1] == 0xBB
        case 3: return text[s] == 0xE2 && text[s + 1] == 0x80 && (text[s + 2] == 0x9D || text[s + 2] == 0x99)
        default: return false
        }
    }

    /// Opening quote or bracket: " ' ( [ “ ‘ «
    @inline(__always) static func isOpener<B: RandomAccessCollection>(_ text: B, _ t: Token) -> Bool where B.Element == UInt8, B.Index == Int {
        let s = Int(t.start)
        switch t.end - t.start {
        case 1: return text[s] == 0x22 || text[s] == 0x27 || text[s] == 0x28 || text[s] == 0x5B
        case 2: return text[s] == 0xC2 && text[s + 1] == 0xAB
        case 3: return text[s] == 0xE2 && text[s + 1] == 0x80 && (text[s + 2] == 0x9C || text[s + 2] == 0x98)
        default: return false
        }
    }
}
