/// Maps byte ranges of the cleaned text back to byte ranges of the original input.
///
/// The map is a sorted list of segments. A *copied* segment covers text that
/// was taken byte for byte from the input, so it maps linearly; a *replaced*
/// segment (a decoded entity, a collapsed whitespace run, a replaced invalid
/// byte) maps as a whole onto the input span it came from. Synthetic text
/// (the blank line between blocks) maps onto an empty input range.
///
/// Internally the segments point into the decoded UTF-8 buffer; a second,
/// per-byte table (present only when decoding changed byte offsets, e.g. for
/// UTF-16 or Windows-1252 input) carries those offsets back to the raw input.
///
/// - Complexity: ``source(forText:)`` is O(log n) in the number of segments.
public struct SourceMap: Sendable {
    @usableFromInline var textStarts: [Int32] = []
    @usableFromInline var textLengths: [Int32] = []
    @usableFromInline var sourceStarts: [Int32] = []
    @usableFromInline var sourceLengths: [Int32] = []
    /// decoded byte offset → raw input byte offset, `decodedCount + 1` entries; `nil` for identity.
    @usableFromInline var decodedToRaw: [Int32]?
    /// Length of the raw input.
    public private(set) var inputLength: Int = 0

    /// An empty map (no text).
    public init() {}

    init(textStarts: [Int32], textLengths: [Int32], sourceStarts: [Int32], sourceLengths: [Int32],
         decodedToRaw: [Int32]?, inputLength: Int) {
        self.textStarts = textStarts
        self.textLengths = textLengths
        self.sourceStarts = sourceStarts
        self.sourceLengths = sourceLengths
        self.decodedToRaw = decodedToRaw
        self.inputLength = inputLength
    }

    /// The number of segments (a measure of how fragmented the mapping is).
    public var segmentCount: Int { textStarts.count }

    /// The byte range of the original input that holds the text at `text`.
    ///
    /// For text copied from the input the result is byte-exact; a range that
    /// starts or ends inside a replaced span (an entity, a collapsed
    /// whitespace run) is widened to cover that whole span.
    public func source(forText text: ByteRange) -> ByteRange {
        guard !textStarts.isEmpty else { return ByteRange(start: 0, end: 0) }
        let start = decodedStart(text.start)
        let end = text.isEmpty ? start : decodedEnd(text.end)
        return ByteRange(start: raw(start), end: max(raw(start), raw(end)))
    }

    /// The segments as `(text, source)` pairs in raw-input coordinates, in text order.
    ///
    /// Useful for auditing: every copied or replaced run of the cleaned text with the input bytes it came from.
    public var runs: [(text: ByteRange, source: ByteRange, copied: Bool)] {
        var out: [(text: ByteRange, source: ByteRange, copied: Bool)] = []
        out.reserveCapacity(textStarts.count)
        for i in textStarts.indices {
            let t = ByteRange(start: Int(textStarts[i]), end: Int(textStarts[i] + textLengths[i]))
            let s0 = Int(sourceStarts[i]), s1 = s0 + Int(abs(sourceLengths[i]))
            let copied = textLengths[i] == sourceLengths[i] && sourceLengths[i] > 0 && !isReplacedFlag(i)
            out.append((t, ByteRange(start: raw(s0), end: raw(s1)), copied))
        }
        return out
    }

    @usableFromInline func isReplacedFlag(_ i: Int) -> Bool { sourceLengths[i] < 0 }

    @inline(__always) func raw(_ decoded: Int) -> Int {
        guard let table = decodedToRaw else { return decoded }
        if decoded < 0 { return 0 }
        if decoded >= table.count { return Int(table[table.count - 1]) }
        return Int(table[decoded])
    }

    /// Index of the last segment whose text start is <= offset.
    @inline(__always) func segment(containing offset: Int) -> Int {
        var lo = 0, hi = textStarts.count - 1
        let o = Int32(truncatingIfNeeded: offset)
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if textStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func decodedStart(_ t: Int) -> Int {
        var i = segment(containing: t)
        // Skip zero-length synthetic segments so a range starting at a separator maps to real text.
        while i + 1 < textStarts.count && textLengths[i] == 0 { i += 1 }
        let ts = Int(textStarts[i]), ss = Int(sourceStarts[i]), sl = Int(abs(sourceLengths[i]))
        if isLinear(i) { return ss + min(max(0, t - ts), sl) }
        return ss
    }

    func decodedEnd(_ t: Int) -> Int {
        let i = segment(containing: max(0, t - 1))
        let ts = Int(textStarts[i]), ss = Int(sourceStarts[i]), sl = Int(abs(sourceLengths[i]))
        if isLinear(i) { return ss + min(max(0, t - ts), sl) }
        return ss + sl
    }

    @inline(__always) func isLinear(_ i: Int) -> Bool {
        sourceLengths[i] >= 0 && textLengths[i] == sourceLengths[i]
    }
}

/// Builds cleaned text together with its ``SourceMap``.
///
/// Cleaners append to an assembler in text order: ``appendCopied(_:from:)`` for
/// bytes taken verbatim from the decoded input, ``appendReplacement(_:source:)``
/// for text that stands for a differently spelled input span (entities,
/// collapsed whitespace), and ``appendSynthetic(_:)`` for separators that
/// have no input counterpart.
public struct TextAssembler: Sendable {
    /// The cleaned UTF-8 text built so far.
    public private(set) var bytes: [UInt8] = []
    var textStarts: [Int32] = []
    var textLengths: [Int32] = []
    var sourceStarts: [Int32] = []
    var sourceLengths: [Int32] = []  // negative length marks a replaced segment whose lengths happen to match
    var lastSourceEnd: Int = 0

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The number of text bytes built so far.
    public var count: Int { bytes.count }

    /// The last byte appended, if any.
    public var last: UInt8? { bytes.last }

    /// Appends `decoded[range]` verbatim; it maps byte for byte onto the same decoded range.
    public mutating func appendCopied(_ decoded: UnsafeBufferPointer<UInt8>, from range: Range<Int>) {
        guard !range.isEmpty else { return }
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: decoded[range]))
        addSegment(textStart: start, textLength: range.count, sourceStart: range.lowerBound,
                   sourceLength: range.count, replaced: false)
    }

    /// Appends `decoded[range]` verbatim from an array.
    public mutating func appendCopied(_ decoded: [UInt8], from range: Range<Int>) {
        decoded.withUnsafeBufferPointer { appendCopied($0, from: range) }
    }

    /// Appends `text`, which stands for the decoded input bytes `source` (an entity, a whitespace run, …).
    public mutating func appendReplacement<S: Sequence>(_ text: S, source: Range<Int>) where S.Element == UInt8 {
        let start = bytes.count
        bytes.append(contentsOf: text)
        let n = bytes.count - start
        guard n > 0 else { return }
        addSegment(textStart: start, textLength: n, sourceStart: source.lowerBound,
                   sourceLength: source.count, replaced: true)
    }

    /// Appends text with no input counterpart (block separators); it maps to an empty range.
    public mutating func appendSynthetic<S: Sequence>(_ text: S) where S.Element == UInt8 {
        let start = bytes.count
        bytes.append(contentsOf: text)
        let n = bytes.count - start
        guard n > 0 else { return }
        addSegment(textStart: start, textLength: n, sourceStart: lastSourceEnd, sourceLength: 0, replaced: true)
    }

    /// Removes text bytes from the end until `count` bytes remain.
    public mutating func truncate(to newCount: Int) {
        guard newCount < bytes.count else { return }
        bytes.removeSubrange(newCount...)
        while let ts = textStarts.last, Int(ts) >= newCount {
            textStarts.removeLast(); textLengths.removeLast(); sourceStarts.removeLast(); sourceLengths.removeLast()
        }
        if let i = textStarts.indices.last {
            let end = Int(textStarts[i] + textLengths[i])
            if end > newCount {
                let cut = end - newCount
                textLengths[i] -= Int32(cut)
                if sourceLengths[i] >= 0 && textLengths[i] + Int32(cut) == sourceLengths[i] {
                    sourceLengths[i] -= Int32(cut)
                }
            }
            lastSourceEnd = Int(sourceStarts[i]) + Int(abs(sourceLengths[i]))
        } else {
            lastSourceEnd = 0
        }
    }

    /// Removes trailing ASCII whitespace (space, tab, newline).
    public mutating func trimTrailingWhitespace() {
        var n = bytes.count
        while n > 0, bytes[n - 1] == 0x20 || bytes[n - 1] == 0x0A || bytes[n - 1] == 0x09 { n -= 1 }
        truncate(to: n)
    }

    mutating func addSegment(textStart: Int, textLength: Int, sourceStart: Int, sourceLength: Int, replaced: Bool) {
        // Merge with the previous copied segment when both sides are contiguous.
        if !replaced, let i = textStarts.indices.last, sourceLengths[i] >= 0,
           textLengths[i] == sourceLengths[i], sourceLengths[i] > 0,
           Int(textStarts[i] + textLengths[i]) == textStart,
           Int(sourceStarts[i] + sourceLengths[i]) == sourceStart {
            textLengths[i] += Int32(textLength)
            sourceLengths[i] += Int32(sourceLength)
        } else {
            textStarts.append(Int32(truncatingIfNeeded: textStart))
            textLengths.append(Int32(truncatingIfNeeded: textLength))
            sourceStarts.append(Int32(truncatingIfNeeded: sourceStart))
            // A replaced span whose length happens to equal its text length is marked negative
            // so it is never mapped linearly (e.g. "&lt;" is 4 bytes → "<" is 1; "\u{A0}" → " " differs too).
            let marked = replaced && textLength == sourceLength && sourceLength > 0 ? -sourceLength : sourceLength
            sourceLengths.append(Int32(truncatingIfNeeded: marked))
        }
        lastSourceEnd = sourceStart + sourceLength
    }

    /// Finishes the text and its map.
    ///
    /// - Parameter decoded: the decoded input the segments point into, which carries the
    ///   offsets back to the raw input bytes.
    public func build(decoded: DecodedInput) -> (text: String, map: SourceMap) {
        let text = String(decoding: bytes, as: UTF8.self)
        let map = SourceMap(textStarts: textStarts, textLengths: textLengths, sourceStarts: sourceStarts,
                            sourceLengths: sourceLengths, decodedToRaw: decoded.decodedToRaw,
                            inputLength: decoded.rawCount)
        return (text, map)
    }
}
