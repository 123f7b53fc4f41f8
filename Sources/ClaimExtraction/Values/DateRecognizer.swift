import ArticleCleaning

/// A calendar date used to resolve relative expressions ("next year").
public struct ReferenceDate: Sendable, Hashable, Codable {
    /// The year (four digits).
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31.
    public var day: Int

    /// A date from its parts (not validated).
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

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> ReferenceDate {
        var y = year, m = month, d = day + days
        while d < 1 {
            m -= 1
            if m < 1 { m = 12; y -= 1 }
            d += CalendarMath.daysIn(year: y, month: m)
        }
        while d > CalendarMath.daysIn(year: y, month: m) {
            d -= CalendarMath.daysIn(year: y, month: m)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return ReferenceDate(year: y, month: m, day: d)
    }

    /// The (year, month) `months` months later (earlier when negative).
    public func adding(months: Int) -> (year: Int, month: Int) {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        return (y, total - y * 12 + 1)
    }
}

/// Gregorian calendar helpers.
enum CalendarMath {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether day `d` exists in month `m` of year `y` (any leap year when `y` is nil).
    static func valid(_ y: Int?, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        return d <= daysIn(year: y ?? 2000, month: m)
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
    /// The granularity of the value.
    public var granularity: DateGranularity

    /// A mention; `granularity` defaults to `.unknown` for mentions made outside the recognizer.
    public init(range: ByteRange, timex: String, mod: String?, isRelative: Bool = false,
                granularity: DateGranularity = .unknown) {
        self.range = range
        self.timex = timex
        self.mod = mod
        self.isRelative = isRelative
        self.granularity = granularity
    }

    /// Whether the value has an unresolved part (`XXXX-08-02`, `XXXX-SU`).
    public var isUnderspecified: Bool { timex.contains("X") }
}

/// What a ``DateMention`` value denotes.
public enum DateGranularity: String, Sendable, Hashable, Codable {
    /// A calendar day (`2018-08-02`, `XXXX-08-02`, `XXXX-XX-18`).
    case day
    /// A month (`2019-01`, `XXXX-05`).
    case month
    /// A season (`2019-SU`).
    case season
    /// A quarter (`2023-Q4`).
    case quarter
    /// A half year (`2024-H1`).
    case half
    /// A year (`2018`).
    case year
    /// A decade (`199`).
    case decade
    /// A century (`14` for the fifteenth century).
    case century
    /// Not known (mentions made by other code).
    case unknown
}

/// Finds dates and normalises them to TIMEX3 values.
///
/// Recognised forms (a sample; see the module documentation for the full list):
/// - full dates in any English order, with or without weekday and ordinal suffix: "August 2,
///   2018", "2 August 2018", "Aug. 2nd, 2018", "Thursday, August 2, 2018", "the 4th of July,
///   1995", numeric `2018-08-02`, `08/02/2018` (US order unless the first number exceeds 12),
///   `13.5.2015` (day first with dots), `20161016`, spoken ("January twenty five nineteen
///   eighty six");
/// - months with a year ("January 2019", "Dec-2018", "2015-3"), seasons ("summer 2019"),
///   quarters ("Q4 2023", "the fourth quarter of 2023"), halves ("first half of 2024", "H1
///   2016"), decades ("the 1990s" → `199`), centuries ("15th century" → `14`);
/// - bare years where the grammar makes them years ("in 2018", "a 2018 series", "2023 or
///   2024"), but not counts ("2000 pieces", "2,018");
/// - year-less dates as `XXXX-MM-DD` / `XXXX-MM` ("August 2", "in May", "the 18th" →
///   `XXXX-XX-18`), never resolved against the reference;
/// - mods: early/mid/late, "the beginning/middle/end of" (`START`/`MID`/`END`), around
///   (`APPROX`), since / starting / as early as (`ON_OR_AFTER`), after (`AFTER`), before / until
///   (`BEFORE`), as late as / no later than (`ON_OR_BEFORE`);
/// - relative expressions resolved against the reference date: today, tomorrow, yesterday,
///   this / next / last year, month, quarter, season or decade, "june next year", "four years
///   ago", "the 20th of next month", "end of the year", EOY. Without a reference they produce
///   no mention.
///
/// - Complexity: O(n) in the length of the text.
public enum DateRecognizer {
    /// All date expressions in `utf8`, in text order. Relative expressions are resolved against
    /// `reference`, and skipped when it is `nil`.
    public static func recognize(in utf8: [UInt8], reference: ReferenceDate?) -> [DateMention] {
        utf8.withUnsafeBufferPointer { p in
            let toks = ValueTokenizer.tokenize(p)
            var parser = DateParser(t: TokenText(toks: toks, bytes: p), ref: reference)
            return parser.run()
        }
    }
}
