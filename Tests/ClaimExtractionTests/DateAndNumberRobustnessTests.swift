import TestSupport
import ArticleCleaning
import Testing
@testable import ClaimExtraction

/// Random inputs must never trap, and mentions must stay inside the text, ordered and disjoint.
@Suite("DateAndNumberRobustness")
struct DateAndNumberRobustnessTests {

    static let pieces = [
        "2018", "08", "2", "31", "1,234", ".", ",", "-", "/", ":", "'", "s", "th", "st", " ", "  ", "\n", "$", "%", "+",
        "May", "may", "Aug.", "August", "Sept", "summer", "fall", "Q", "q4", "H", "the", "of", "end", "mid", "early",
        "late", "since", "until", "as", "early", "next", "last", "this", "year", "years", "month", "quarter", "decade",
        "century", "ago", "today", "EOY", "twenty", "-first", "one", "hundred", "and", "a", "half", "dozen", "thousand",
        "million", "m", "k", "bn", "more", "than", "over", "up", "to", "at", "least", "or", "less", "point", "minus",
        "nineteen", "seventy", "oh", "2,018", "1990s", "'90s", "é", "\u{202F}", "\u{2013}", "😀", "\u{00A0}", "99999999",
    ]

    @Test func tokenSoup() {
        var rng = SplitMix64(seed: 42)
        let ref = ReferenceDate(year: 2020, month: 2, day: 29)
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<rng.below(30) { s += Self.pieces[rng.below(Self.pieces.count)] }
            check(Array(s.utf8), ref)
        }
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<rng.below(64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            check(bytes, rng.below(2) == 0 ? nil : ReferenceDate(year: 1, month: 1, day: 1))
        }
    }

    @Test func emptyAndTinyInputs() {
        for s in ["", " ", "-", ".", "1", "a", "May", "'", "\n\n"] {
            check(Array(s.utf8), ReferenceDate(year: 2020, month: 1, day: 1))
        }
    }

    /// Long runs that fail only at their end must not be rescanned from every inner group.
    /// (The limit is wider under a sanitizer, where even the linear run takes minutes.)
    @Test(.timeLimit(Sanitizer.isActive ? .minutes(10) : .minutes(1)))
    func longRunsStayLinear() {
        let ref = ReferenceDate(year: 2020, month: 1, day: 1)
        let inputs = [
            "1" + String(repeating: ",234", count: 20000) + "x",
            String(repeating: "1-", count: 20000) + "2",
            String(repeating: "12/", count: 20000),
            String(repeating: "2018 ", count: 20000),
            String(repeating: "one ", count: 20000),
            String(repeating: "more than ", count: 10000) + "5",
            String(repeating: "1 234 ", count: 20000),
        ]
        for s in inputs {
            let bytes = Array(s.utf8)
            _ = NumberRecognizer.recognize(in: bytes)
            _ = DateRecognizer.recognize(in: bytes, reference: ref)
        }
        #expect(NumberRecognizer.recognize(in: Array(inputs[0].utf8)).isEmpty)
    }

    func check(_ bytes: [UInt8], _ ref: ReferenceDate?) {
        let numbers = NumberRecognizer.recognize(in: bytes)
        var last = 0
        for m in numbers {
            #expect(m.range.start >= last && m.range.end <= bytes.count && m.range.start < m.range.end)
            #expect(m.numberRange.start >= m.range.start && m.numberRange.end <= m.range.end)
            #expect(m.value.isFinite)
            last = m.range.end
        }
        let dates = DateRecognizer.recognize(in: bytes, reference: ref)
        last = 0
        for m in dates {
            #expect(m.range.start >= last && m.range.end <= bytes.count && m.range.start < m.range.end)
            #expect(!m.timex.isEmpty)
            last = m.range.end
        }
        if ref == nil { #expect(dates.allSatisfy { !$0.isRelative }) }
    }
}
