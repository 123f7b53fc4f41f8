/// Writes cleaned text block by block: collapses whitespace, separates blocks with a
/// blank line and keeps the ``SourceMap`` exact.
///
/// Text copied from the input stays a copied run; a whitespace run that is not a single
/// ASCII space becomes a one-space replacement of that run; decoded entities become
/// replacements of their entity span.
struct BlockWriter {
    var asm: TextAssembler
    var blocks: [TextBlock] = []
    private var blockKind: TextBlock.Kind = .paragraph
    private var blockStart = 0
    private var blockHasText = false
    /// Whitespace seen after text in the current block, not yet written: its decoded source range.
    private var pendingSpace: Range<Int>? = nil
    private var pendingIsPlainSpace = false

    init(capacity: Int) {
        asm = TextAssembler(capacity: capacity)
    }

    /// Ends the current block (if it holds text) and starts a new one of `kind`.
    mutating func startBlock(_ kind: TextBlock.Kind) {
        endBlock()
        blockKind = kind
    }

    /// Ends the current block; the next text starts a new block.
    mutating func endBlock() {
        if blockHasText {
            blocks.append(TextBlock(kind: blockKind, text: ByteRange(start: blockStart, end: asm.count)))
        }
        blockHasText = false
        pendingSpace = nil
        blockKind = .paragraph
    }

    /// Sets the kind of the current block if it has not started yet (or upgrades a paragraph).
    mutating func setKind(_ kind: TextBlock.Kind) {
        if !blockHasText { blockKind = kind }
    }

    private mutating func beginTextIfNeeded() {
        if !blockHasText {
            if asm.count > 0 { asm.appendSynthetic("\n\n".utf8) }
            blockStart = asm.count
            blockHasText = true
            pendingSpace = nil
        } else if let ws = pendingSpace {
            if pendingIsPlainSpace {
                asm.appendCopied(sourceBuffer, from: ws)
            } else {
                asm.appendReplacement(CollectionOfOne(UInt8(0x20)), source: ws)
            }
            pendingSpace = nil
        }
    }

    /// The decoded input of the current document (set by the cleaner before writing).
    var sourceBuffer: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)

    /// Appends text copied verbatim from the decoded input, `source[range]`.
    mutating func appendCopied(_ range: Range<Int>) {
        let b = sourceBuffer
        var i = range.lowerBound
        let end = min(range.upperBound, b.count)
        var runStart = i
        while i < end {
            let w = Whitespace.width(b, i, end)
            if w == 0 { i += 1; continue }
            if runStart < i {
                beginTextIfNeeded()
                asm.appendCopied(b, from: runStart..<i)
            }
            if w > 0 {
                // The whole whitespace run collapses to one space.
                var j = i + w
                while j < end {
                    let w2 = Whitespace.width(b, j, end)
                    if w2 <= 0 { break }
                    j += w2
                }
                noteSpace(i..<j, plain: j == i + 1 && b[i] == 0x20)
                i = j
            } else {
                i += -w  // ignorable (zero-width): dropped
            }
            runStart = i
        }
        if runStart < end {
            beginTextIfNeeded()
            asm.appendCopied(b, from: runStart..<end)
        }
    }

    /// Appends decoded text that stands for the input span `source` (an entity reference).
    mutating func appendDecoded(_ text: ArraySlice<UInt8>, source: Range<Int>) {
        text.withUnsafeBufferPointer { t in
            var i = 0
            let end = t.count
            var runStart = 0
            while i < end {
                let w = Whitespace.width(t, i, end)
                if w == 0 { i += 1; continue }
                if runStart < i {
                    beginTextIfNeeded()
                    asm.appendReplacement(UnsafeBufferPointer(rebasing: t[runStart..<i]), source: source)
                }
                if w > 0 {
                    noteSpace(source, plain: false)
                    i += w
                } else {
                    i += -w
                }
                runStart = i
            }
            if runStart < end {
                beginTextIfNeeded()
                asm.appendReplacement(UnsafeBufferPointer(rebasing: t[runStart..<end]), source: source)
            }
        }
    }

    /// Treats `source` as whitespace (a collapsed inline break such as `<br>` inside a line).
    mutating func noteSpace(_ source: Range<Int>, plain: Bool) {
        guard blockHasText, pendingSpace == nil else { return }
        pendingSpace = source
        pendingIsPlainSpace = plain
    }
}

/// Whitespace classes of UTF-8 sequences.
enum Whitespace {
    /// At `i`: a positive width for a whitespace character (ASCII space, tab, newline, CR,
    /// form feed, NBSP, the Unicode spaces U+2000–U+200A, U+202F, U+205F, U+3000), a negative
    /// width for an ignorable zero-width character (U+200B, U+FEFF), or 0.
    @inline(__always)
    static func width(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c < 0x80 {
            return c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C ? 1 : 0
        }
        if c == 0xC2 {
            return i + 1 < end && b[i + 1] == 0xA0 ? 2 : 0
        }
        if c == 0xE2, i + 2 < end {
            let c1 = b[i + 1], c2 = b[i + 2]
            if c1 == 0x80 {
                if c2 >= 0x80 && c2 <= 0x8A || c2 == 0xAF { return 3 }
                if c2 == 0x8B { return -3 }
                return 0
            }
            if c1 == 0x81 && c2 == 0x9F { return 3 }
            return 0
        }
        if c == 0xE3, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }
        if c == 0xEF, i + 2 < end, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return -3 }
        return 0
    }
}
