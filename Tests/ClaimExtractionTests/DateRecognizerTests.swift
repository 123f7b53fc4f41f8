import ArticleCleaning
import Testing
@testable import ClaimExtraction

/// A recognised date, flattened for comparisons.
private struct D: Equatable, CustomStringConvertible {
    var text: String
    var timex: String
    var mod: String?
    var description: String { "\(text)=\(timex)\(mod.map { " " + $0 } ?? "")" }

    init(_ text: String, _ timex: String, _ mod: String? = nil) {
        self.text = text
        self.timex = timex
        self.mod = mod
    }
}

private let ref2022 = ReferenceDate(year: 2022, month: 6, day: 1)

private func dates(_ s: String, _ reference: ReferenceDate? = nil) -> [D] {
    let bytes = Array(s.utf8)
    return DateRecognizer.recognize(in: bytes, reference: reference).map { m in
        D(String(decoding: bytes[m.range.range], as: UTF8.self), m.timex, m.mod)
    }
}

private func timexes(_ s: String, _ reference: ReferenceDate? = nil) -> [String] { dates(s, reference).map(\.timex) }

@Suite("DateRecognizer")
struct DateRecognizerTests {
    // MARK: Entertainment-news phrasing

    @Test func releasedOnAFullDate() {
        #expect(dates("The show was released on August 2, 2018, with 63 episodes.")
            == [D("August 2, 2018", "2018-08-02")])
    }

    @Test func asOfMonthAndYear() {
        #expect(dates("As of January 2019, it has over 15 billion views.") == [D("January 2019", "2019-01")])
    }

    @Test func byTheEndOfTheYear() {
        #expect(dates("it may premiere by the end of 2023.") == [D("end of 2023", "2023", "END")])
    }

    @Test func bareYears() {
        #expect(dates("the series was initially released in 2018.") == [D("2018", "2018")])
        #expect(dates("Ashes of Love is a 2018 Chinese television series") == [D("2018", "2018")])
        #expect(dates("the popular Korean series Goblin from 2017 behind") == [D("2017", "2017")])
        #expect(dates("The book was published in 2009 and became popular") == [D("2009", "2009")])
    }

    @Test func twoYearsJoinedByOr() {
        #expect(dates("The release date of the second installment is 2023 or 2024.")
            == [D("2023", "2023"), D("2024", "2024")])
        #expect(timexes("Show sales of 2007 and 2009") == ["2007", "2009"])
    }

    @Test func countsAreNotYears() {
        #expect(dates("with a total of 63 episodes") == [])
        #expect(dates("It sold 2,018 copies.") == [])
        #expect(dates("deliver 2000 pieces of toys.") == [])
        #expect(dates("more than 2000 fans came") == [])
        #expect(dates("a $2000 budget") == [])
    }

    @Test func yearsAgoResolveAgainstTheReference() {
        #expect(dates("It premiered four years ago.", ref2022) == [D("four years ago", "2018")])
        #expect(dates("It premiered 3 months ago.", ref2022) == [D("3 months ago", "2022-03")])
    }

    @Test func relativeExpressionsNeedAReference() {
        #expect(dates("It will return next year.") == [])
        #expect(dates("It aired yesterday, today and tomorrow.") == [])
        #expect(dates("It will return next year.", ref2022) == [D("next year", "2023")])
    }

    // MARK: Full dates in every order

    @Test(arguments: [
        ("August 2, 2018", "2018-08-02"), ("2 August 2018", "2018-08-02"), ("Aug. 2nd, 2018", "2018-08-02"),
        ("Thursday, August 2, 2018", "2018-08-02"), ("2018-08-02", "2018-08-02"), ("08/02/2018", "2018-08-02"),
        ("the 2nd of August, 2018", "2018-08-02"), ("August 2nd of 2018", "2018-08-02"),
        ("2/8/2018", "2018-02-08"), ("21/04/2016", "2016-04-21"), ("13.5.2015", "2015-05-13"),
        ("2015/08/12", "2015-08-12"), ("20161016", "2016-10-16"), ("05-Aug-2016", "2016-08-05"),
        ("Sep-23-2020", "2020-09-23"), ("2019-sep-1", "2019-09-01"), ("16. Nov. 2016", "2016-11-16"),
        ("January twenty five nineteen eighty six", "1986-01-25"),
        ("the tenth of September, two thousand", "2000-09-10"),
    ])
    func fullDate(_ phrase: String, _ timex: String) {
        let found = dates("It premiered on \(phrase).")
        #expect(found.map(\.timex) == [timex])
        #expect(found.first?.text.hasSuffix(phrase.hasPrefix("the ") ? String(phrase.dropFirst(4)) : phrase) == true)
    }

    @Test func invalidCalendarDatesAreRejected() {
        #expect(dates("Is this a valid date? 2015-1-32") == [])
        #expect(dates("feb 30 2019 is not a day").map(\.timex) != ["2019-02-30"])
    }

    @Test func numbersThatAreNotDates() {
        #expect(dates("Tel: +86 138-2010-2015") == [])
        #expect(dates("The ssn is 123-12-1234") == [])
        #expect(dates("Mortgages were at 6.45 percent") == [])
        #expect(dates("schedule a 1:1 meeting at 10:30") == [])
        #expect(dates("open 24/7") == [])
        #expect(dates("between 2000 and 2100 GMT") == [])
    }

    // MARK: Months, years, partial dates

    @Test func monthsWithYears() {
        #expect(timexes("in June of 1992, in Dec-2018, in 2017 april, in 2015-3, 11/2016") ==
                ["1992-06", "2018-12", "2017-04", "2015-03", "2016-11"])
    }

    @Test func yearlessDatesStayUnderspecified() {
        #expect(dates("It returns on August 2.", ref2022) == [D("August 2", "XXXX-08-02")])
        #expect(dates("It returns in May.") == [D("May", "XXXX-05")])
        #expect(dates("Let's meet on the 18th.") == [D("the 18th", "XXXX-XX-18")])
    }

    @Test func dayListsTakeTheLastMonth() {
        #expect(timexes("He can do the 22nd, 23rd, 30th or 31st of March.") ==
                ["XXXX-03-22", "XXXX-03-23", "XXXX-03-30", "XXXX-03-31"])
        #expect(timexes("on 18 and 19 June 2020") == ["2020-06-18", "2020-06-19"])
        #expect(timexes("What do I have on Saturday the second?") == ["XXXX-XX-02"])
        #expect(timexes("for the second time") == [])
    }

    @Test func modalMayIsNotAMonth() {
        #expect(dates("This may take longer. May I ask? One may say so.") == [])
        #expect(dates("It may be in may") == [D("may", "XXXX-05")])
    }

    @Test func namesAreNotMonths() {
        #expect(dates("June Carter sang.") == [])
        #expect(dates("Our 24th retweet competition") == [])
    }

    // MARK: Seasons, quarters, halves, decades, centuries

    @Test func seasonsQuartersHalves() {
        #expect(dates("summer 2019") == [D("summer 2019", "2019-SU")])
        #expect(dates("Q4 2023") == [D("Q4 2023", "2023-Q4")])
        #expect(dates("the fourth quarter of 2023") == [D("the fourth quarter of 2023", "2023-Q4")])
        #expect(dates("first half of 2024") == [D("first half of 2024", "2024-H1")])
        #expect(timexes("2019 H2, 2017-q1, the summer") == ["2019-H2", "2017-Q1", "XXXX-SU"])
    }

    @Test func sportsQuartersNeedAYear() {
        #expect(dates("They scored in the fourth quarter.") == [])
    }

    @Test func fallAndSpringNeedADateWord() {
        #expect(dates("Ratings fall when spring cleaning starts.") == [])
        #expect(dates("It returns in the fall.") == [D("the fall", "XXXX-FA")])
    }

    @Test func decadesAndCenturies() {
        #expect(dates("in the 1990s") == [D("the 1990s", "199")])
        #expect(timexes("the '90s, the 1970's, the nineteen seventies, the noughties") == ["199", "197", "197", "200"])
        #expect(timexes("the 15th century, the 1800s") == ["14", "18"])
        #expect(dates("in their mid-50s, in his late 20s") == [])
        #expect(dates("20th Century Fox") == [])
    }

    // MARK: Mods

    @Test(arguments: [
        ("early 2020", "2020", "START"), ("late 2019", "2019", "END"), ("mid-2021", "2021", "MID"),
        ("early-2025", "2025", "START"), ("late-October", "XXXX-10", "END"),
        ("around 2020", "2020", "APPROX"), ("the beginning of 2000", "2000", "START"),
        ("the middle of 2000", "2000", "MID"), ("since 2009", "2009", "ON_OR_AFTER"), ("after 2016", "2016", "AFTER"),
        ("before 2018", "2018", "BEFORE"), ("until April 27th", "XXXX-04-27", "BEFORE"),
        ("starting on Sep 2019", "2019-09", "ON_OR_AFTER"), ("mid-November", "XXXX-11", "MID"),
        ("the early 1990s", "199", "START"), ("1/1/2016 and after", "2016-01-01", "ON_OR_AFTER"),
    ])
    func mod(_ phrase: String, _ timex: String, _ mod: String) {
        let found = dates("It happened \(phrase).")
        #expect(found.count == 1)
        #expect(found.first?.timex == timex)
        #expect(found.first?.mod == mod)
    }

    // MARK: Relative expressions

    @Test(arguments: [
        ("this year", "2022"), ("next year", "2023"), ("last year", "2021"), ("last month", "2022-05"),
        ("next month", "2022-07"), ("this summer", "2022-SU"), ("next fall", "2023-FA"), ("yesterday", "2022-05-31"),
        ("today", "2022-06-01"), ("tomorrow", "2022-06-02"), ("this quarter", "2022-Q2"), ("next quarter", "2022-Q3"),
        ("this decade", "202"), ("June next year", "2023-06"), ("the 20th of next month", "2022-07-20"),
    ])
    func relative(_ phrase: String, _ timex: String) {
        let found = dates("It airs \(phrase).", ref2022)
        #expect(found.map(\.timex) == [timex])
        #expect(found.first?.text.hasSuffix(phrase) == true)
        #expect(DateRecognizer.recognize(in: Array("It airs \(phrase).".utf8), reference: ref2022).first?.isRelative == true)
        // Without a reference nothing relative is produced (a plain part such as "summer" may remain).
        let unresolved = DateRecognizer.recognize(in: Array("It airs \(phrase).".utf8), reference: nil)
        #expect(unresolved.allSatisfy { !$0.isRelative && $0.timex != timex })
    }

    @Test func relativeWithMods() {
        #expect(dates("It came out early this year.", ref2022) == [D("early this year", "2022", "START")])
        #expect(dates("It comes out later this year.", ref2022) == [D("later this year", "2022")])
        #expect(dates("by the end of the year", ref2022) == [D("end of the year", "2022", "END")])
    }

    @Test func narrativeRelativeTimeIsNotResolved() {
        #expect(dates("over the past year", ref2022) == [])
        #expect(dates("and the following year it won", ref2022) == [])
        #expect(dates("I'll be out the coming month.", ref2022) == [D("the coming month", "2022-07")])
    }

    @Test func relativeDatesCrossYearBoundaries() {
        let newYear = ReferenceDate(year: 2019, month: 12, day: 31)
        #expect(timexes("tomorrow, next month, next quarter", newYear) == ["2020-01-01", "2020-01", "2020-Q1"])
        let jan = ReferenceDate(year: 2020, month: 1, day: 1)
        #expect(timexes("yesterday, last month, last quarter", jan) == ["2019-12-31", "2019-12", "2019-Q4"])
    }

    // MARK: Shape of the output

    @Test func granularity() {
        let ms = DateRecognizer.recognize(in: Array("August 2, 2018; January 2019; 2020; Q1 2021; the 1990s".utf8),
                                          reference: nil)
        #expect(ms.map(\.granularity) == [.day, .month, .year, .quarter, .decade])
    }

    @Test func mentionsAreOrderedAndDisjoint() {
        let text = "Released on August 2, 2018 and again in early 2020, mid-2021 and 2023 or 2024 (since 2009)."
        let ms = DateRecognizer.recognize(in: Array(text.utf8), reference: ref2022)
        #expect(ms.count == 6)
        for (a, b) in zip(ms, ms.dropFirst()) { #expect(a.range.end <= b.range.start) }
    }

    @Test func referenceDateArithmetic() {
        #expect(ReferenceDate(year: 2020, month: 3, day: 1).adding(days: -1) == ReferenceDate(year: 2020, month: 2, day: 29))
        #expect(ReferenceDate(year: 2019, month: 12, day: 31).adding(days: 1) == ReferenceDate(year: 2020, month: 1, day: 1))
        #expect(ReferenceDate(year: 2020, month: 1, day: 15).adding(months: -1) == (2019, 12))
        #expect(ReferenceDate(iso: "2019-03-04T10:00:00Z") == ReferenceDate(year: 2019, month: 3, day: 4))
        #expect(ReferenceDate(iso: "2019-13-04") == nil)
    }
}

/// The TIMEX writer formats numbers exactly like `String(v)` with leading zeros.
@Test func timexPaddingMatchesStringFormatting() {
    func reference(_ v: Int, _ width: Int) -> String {
        var s = String(v)
        while s.count < width { s = "0" + s }
        return s
    }
    let values = [0, 1, 5, 9, 10, 12, 99, 100, 999, 1000, 2018, 9999, 10000, 123_456, -1, -5, -10, -999, -2018,
                  -20_000, Int.max, Int.min, Int.max - 1, Int.min + 1]
    for v in values {
        for width in 0...6 {
            #expect(DateParser.pad(v, width) == reference(v, width), "pad(\(v), \(width))")
        }
    }
    #expect(DateParser.day(2018, 8, 2) == "2018-08-02")
    #expect(DateParser.day(nil, nil, 18) == "XXXX-XX-18")
    #expect(DateParser.day(-44, 3, 15) == "0-44-03-15")
    #expect(DateParser.month(nil, 5) == "XXXX-05")
    #expect(DateParser.month(12_345, 11) == "12345-11")
    #expect(DateParser.quarter(2023, 4) == "2023-Q4")
    #expect(DateParser.half(nil, 1) == "XXXX-H1")
    #expect(DateParser.year(Int.min) == String(Int.min))
}
