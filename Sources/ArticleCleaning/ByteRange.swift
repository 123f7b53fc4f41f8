/// A half-open range of UTF-8 (or raw input) byte offsets, `start ..< end`.
///
/// Every offset the library reports — into the cleaned text or into the
/// original input bytes — is a `ByteRange`. It encodes as
/// `{"start": 12, "end": 40}`.
public struct ByteRange: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The first byte of the range.
    public var start: Int
    /// One past the last byte of the range.
    public var end: Int

    /// Creates a range; `end` must not be less than `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// Creates a range from a Swift half-open range.
    public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }

    /// The number of bytes covered.
    public var count: Int { end - start }

    /// Whether the range covers no bytes.
    public var isEmpty: Bool { end <= start }

    /// The range as a Swift `Range`.
    public var range: Range<Int> { start..<end }

    public static func < (lhs: ByteRange, rhs: ByteRange) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "\(start)..<\(end)" }
}
