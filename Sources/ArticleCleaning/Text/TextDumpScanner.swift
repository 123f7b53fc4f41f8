/// One run of a scanned block's text and the decoded input bytes it stands for.
struct TextPiece: Sendable {
    enum Mode: UInt8, Sendable {
        /// The text bytes are the source bytes.
        case copied
        /// The text stands for differently spelled source bytes (an entity, a whitespace run).
        case replaced
        /// The text has no source counterpart (the space between two table cells).
        case synthetic
    }

    var text: Range<Int>
    var source: Range<Int>
    var mode: Mode
}

/// A block of text found by ``TextDumpScanner``, before it is classified.
struct ScannedBlock: Sendable {
    /// The block's text, as a range of ``TextDumpScanner/textBuffer``.
    var text: Range<Int>
    /// The block's pieces, as a range of ``TextDumpScanner/pieces``.
    var pieces: Range<Int>
    /// The decoded input bytes the block covers, markup inside it included.
    var source: Range<Int>
    /// The role markup gave the block (`<h2>`, `<li>`, `# `, `> `), if any.
    var hint: TextBlock.Kind?
    /// Text offset (into the text buffer) of the first space that stands for a run holding a no-break space.
    var nbspSpace: Int
    /// Whether the block's input holds a `;` (only such blocks can hold a script statement).
    var hasSemicolon: Bool
    /// Text offsets (into the text buffer, ascending, inside ``text``) where removed text lay
    /// between the words before and after: the block is written as separate blocks there.
    var splits: [Int] = []
}

/// A dropped piece of input found while scanning.
struct ScannedSpan: Sendable {
    var kind: RemovalKind
    var source: Range<Int>
    /// The block the span lies inside, or -1 when it lies between blocks.
    var block: Int
}

/// A single-pass byte scanner that turns a text dump into blocks of normalised text.
///
/// It strips leftover tags (keeping the text between them), drops the content of script, style,
/// iframe, caption and similar elements, decodes character references, strips Markdown
/// link/image/heading syntax, removes lines shaped like script code, and normalises whitespace.
/// Every text byte it produces is recorded in a ``TextPiece`` that points back into the decoded
/// input. Every search it makes stops at the next `<`, at a blank line or at the end of a line, or
/// is cached, so the scan is linear in the input size.
struct TextDumpScanner {
    let u: UnsafeBufferPointer<UInt8>
    let n: Int
    /// decoded → raw offsets when the input was UTF-8 with replaced bytes (to spot U+FFFD that stands for a bad byte).
    let replacementTable: [Int32]?

    private(set) var textBuffer: [UInt8] = []
    private(set) var pieces: [TextPiece] = []
    private(set) var blocks: [ScannedBlock] = []
    private(set) var spans: [ScannedSpan] = []
    private(set) var warnings: [String] = []

    /// Whether single line breaks end blocks (true unless the dump is hard-wrapped prose).
    var linesAreBlocks = true
    /// End the block at the next line break (set for the first line, the title candidate).
    var forceEndAtNewline = false

    // Block state.
    private var blockOpen = false
    private var blockTextStart = 0
    private var blockPieceStart = 0
    private var blockSrcLo = Int.max
    private var blockSrcHi = 0
    private var blockNBSP = -1
    private var blockHint: TextBlock.Kind?
    private var blockSemicolon = false
    private var blockSplits: [Int] = []
    /// Removed text (script code, a dropped element's words) lies between the block's text so far
    /// and whatever text comes next.
    private var splitPending = false
    private var pendingSpace: Range<Int>?
    private var pendingNBSP = false
    private var pendingSynthetic = false

    // Structure state.
    private var tagHint: TextBlock.Kind?
    private var lineHint: TextBlock.Kind?
    private var quoteDepth = 0
    private var tweetLevel = 0
    private var containers = 0
    private var atLineStart = true

    // Drop state.
    private var dropping = false
    private var dropKey: UInt64 = 0
    private var dropDepth = 0
    private var dropKind: RemovalKind = .markup
    private var dropStart = 0

    // Markdown state.
    private var linkCloseAt = -1
    private var linkEnd = -1
    private var emphasisCloseAt = -1
    private var emphasisLength = 0
    private var noCloserBefore = [0, 0, 0, 0]

    // Search caches: (searched from, found at or n when absent).
    private var commentCache = (from: Int.max, at: 0)
    private var cdataCache = (from: Int.max, at: 0)
    private var closeCache: [UInt64: (from: Int, at: Int)] = [:]

    init(_ u: UnsafeBufferPointer<UInt8>, replacementTable: [Int32]?) {
        self.u = u
        self.n = u.count
        self.replacementTable = replacementTable
        textBuffer.reserveCapacity(u.count)
        pieces.reserveCapacity(u.count / 64 + 16)
    }

    // MARK: - Byte classes

    /// 1 for bytes that need a look in the scanning loop.
    static let special: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c: UInt8 in [0x0A, 0x0D, 0x20, 0x09, 0x0C, 0x0B, 0x3C, 0x26, 0x5B, 0x5D, 0x21, 0x2A, 0xC2, 0xE2, 0xE3, 0xEF,
                         0x3B, 0x5F] {
            t[Int(c)] = 1
        }
        return t
    }()

    @inline(__always) static func isSpaceOrTab(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0C || c == 0x0D || c == 0x0B
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == 0x2D }

    /// Width of a Unicode space character (NBSP, U+2000–U+200A, U+202F, U+205F, U+3000) at `i`, else 0.
    @inline(__always) func unicodeSpaceWidth(_ i: Int) -> Int {
        let c = u[i]
        if c == 0xC2 { return i + 1 < n && u[i + 1] == 0xA0 ? 2 : 0 }
        if c == 0xE2, i + 2 < n {
            let c1 = u[i + 1], c2 = u[i + 2]
            if c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF) { return 3 }
            if c1 == 0x81 && c2 == 0x9F { return 3 }
            return 0
        }
        if c == 0xE3, i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// Width of any whitespace (ASCII except line feed, or a Unicode space) at `i`, else 0.
    @inline(__always) func horizontalSpaceWidth(_ i: Int) -> Int {
        if Self.isSpaceOrTab(u[i]) { return 1 }
        return u[i] >= 0xC2 ? unicodeSpaceWidth(i) : 0
    }

    /// The end of the line containing `i` (the position of its `\n`, or `n`).
    @inline(__always) func lineEnd(_ i: Int) -> Int {
        var e = i
        while e < n, u[e] != 0x0A { e += 1 }
        return e
    }

    /// The end of the line containing `i`, looking no further than `limit`.
    @inline(__always) func lineEnd(_ i: Int, limit: Int) -> Int {
        var e = i
        let stop = min(limit, n)
        while e < stop, u[e] != 0x0A { e += 1 }
        return e
    }

    /// The end of the line containing `i`, looking no further than the next `<` after it.
    @inline(__always) func lineEndBeforeTag(_ i: Int) -> Int {
        var e = i + 1
        while e < n, u[e] != 0x0A, u[e] != 0x3C { e += 1 }
        return min(e, n)
    }

    /// Whether a blank line (or the end of input) follows the line break at `i`.
    @inline(__always) func blankAfterNewline(_ i: Int) -> (blank: Bool, next: Int, nbsp: Bool) {
        var j = i + 1
        var nbsp = false
        while j < n {
            let w = horizontalSpaceWidth(j)
            if w == 0 { break }
            if w == 2 { nbsp = true }
            j += w
        }
        return (j >= n || u[j] == 0x0A, j, nbsp)
    }

    // MARK: - Emitting text

    private mutating func openBlockIfNeeded() {
        guard !blockOpen else { return }
        blockOpen = true
        blockTextStart = textBuffer.count
        blockPieceStart = pieces.count
        blockSrcLo = Int.max
        blockSrcHi = 0
        blockNBSP = -1
        blockHint = lineHint ?? tagHint ?? (quoteDepth > 0 ? .quote : nil)
        blockSplits = []
        splitPending = false
        pendingSpace = nil
        pendingSynthetic = false
    }

    /// Marks that removed text lies here: the text before and after stays one block for the
    /// classifier, but is written as separate blocks (``ScannedBlock/splits``) so that no sentence
    /// joins words across the removed text — no single source range would hold such a quote
    /// without the removed words.
    mutating func split() {
        guard blockOpen, textBuffer.count > blockTextStart else { return }
        splitPending = true
    }

    /// Records a pending split where the next text starts: `skip` bytes (a leading space) into
    /// what is appended next.
    @inline(__always) private mutating func takeSplit(skip: Int = 0) {
        guard splitPending else { return }
        splitPending = false
        if textBuffer.count > blockTextStart { blockSplits.append(textBuffer.count + skip) }
    }

    @inline(__always) private mutating func extend(_ r: Range<Int>) {
        if r.lowerBound < blockSrcLo { blockSrcLo = r.lowerBound }
        if r.upperBound > blockSrcHi { blockSrcHi = r.upperBound }
    }

    private mutating func flushPendingSpace() {
        guard blockOpen, textBuffer.count > blockTextStart else {
            pendingSpace = nil; pendingSynthetic = false; return
        }
        if pendingSynthetic {
            let t = textBuffer.count
            textBuffer.append(0x20)
            let at = pieces.last?.source.upperBound ?? 0
            pieces.append(TextPiece(text: t..<t + 1, source: at..<at, mode: .synthetic))
            pendingSynthetic = false
            return
        }
        guard let r = pendingSpace else { return }
        pendingSpace = nil
        if pendingNBSP, blockNBSP < 0 { blockNBSP = textBuffer.count }
        if r.count == 1, u[r.lowerBound] == 0x20 {
            appendPiece(r, copied: true)
        } else {
            let t = textBuffer.count
            textBuffer.append(0x20)
            pieces.append(TextPiece(text: t..<t + 1, source: r, mode: .replaced))
            extend(r)
        }
    }

    @inline(__always) private mutating func appendPiece(_ r: Range<Int>, copied: Bool) {
        let t = textBuffer.count
        textBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: u[r]))
        if let last = pieces.indices.last, last >= blockPieceStart, pieces[last].mode == .copied,
           pieces[last].source.upperBound == r.lowerBound, pieces[last].text.upperBound == t {
            pieces[last].text = pieces[last].text.lowerBound..<textBuffer.count
            pieces[last].source = pieces[last].source.lowerBound..<r.upperBound
        } else {
            pieces.append(TextPiece(text: t..<textBuffer.count, source: r, mode: .copied))
        }
        extend(r)
    }

    /// Appends input bytes `a..<b` verbatim (a run without whitespace runs, tags or references).
    mutating func emitCopied(_ a: Int, _ b: Int) {
        guard b > a else { return }
        var a = a
        if u[a] == 0x20 {
            // A run starts with a single space only when a plain byte follows it.
            if !blockOpen || textBuffer.count == blockTextStart {
                a += 1
            } else if pendingSpace != nil || pendingSynthetic {
                pendingSpace = nil; pendingSynthetic = false
            }
            guard b > a else { return }
        }
        openBlockIfNeeded()
        flushPendingSpace()
        takeSplit(skip: u[a] == 0x20 ? 1 : 0)
        appendPiece(a..<b, copied: true)
    }

    /// Appends the UTF-8 of `scalar`, standing for input bytes `a..<b`.
    mutating func emitReplacement(_ scalar: UInt32, _ a: Int, _ b: Int) {
        openBlockIfNeeded()
        flushPendingSpace()
        takeSplit()
        let t = textBuffer.count
        InputDecoder.appendUTF8(scalar, to: &textBuffer)
        pieces.append(TextPiece(text: t..<textBuffer.count, source: a..<b, mode: .replaced))
        extend(a..<b)
    }

    /// Notes whitespace at `a..<b`; it becomes one space if more text follows in the block.
    mutating func noteSpace(_ a: Int, _ b: Int, nbsp: Bool) {
        guard blockOpen, textBuffer.count > blockTextStart else { return }
        if pendingSpace == nil {
            pendingSpace = a..<b
            pendingNBSP = nbsp
            pendingSynthetic = false
        }
    }

    /// Notes a separation with no whitespace in the input (between table cells).
    mutating func noteSoftSpace() {
        guard blockOpen, textBuffer.count > blockTextStart, pendingSpace == nil else { return }
        pendingSynthetic = true
    }

    /// Ends the current block, if one is open.
    mutating func endBlock() {
        pendingSpace = nil
        pendingSynthetic = false
        splitPending = false
        guard blockOpen else { return }
        defer { blockSemicolon = false }
        blockOpen = false
        forceEndAtNewline = false
        lineHint = nil
        guard textBuffer.count > blockTextStart else {
            pieces.removeSubrange(blockPieceStart...)
            return
        }
        let lo = blockSrcLo == Int.max ? 0 : blockSrcLo
        blocks.append(ScannedBlock(text: blockTextStart..<textBuffer.count, pieces: blockPieceStart..<pieces.count,
                                   source: lo..<max(lo, blockSrcHi), hint: blockHint, nbspSpace: blockNBSP,
                                   hasSemicolon: blockSemicolon, splits: blockSplits))
    }

    /// Records that input bytes `a..<b` were dropped.
    mutating func remove(_ kind: RemovalKind, _ a: Int, _ b: Int) {
        guard b > a else { return }
        let block = blockOpen && textBuffer.count > blockTextStart ? blocks.count : -1
        if block >= 0 { extend(a..<b) }
        if let last = spans.indices.last, spans[last].kind == kind, spans[last].block == block,
           spans[last].source.upperBound <= a, onlySpace(spans[last].source.upperBound, a) {
            spans[last].source = spans[last].source.lowerBound..<b
            return
        }
        spans.append(ScannedSpan(kind: kind, source: a..<b, block: block))
    }

    /// Whether `u[a..<b]` is whitespace only (checked up to 256 bytes).
    func onlySpace(_ a: Int, _ b: Int) -> Bool {
        guard b - a <= 256 else { return false }
        var k = a
        while k < b {
            let c = u[k]
            if !(Self.isSpaceOrTab(c) || c == 0x0A) { return false }
            k += 1
        }
        return true
    }

    mutating func warn(_ message: String) {
        if warnings.count < 20 { warnings.append(message) }
    }

    // MARK: - Main loop

    /// Scans `u[start..<n]`.
    mutating func scan(from start: Int) {
        var i = start
        var runStart = i
        atLineStart = true
        Self.special.withUnsafeBufferPointer { special in
            scanLoop(&i, &runStart, special)
        }
        if !dropping { emitCopied(runStart, min(i, n)) }
        endBlock()
    }

    private mutating func scanLoop(_ i: inout Int, _ runStart: inout Int, _ special: UnsafeBufferPointer<UInt8>) {
        while i < n {
            if dropping {
                dropStep(&i)
                runStart = i
                continue
            }
            if atLineStart {
                atLineStart = false
                // Skip indentation, then look at the line as a whole.
                var j = i
                while j < n {
                    let w = horizontalSpaceWidth(j)
                    if w == 0 { break }
                    j += w
                }
                i = j
                if i < n, u[i] != 0x0A { lineStart(&i) }
                runStart = i
                continue
            }
            let c = u[i]
            if special[Int(c)] == 0 { i += 1; continue }
            if c == 0x20, i + 1 < n, special[Int(u[i + 1])] == 0 { i += 2; continue }
            switch c {
            case 0x0A:
                emitCopied(runStart, i)
                newline(&i)
            case 0x20, 0x09, 0x0C, 0x0D, 0x0B:
                emitCopied(runStart, i)
                whitespace(&i)
            case 0xC2, 0xE2, 0xE3:
                if unicodeSpaceWidth(i) > 0 {
                    emitCopied(runStart, i)
                    whitespace(&i)
                } else {
                    i += 1
                    continue
                }
            case 0xEF:
                if isReplacedByte(i) {
                    emitCopied(runStart, i)
                    emitReplacement(0xFFFD, i, i + 3)
                    i += 3
                } else {
                    i += 1
                    continue
                }
            case 0x3C:  // <
                emitCopied(runStart, i)
                if !lessThan(&i) {
                    runStart = i
                    i += 1
                    continue
                }
            case 0x26:  // &
                if let (scalar, len) = TextEntities.decode(u, at: i) {
                    emitCopied(runStart, i)
                    if scalar == 0xA0 || scalar == 0x20 || scalar == 0x09 || scalar == 0x0A || scalar == 0x0D
                        || (scalar >= 0x2000 && scalar <= 0x200A) || scalar == 0x202F || scalar == 0x3000 {
                        noteSpace(i, i + len, nbsp: scalar == 0xA0)
                    } else {
                        emitReplacement(scalar, i, i + len)
                    }
                    i += len
                } else {
                    i += 1
                    continue
                }
            case 0x5B:  // [
                guard markdownLinkOpen(i) else { i += 1; continue }
                emitCopied(runStart, i)
                remove(.markup, i, i + 1)
                i += 1
            case 0x5D:  // ]
                guard i == linkCloseAt else { i += 1; continue }
                emitCopied(runStart, i)
                remove(.markup, i, linkEnd)
                i = linkEnd
                linkCloseAt = -1
            case 0x21:  // !
                guard i + 1 < n, u[i + 1] == 0x5B, let end = markdownImageEnd(i) else { i += 1; continue }
                emitCopied(runStart, i)
                remove(.markup, i, end)
                i = end
            case 0x3B:  // ;
                blockSemicolon = true
                i += 1
                continue
            case 0x2A, 0x5F:  // * _ (Markdown emphasis)
                let len = i + 1 < n && u[i + 1] == c ? 2 : 1
                if i == emphasisCloseAt {
                    emitCopied(runStart, i)
                    remove(.markup, i, i + emphasisLength)
                    i += emphasisLength
                    emphasisCloseAt = -1
                } else if emphasisCloseAt < i, let close = emphasisClose(i, length: len) {
                    emitCopied(runStart, i)
                    remove(.markup, i, i + len)
                    emphasisCloseAt = close
                    emphasisLength = len
                    i += len
                } else {
                    i += len
                    continue
                }
            default:
                i += 1
                continue
            }
            runStart = i
        }
    }

    /// Whether the U+FFFD at `i` stands for an invalid input byte.
    @inline(__always) func isReplacedByte(_ i: Int) -> Bool {
        guard let t = replacementTable, i + 2 < n, u[i + 1] == 0xBF, u[i + 2] == 0xBD, i + 2 < t.count else { return false }
        return t[i] == t[i + 2]
    }

    private mutating func whitespace(_ i: inout Int) {
        var j = i
        var nbsp = false
        while j < n {
            let w = horizontalSpaceWidth(j)
            if w == 0 { break }
            if w == 2 { nbsp = true }
            j += w
        }
        if j == i { j += 1 }
        noteSpace(i, j, nbsp: nbsp)
        i = j
    }

    private mutating func newline(_ i: inout Int) {
        let (blank, next, nbsp) = blankAfterNewline(i)
        if blank {
            endBlock()
            containers = 0
            tagHint = nil
            lineHint = nil
        } else if forceEndAtNewline || lineHint == .heading || lineHint == .listItem || (linesAreBlocks && containers == 0) {
            if blockOpen { endBlock() }
        } else {
            noteSpace(i, next, nbsp: nbsp)
        }
        lineHint = nil
        i = next
        atLineStart = true
    }

    // MARK: - Line-level checks

    /// Looks at the line starting at `i` (its first non-space byte): code lines, Markdown markers, URL lines.
    private mutating func lineStart(_ i: inout Int) {
        let c = u[i]
        // A line that is its own block is checked for code at block level; other lines here.
        let checkCode = c != 0x3C && (!linesAreBlocks || containers > 0 || forceEndAtNewline)
        switch c {
        case 0x23, 0x2D, 0x2A, 0x2B, 0x5F, 0x3D, 0x3E, 0x21, 0x5B:
            break
        case 0x68, 0x48, 0x77, 0x57:
            guard checkCode || isURLStart(i, n) else { return }
        default:
            guard checkCode else { return }
        }
        let e = lineEnd(i)
        var te = e
        while te > i {
            if Self.isSpaceOrTab(u[te - 1]) {
                te -= 1
            } else if te - 2 >= i, u[te - 2] == 0xC2, u[te - 1] == 0xA0 {
                te -= 2
            } else {
                break
            }
        }
        guard te > i else { return }
        if checkCode, let kind = TextBlockClassifier.codeKind(u, i, te) {
            endBlock()
            remove(kind, i, te)
            i = te
            return
        }
        switch c {
        case 0x23:  // # heading
            var k = i
            while k < te, u[k] == 0x23 { k += 1 }
            guard k - i <= 6, k < te, u[k] == 0x20 || u[k] == 0x09 else { return }
            while k < te, u[k] == 0x20 || u[k] == 0x09 { k += 1 }
            endBlock()
            remove(.markup, i, k)
            lineHint = .heading
            i = k
        case 0x2D, 0x2A, 0x2B, 0x5F, 0x3D:  // - * + _ =  (rules, list items)
            if isRuleLine(i, te) {
                endBlock()
                remove(.markup, i, te)
                i = te
                return
            }
            guard c != 0x5F, c != 0x3D, i + 1 < te, u[i + 1] == 0x20 || u[i + 1] == 0x09 else { return }
            endBlock()
            var k = i + 1
            while k < te, u[k] == 0x20 || u[k] == 0x09 { k += 1 }
            remove(.markup, i, k)
            lineHint = .listItem
            i = k
        case 0x3E:  // > quote
            var k = i + 1
            while k < te, u[k] == 0x3E || u[k] == 0x20 || u[k] == 0x09 { k += 1 }
            if linesAreBlocks { endBlock() }
            remove(.markup, i, k)
            lineHint = .quote
            if blockOpen { blockHint = .quote }
            i = k
        case 0x21, 0x5B:  // ![image](url) lines, [![image](src)](href) lines, [ref]: url definitions
            if isImageLine(i, te) || isReferenceDefinition(i, te) {
                endBlock()
                remove(.markup, i, te)
                i = te
            }
        case 0x68, 0x48, 0x77, 0x57:  // bare URL lines
            if isURLLine(i, te) {
                endBlock()
                remove(.markup, i, te)
                i = te
            }
        default:
            return
        }
    }

    func isRuleLine(_ a: Int, _ b: Int) -> Bool {
        let c = u[a]
        var count = 0
        var k = a
        while k < b {
            if u[k] == c { count += 1 } else if u[k] != 0x20 && u[k] != 0x09 { return false }
            k += 1
        }
        return count >= 3
    }

    func isImageLine(_ a: Int, _ b: Int) -> Bool {
        guard b - a >= 5, u[b - 1] == 0x29 else { return false }
        let startsImage = u[a] == 0x21 && u[a + 1] == 0x5B
        let startsLinkedImage = u[a] == 0x5B && u[a + 1] == 0x21 && a + 2 < b && u[a + 2] == 0x5B
        guard startsImage || startsLinkedImage else { return false }
        var k = a
        while k + 1 < b {
            if u[k] == 0x5D && u[k + 1] == 0x28 { return true }
            k += 1
        }
        return false
    }

    func isReferenceDefinition(_ a: Int, _ b: Int) -> Bool {
        guard u[a] == 0x5B else { return false }
        var k = a + 1
        while k < b, k - a < 200, u[k] != 0x5D, u[k] != 0x5B { k += 1 }
        guard k + 2 < b, u[k] == 0x5D, u[k + 1] == 0x3A else { return false }
        var s = k + 2
        while s < b, u[s] == 0x20 { s += 1 }
        return isURLStart(s, b)
    }

    func isURLStart(_ a: Int, _ b: Int) -> Bool {
        func has(_ p: StaticString) -> Bool {
            let len = p.utf8CodeUnitCount
            guard b - a >= len else { return false }
            return p.withUTF8Buffer { pb in
                for k in 0..<len where u[a + k] | 0x20 != pb[k] { return false }
                return true
            }
        }
        return has("http://") || has("https://") || has("www.")
    }

    func isURLLine(_ a: Int, _ b: Int) -> Bool {
        guard isURLStart(a, b) else { return false }
        var k = a
        while k < b {
            if u[k] == 0x20 || u[k] == 0x09 { return false }
            k += 1
        }
        return true
    }

    // MARK: - Markdown inline syntax

    /// Whether a Markdown link `[text](url)` starts at `i`; sets up the removal of `](url)` when it does.
    private mutating func markdownLinkOpen(_ i: Int) -> Bool {
        var k = i + 1
        while k < n, k - i < 600 {
            let c = u[k]
            if c == 0x5D { break }
            if c == 0x5B || c == 0x0A { return false }
            k += 1
        }
        guard k < n, u[k] == 0x5D, k + 1 < n else { return false }
        if u[k + 1] == 0x28, let close = markdownURLEnd(k + 2) {
            linkCloseAt = k
            linkEnd = close
            return true
        }
        if u[k + 1] == 0x5B, k > i + 1, let close = markdownReferenceEnd(k + 2) {
            linkCloseAt = k
            linkEnd = close
            return true
        }
        return false
    }

    /// The end (after `]`) of a Markdown link reference `[ref]` whose label starts at `a`.
    func markdownReferenceEnd(_ a: Int) -> Int? {
        var k = a
        while k < n, k - a <= 40 {
            let c = u[k]
            if c == 0x5D { return k + 1 }
            if c == 0x5B || c == 0x0A || c == 0x3C { return nil }
            k += 1
        }
        return nil
    }

    /// The end (after `)`) of a Markdown link target starting at `a` (just after `(`), if it looks like one.
    func markdownURLEnd(_ a: Int) -> Int? {
        var k = a
        var depth = 0
        var urlish = false
        while k < n, k - a < 2048 {
            let c = u[k]
            if c == 0x29 {
                if depth == 0 { return (urlish || k == a) ? k + 1 : nil }
                depth -= 1
            } else if c == 0x28 {
                depth += 1
            } else if c == 0x20 {
                // An optional "title" may follow the URL.
                guard urlish, k + 1 < n, u[k + 1] == 0x22 else { return nil }
                var t = k + 2
                while t < n, t - k < 300, u[t] != 0x22, u[t] != 0x0A { t += 1 }
                guard t + 1 < n, u[t] == 0x22, u[t + 1] == 0x29 else { return nil }
                return t + 2
            } else if c == 0x0A || c == 0x09 || c == 0x3C || c == 0x5B {
                return nil
            } else if c == 0x2F || c == 0x2E || c == 0x3A || c == 0x23 || c == 0x3F {
                urlish = true
            }
            k += 1
        }
        return nil
    }

    /// The end of a Markdown image `![alt](src)` starting at `i`, if there is one.
    func markdownImageEnd(_ i: Int) -> Int? {
        var k = i + 2
        while k < n, k - i < 600 {
            let c = u[k]
            if c == 0x5D { break }
            if c == 0x5B || c == 0x0A { return nil }
            k += 1
        }
        guard k + 1 < n, u[k] == 0x5D, u[k + 1] == 0x28 else { return nil }
        return markdownURLEnd(k + 2)
    }

    /// The position of the marker run closing the emphasis opened by the `length`-byte run of `*` or `_`
    /// at `i`, on the same line (CommonMark-style flanking: the opener follows no letter or digit and
    /// precedes no space; the closer follows no space and precedes no letter, digit or marker).
    ///
    /// Whether a run closes does not depend on the opener, so a search that found none is remembered
    /// (per marker and length) and later openers before where it stopped fail at once.
    mutating func emphasisClose(_ i: Int, length: Int) -> Int? {
        let m = u[i]
        let a = i + length
        guard a < n, !Self.isSpaceOrTab(u[a]), u[a] != 0x0A, u[a] != m else { return nil }
        if i > 0, Self.isLetter(u[i - 1]) || Self.isDigit(u[i - 1]) || u[i - 1] == m { return nil }
        let slot = (m == 0x2A ? 0 : 2) + length - 1
        if i < noCloserBefore[slot] { return nil }
        var k = a + 1
        while k < n, k - a < 1000 {
            let c = u[k]
            if c == 0x0A || c == 0x3C { break }
            if c == m {
                var run = 1
                while k + run < n, u[k + run] == m { run += 1 }
                let after = k + run < n ? u[k + run] : 0x20
                if run == length, !Self.isSpaceOrTab(u[k - 1]), !(Self.isLetter(after) || Self.isDigit(after)) {
                    return k
                }
                k += run
                continue
            }
            k += 1
        }
        noCloserBefore[slot] = max(noCloserBefore[slot], k)
        return nil
    }

    // MARK: - Tags

    /// Handles a `<` at `i`. Returns false when it is literal text (`x<y`); otherwise moves `i` past what it consumed.
    private mutating func lessThan(_ i: inout Int) -> Bool {
        let start = i
        guard start + 1 < n else {
            remove(.scriptFragment, start, n)
            warn("stray \"<\" at the end of the input removed")
            i = n
            return true
        }
        let c1 = u[start + 1]
        if c1 == 0x21 {  // <!
            if hasPrefix(start, "<!--") {
                let at = find(comment: start + 4)
                if at < n {
                    remove(.markup, start, at + 3)
                    i = at + 3
                } else {
                    let e = lineEndBeforeTag(start)
                    remove(.markup, start, e)
                    warn("unterminated comment at byte \(start)")
                    // It took the rest of the line up to a tag, words included.
                    split()
                    i = e
                }
                return true
            }
            if hasPrefix(start, "<![CDATA[") {
                let at = find(cdata: start + 9)
                let end = at < n ? at + 3 : lineEndBeforeTag(start)
                remove(.markup, start, end)
                if at >= n { split() }
                i = end
                return true
            }
            guard start + 2 < n, Self.isLetter(u[start + 2]), let end = tagEnd(from: start + 2).end else { return false }
            remove(.markup, start, end + 1)
            i = end + 1
            return true
        }
        if c1 == 0x3F {  // <?
            guard let end = tagEnd(from: start + 2).end else { return false }
            remove(.markup, start, end + 1)
            i = end + 1
            return true
        }
        let closing = c1 == 0x2F
        let nameStart = closing ? start + 2 : start + 1
        guard nameStart < n else {
            // "</" at the very end
            remove(.scriptFragment, start, n)
            i = n
            return true
        }
        guard Self.isLetter(u[nameStart]) else { return false }
        var nameEnd = nameStart
        var hyphen = false
        while nameEnd < n, Self.isNameByte(u[nameEnd]) {
            if u[nameEnd] == 0x2D { hyphen = true }
            nameEnd += 1
        }
        let key = TextTagLexicon.pack(u, nameStart, nameEnd)
        let info = key.flatMap { TextTagLexicon.table[$0] } ?? (hyphen ? TextTagInfo(.inline) : nil)
        if nameEnd >= n {
            // Cut off inside the name at the end of the input: "<di", "</sp".
            remove(.scriptFragment, start, n)
            warn("truncated tag at the end of the input (byte \(start)) removed")
            i = n
            return true
        }
        // Autolinks: <https://example.com/x>
        if !closing, u[nameEnd] == 0x3A, let end = autolinkEnd(nameEnd) {
            remove(.markup, start, end)
            i = end
            return true
        }
        guard let info else { return false }
        let after = u[nameEnd]
        guard after == 0x3E || after == 0x2F || Self.isSpaceOrTab(after) || after == 0x0A else { return false }
        let found = tagEnd(from: nameEnd)
        guard let end = found.end else {
            return unterminatedTag(&i, start: start, nameEnd: nameEnd, stop: found.stop)
        }
        skipTo = -1
        if closing {
            closeTag(info, key: key ?? 0, start: start, end: end + 1)
        } else {
            openTag(info, key: key ?? 0, start: start, nameEnd: nameEnd, end: end)
        }
        i = max(end + 1, skipTo)
        skipTo = -1
        return true
    }

    @inline(__always) func hasPrefix(_ at: Int, _ p: StaticString) -> Bool {
        let len = p.utf8CodeUnitCount
        guard n - at >= len else { return false }
        return p.withUTF8Buffer { pb in
            for k in 0..<len {
                let a = u[at + k], b = pb[k]
                if Self.isLetter(b) ? (a | 0x20) != (b | 0x20) : a != b { return false }
            }
            return true
        }
    }

    /// The end (after `>`) of an autolink `<scheme:...>` whose scheme ends at `colon`.
    func autolinkEnd(_ colon: Int) -> Int? {
        var k = colon + 1
        while k < n, k - colon < 2048 {
            let c = u[k]
            if c == 0x3E { return k > colon + 1 ? k + 1 : nil }
            if c == 0x20 || c == 0x0A || c == 0x3C || c == 0x09 { return nil }
            k += 1
        }
        return nil
    }

    /// Finds the `>` ending a tag whose attributes start at `from`.
    ///
    /// Stops at the next `<`, at a blank line or at the end of input, so every search covers input no
    /// other search covers. Quoted attribute values (after `=`) may hold `>`; if quoting is broken
    /// the first `>` seen ends the tag.
    func tagEnd(from: Int) -> (end: Int?, stop: Int) {
        var j = from
        var quote: UInt8 = 0
        var firstGT = -1
        var lastNonSpace: UInt8 = 0
        while j < n {
            let c = u[j]
            if c == 0x3C { break }
            if c == 0x0A, blankAfterNewline(j).blank { break }
            if quote != 0 {
                if c == quote { quote = 0 }
                if c == 0x3E, firstGT < 0 { firstGT = j }
            } else if (c == 0x22 || c == 0x27) && lastNonSpace == 0x3D {
                quote = c
            } else if c == 0x3E {
                return (j, j)
            }
            if !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D) { lastNonSpace = c }
            j += 1
        }
        return (firstGT >= 0 ? firstGT : nil, j)
    }

    /// Decides what an unterminated tag is: a stray fragment (`<div class="ad"` at the end) or literal text.
    private mutating func unterminatedTag(_ i: inout Int, start: Int, nameEnd: Int, stop: Int) -> Bool {
        let e = lineEnd(start, limit: stop)
        let attrs = attributeShape(nameEnd, e)
        var restIsSpace = true
        var k = e
        while k < n, restIsSpace {
            if !(Self.isSpaceOrTab(u[k]) || u[k] == 0x0A) { restIsSpace = false }
            k += 1
            if k - e > 4096 { restIsSpace = false }
        }
        let atEnd = restIsSpace
        if attrs.ok && (attrs.hasEquals || (atEnd && attrs.empty)) {
            remove(.scriptFragment, start, e)
            warn("unterminated tag at byte \(start) removed")
            // The fragment reads as a tag running on: no source range holds the text on both sides
            // without it.
            split()
            i = e
            return true
        }
        return false
    }

    /// Whether `u[a..<b]` reads as tag attributes (`name`, `name=value`, `name="value"`, possibly cut off).
    func attributeShape(_ a: Int, _ b: Int) -> (ok: Bool, hasEquals: Bool, empty: Bool) {
        Self.attributeShape(u, a, b)
    }

    /// Whether `u[a..<b]` reads as tag attributes (`name`, `name=value`, `name="value"`, possibly cut off).
    static func attributeShape(_ u: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int)
        -> (ok: Bool, hasEquals: Bool, empty: Bool) {
        var k = a
        var hasEquals = false
        var any = false
        while k < b {
            while k < b, Self.isSpaceOrTab(u[k]) || u[k] == 0x0A || u[k] == 0x2F { k += 1 }
            guard k < b else { break }
            let c = u[k]
            guard Self.isLetter(c) || c == 0x5F || c == 0x3A || c == 0x40 else { return (false, false, false) }
            any = true
            while k < b, Self.isNameByte(u[k]) || u[k] == 0x5F || u[k] == 0x3A || u[k] == 0x2E || u[k] == 0x40 { k += 1 }
            var m = k
            while m < b, Self.isSpaceOrTab(u[m]) { m += 1 }
            guard m < b, u[m] == 0x3D else { continue }
            hasEquals = true
            k = m + 1
            while k < b, Self.isSpaceOrTab(u[k]) { k += 1 }
            guard k < b else { break }
            if u[k] == 0x22 || u[k] == 0x27 {
                let q = u[k]
                k += 1
                while k < b, u[k] != q { k += 1 }
                k += 1  // past the closing quote, or past b when it is cut off
            } else {
                while k < b, !(Self.isSpaceOrTab(u[k]) || u[k] == 0x0A) { k += 1 }
            }
        }
        return (true, hasEquals, !any)
    }

    /// The class, id and similar attribute tokens of a tag, classified.
    func classifyAttributes(_ a: Int, _ b: Int) -> (drop: RemovalKind?, embed: Bool) {
        var drop: RemovalKind?
        var embed = false
        var k = a
        while k < b {
            // Find `class=` or `id=`.
            let c = u[k] | 0x20
            guard c == 0x63 || c == 0x69 else { k += 1; continue }
            let prev = k > a ? u[k - 1] : 0x20
            guard Self.isSpaceOrTab(prev) || prev == 0x0A || prev == 0x22 || prev == 0x27 else { k += 1; continue }
            var nameLen = 0
            if hasPrefix(k, "class") { nameLen = 5 } else if hasPrefix(k, "id") { nameLen = 2 }
            guard nameLen > 0 else { k += 1; continue }
            var m = k + nameLen
            while m < b, Self.isSpaceOrTab(u[m]) { m += 1 }
            guard m < b, u[m] == 0x3D else { k += 1; continue }
            m += 1
            while m < b, Self.isSpaceOrTab(u[m]) { m += 1 }
            var q: UInt8 = 0
            if m < b, u[m] == 0x22 || u[m] == 0x27 { q = u[m]; m += 1 }
            var token: [UInt8] = []
            func finish() {
                guard !token.isEmpty else { return }
                if TextTagLexicon.isEmbedToken(token) { embed = true }
                if let kind = TextTagLexicon.kindForClassToken(token) {
                    // Caption beats boilerplate beats navigation when several apply.
                    if drop == nil || kind == .caption { drop = kind }
                }
                token.removeAll(keepingCapacity: true)
            }
            while m < b {
                let d = u[m]
                if q != 0 ? d == q : (Self.isSpaceOrTab(d) || d == 0x3E || d == 0x2F) { break }
                if d == 0x20 || d == 0x2D || d == 0x5F || d == 0x09 || d == 0x0A {
                    finish()
                } else if token.count < 40 {
                    token.append(Self.isLetter(d) ? d | 0x20 : d)
                }
                m += 1
            }
            finish()
            k = m + 1
        }
        return (embed ? nil : drop, embed)
    }

    private mutating func openTag(_ info: TextTagInfo, key: UInt64, start: Int, nameEnd: Int, end: Int) {
        let tagEnd = end + 1
        let selfClosing = end > nameEnd && u[end - 1] == 0x2F
        switch info.role {
        case .rawText:
            if selfClosing {
                remove(info.kind, start, tagEnd)
                return
            }
            if let closeEnd = findClose(key: key, nameLength: nameEnd - start - 1, from: tagEnd) {
                remove(info.kind, start, closeEnd)
                // Script or style code between two pieces of text: they must not join into one sentence.
                if holdsText(tagEnd, closeEnd) { split() }
                skipTo = closeEnd
            } else {
                remove(info.kind, start, tagEnd)
            }
        case .drop:
            if info.kind == .navigation || info.kind == .caption { endBlock() }
            if selfClosing {
                remove(info.kind, start, tagEnd)
            } else {
                beginDrop(key: key, kind: info.kind, start: start)
            }
        case .void:
            remove(.markup, start, tagEnd)
        case .voidBreak:
            remove(.markup, start, tagEnd)
            endBlock()
        case .block, .cell, .inline:
            let attrs = classifyAttributes(nameEnd, end)
            let isBlockquote = key == Self.blockquoteKey
            if attrs.embed && isBlockquote {
                endBlock()
                remove(.markup, start, tagEnd)
                quoteDepth += 1
                tweetLevel = quoteDepth
                containers += 1
                return
            }
            if let kind = attrs.drop, !selfClosing {
                if info.role != .inline { endBlock() }
                beginDrop(key: key, kind: kind, start: start)
                return
            }
            switch info.role {
            case .inline:
                remove(.markup, start, tagEnd)
            case .cell:
                remove(.markup, start, tagEnd)
                noteSoftSpace()
                containers += 1
            default:
                endBlock()
                remove(.markup, start, tagEnd)
                if info.hint == .heading || info.hint == .listItem { tagHint = info.hint }
                if isBlockquote { quoteDepth += 1 }
                if info.container { containers += 1 }
            }
        }
    }

    /// Where the scanner continues after a raw-text element (set by ``openTag``).
    private var skipTo = -1

    private mutating func closeTag(_ info: TextTagInfo, key: UInt64, start: Int, end: Int) {
        switch info.role {
        case .block:
            if key == Self.pKey, tweetLevel > 0, quoteDepth == tweetLevel {
                // The text after a tweet's paragraph is its byline and date.
                remove(.markup, start, end)
                endBlock()
                quoteDepth = max(0, quoteDepth - 1)
                containers = max(0, containers - 1)
                tweetLevel = 0
                beginDrop(key: Self.blockquoteKey, kind: .boilerplate, start: end)
                return
            }
            remove(.markup, start, end)
            endBlock()
            if info.container { containers = max(0, containers - 1) }
            if info.hint == .heading || info.hint == .listItem { tagHint = nil }
            if key == Self.blockquoteKey {
                quoteDepth = max(0, quoteDepth - 1)
                if tweetLevel > quoteDepth { tweetLevel = 0 }
            }
        case .cell:
            remove(.markup, start, end)
            noteSoftSpace()
            containers = max(0, containers - 1)
        case .voidBreak:
            remove(.markup, start, end)
            endBlock()
        default:
            remove(.markup, start, end)
        }
    }

    static let pKey = TextTagLexicon.pack("p")
    static let blockquoteKey = TextTagLexicon.pack("blockquote")

    // MARK: - Dropped elements

    private mutating func beginDrop(key: UInt64, kind: RemovalKind, start: Int) {
        dropping = true
        dropKey = key
        dropDepth = 1
        dropKind = kind
        dropStart = start
    }

    /// Skips input inside a dropped element until its matching close tag or a blank line.
    private mutating func dropStep(_ i: inout Int) {
        var j = i
        while j < n {
            let c = u[j]
            if c == 0x0A {
                if blankAfterNewline(j).blank {
                    remove(dropKind, dropStart, j)
                    endDrop(at: j)
                    i = j
                    return
                }
                j += 1
                continue
            }
            guard c == 0x3C, j + 1 < n else { j += 1; continue }
            if hasPrefix(j, "<!--") {
                let at = find(comment: j + 4)
                j = at < n ? at + 3 : j + 4
                continue
            }
            let closing = u[j + 1] == 0x2F
            let ns = closing ? j + 2 : j + 1
            var ne = ns
            while ne < n, Self.isNameByte(u[ne]) { ne += 1 }
            guard ne > ns, let key = TextTagLexicon.pack(u, ns, ne) else { j += 1; continue }
            if closing {
                if key == dropKey {
                    dropDepth -= 1
                    if dropDepth == 0 {
                        let end = tagEnd(from: ne).end.map { $0 + 1 } ?? ne
                        remove(dropKind, dropStart, end)
                        endDrop(at: end)
                        i = end
                        return
                    }
                }
                j = ne
                continue
            }
            if let info = TextTagLexicon.table[key], info.role == .rawText {
                let tagEnd = tagEnd(from: ne).end.map { $0 + 1 } ?? ne
                if let closeEnd = findClose(key: key, nameLength: ne - ns, from: tagEnd) {
                    j = closeEnd
                    continue
                }
                j = tagEnd
                continue
            }
            if key == dropKey, let end = tagEnd(from: ne).end {
                if u[end - 1] != 0x2F { dropDepth += 1 }
                j = end + 1
                continue
            }
            j = ne
        }
        remove(dropKind, dropStart, n)
        endDrop(at: n)
        i = n
    }

    /// Ends a dropped element at `end`; the block is split there when the element held text (a
    /// caption, a hidden note, an embed's fallback).
    private mutating func endDrop(at end: Int) {
        dropping = false
        if holdsText(dropStart, end) { split() }
    }

    /// Whether `u[a..<b]` holds anything but tags, comments and whitespace.
    ///
    /// - Complexity: O(b - a); every dropped span is looked at once.
    func holdsText(_ a: Int, _ b: Int) -> Bool {
        var k = max(0, a)
        let end = min(b, n)
        while k < end {
            let c = u[k]
            if c == 0x3C, k + 1 < end, Self.isLetter(u[k + 1]) || u[k + 1] == 0x2F || u[k + 1] == 0x21 || u[k + 1] == 0x3F {
                var m = k + 1
                while m < end, u[m] != 0x3E { m += 1 }
                k = m + 1
                continue
            }
            if Self.isSpaceOrTab(c) || c == 0x0A || c == 0x0D || c == 0x0C { k += 1; continue }
            return true
        }
        return false
    }

    // MARK: - Cached searches

    /// Position of the next `-->` at or after `from`, or `n`.
    private mutating func find(comment from: Int) -> Int {
        if from >= commentCache.from, commentCache.at >= from { return commentCache.at }
        var k = from
        var at = n
        while k + 2 < n {
            if u[k] == 0x2D, u[k + 1] == 0x2D, u[k + 2] == 0x3E { at = k; break }
            k += 1
        }
        commentCache = (from, at)
        return at
    }

    /// Position of the next `]]>` at or after `from`, or `n`.
    private mutating func find(cdata from: Int) -> Int {
        if from >= cdataCache.from, cdataCache.at >= from { return cdataCache.at }
        var k = from
        var at = n
        while k + 2 < n {
            if u[k] == 0x5D, u[k + 1] == 0x5D, u[k + 2] == 0x3E { at = k; break }
            k += 1
        }
        cdataCache = (from, at)
        return at
    }

    /// The end (after `>`) of the next `</name>` at or after `from`, or nil when there is none.
    private mutating func findClose(key: UInt64, nameLength: Int, from: Int) -> Int? {
        var at = n
        if let cached = closeCache[key], from >= cached.from, cached.at >= from {
            at = cached.at
        } else {
            var k = from
            while k + 1 < n {
                if u[k] == 0x3C, u[k + 1] == 0x2F {
                    var e = k + 2
                    while e < n, Self.isNameByte(u[e]) { e += 1 }
                    if TextTagLexicon.pack(u, k + 2, e) == key { at = k; break }
                }
                k += 1
            }
            closeCache[key] = (from, at)
        }
        guard at < n else { return nil }
        let nameEnd = min(n, at + 2 + nameLength)
        var e = nameEnd
        while e < n, e - nameEnd < 256, u[e] != 0x3E, u[e] != 0x3C { e += 1 }
        return e < n && u[e] == 0x3E ? e + 1 : nameEnd
    }
}
