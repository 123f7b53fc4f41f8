import ArticleCleaning

/// The numbers and dates of one text.
public struct ValueMentions: Sendable {
    /// Every number, years included, in text order.
    public var numbers: [NumberMention]
    /// Every date expression, in text order.
    public var dates: [DateMention]

    /// Mentions found elsewhere.
    public init(numbers: [NumberMention], dates: [DateMention]) {
        self.numbers = numbers
        self.dates = dates
    }

    /// The numbers whose digits or words lie in no date mention ("63 episodes" but not the 2 and
    /// 2018 of "August 2, 2018"). Linear in the number of mentions.
    public var numbersOutsideDates: [NumberMention] {
        var result: [NumberMention] = []
        result.reserveCapacity(numbers.count)
        var d = 0
        for n in numbers {
            while d < dates.count && dates[d].range.end <= n.numberRange.start { d += 1 }
            if d < dates.count && dates[d].range.start < n.numberRange.end { continue }
            result.append(n)
        }
        return result
    }
}

/// Runs ``NumberRecognizer`` and ``DateRecognizer`` over one text with a single tokenisation —
/// what a caller that needs both should use.
public enum ValueRecognizer {
    /// The numbers and dates of `utf8`; relative dates resolve against `reference` (none without).
    public static func recognize(in utf8: [UInt8], reference: ReferenceDate?) -> ValueMentions {
        utf8.withUnsafeBufferPointer { p in
            let text = TokenText(toks: ValueTokenizer.tokenize(p), bytes: p)
            var numbers = NumberParser(t: text)
            var dates = DateParser(t: text, ref: reference)
            return ValueMentions(numbers: numbers.run(), dates: dates.run())
        }
    }
}
