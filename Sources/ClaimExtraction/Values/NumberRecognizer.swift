import ArticleCleaning

/// How a recognised number is qualified ("more than", "about", "up to", …).
public enum NumberBound: String, Sendable, Codable, Hashable {
    case exact, moreThan, lessThan, approx, atLeast, atMost
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

    public init(range: ByteRange, numberRange: ByteRange, value: Double, bound: NumberBound) {
        self.range = range
        self.numberRange = numberRange
        self.value = value
        self.bound = bound
    }
}

/// Finds and normalises numbers: digits, number words, scale words and suffixes, qualifiers.
public enum NumberRecognizer {
    /// All numbers in `utf8`, in text order, non-overlapping.
    public static func recognize(in utf8: [UInt8]) -> [NumberMention] {
        []
    }
}
