import ArticleCleaning

/// A calendar date used to resolve relative expressions ("next year").
public struct ReferenceDate: Sendable, Hashable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the date part of an ISO 8601 string (`2019-03-04`, `2019-03-04T10:00:00Z`).
    public init?(iso: String) {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

/// A date expression found in text, normalised to a TIMEX3 value.
public struct DateMention: Sendable, Hashable {
    /// The expression, UTF-8 byte offsets ("by the end of 2023" → "end of 2023").
    public var range: ByteRange
    /// TIMEX3 value: `2018-08-02`, `2019-01`, `2023`, `2023-Q4`, `2023-SU`, `XXXX-08-02`.
    public var timex: String
    /// TIMEX3 mod: `START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`, … or `nil`.
    public var mod: String?
    /// Whether the value was resolved from a relative expression against the reference date.
    public var isRelative: Bool

    public init(range: ByteRange, timex: String, mod: String?, isRelative: Bool = false) {
        self.range = range
        self.timex = timex
        self.mod = mod
        self.isRelative = isRelative
    }
}

/// Finds dates and normalises them to TIMEX3 values.
public enum DateRecognizer {
    /// All date expressions in `utf8`, in text order. Relative expressions are resolved against
    /// `reference`, and skipped when it is `nil`.
    public static func recognize(in utf8: [UInt8], reference: ReferenceDate?) -> [DateMention] {
        []
    }
}
