import ArticleCleaning
import Testing
@testable import ClaimExtraction

/// A recognised number, flattened for comparisons.
private struct N: Equatable, CustomStringConvertible {
    var text: String
    var number: String
    var value: Double
    var bound: NumberBound
    var description: String { "\(text)|\(number)=\(value) \(bound)" }
}

private func numbers(_ s: String) -> [N] {
    let bytes = Array(s.utf8)
    return NumberRecognizer.recognize(in: bytes).map { m in
        N(text: String(decoding: bytes[m.range.range], as: UTF8.self),
          number: String(decoding: bytes[m.numberRange.range], as: UTF8.self), value: m.value, bound: m.bound)
    }
}

/// The values found in `s`.
private func values(_ s: String) -> [Double] { numbers(s).map(\.value) }

@Suite("NumberRecognizer")
struct NumberRecognizerTests {
    // MARK: Entertainment-news phrasing

    @Test func grossedMoreThanHundredMillionViews() {
        let found = numbers("the series grossed more than 100 Million views within 15 Minutes.")
        #expect(found == [
            N(text: "more than 100 Million", number: "100 Million", value: 100_000_000, bound: .moreThan),
            N(text: "15", number: "15", value: 15, bound: .exact),
        ])
    }

    @Test func crossedFifteenBillionViews() {
        #expect(numbers("the series crossed 15 Billion views at the end of the show")
            == [N(text: "crossed 15 Billion", number: "15 Billion", value: 15_000_000_000, bound: .moreThan)])
    }

    @Test func overFifteenBillion() {
        #expect(numbers("has received over 15 billion views")
            == [N(text: "over 15 billion", number: "15 billion", value: 15_000_000_000, bound: .moreThan)])
    }

    @Test func sixteenEpisodes() {
        #expect(numbers("The first season consists of sixteen episodes")
            == [N(text: "sixteen", number: "sixteen", value: 16, bound: .exact)])
    }

    @Test func suffixes() {
        #expect(values("1.2m views") == [1_200_000])
        #expect(values("1.5m, 10k and 2.5bn") == [1_500_000, 10_000, 2_500_000_000])
        #expect(values("2mil and 1MM and 10 bln") == [2_000_000, 1_000_000, 10_000_000_000])
        #expect(values("2.33 k") == [2330])
    }

    @Test func currencyIsNotOurBusiness() {
        let found = numbers("a budget of $3 million")
        #expect(found == [N(text: "3 million", number: "3 million", value: 3_000_000, bound: .exact)])
        #expect(values("€12 and £4.5bn") == [12, 4_500_000_000])
    }

    // MARK: Digits

    @Test func separatorsAndDecimals() {
        #expect(values("15,000 fans, 1.5 hours, 10,000 votes") == [15_000, 1.5, 10_000])
        #expect(values("1,234,567.89") == [1_234_567.89])
        #expect(values("40 000 and 40\u{202F}000 and 1\u{00A0}234") == [40_000, 40_000, 1234])
        #expect(values(".08 and 4.800") == [0.08, 4.8])
        #expect(values("192.") == [192])
    }

    @Test func commaWithSpaceSeparatesNumbers() {
        #expect(values("1, 234, 567") == [1, 234, 567])
    }

    @Test func negatives() {
        #expect(values("-1 and -9.5") == [-1, -9.5])
        #expect(values("minus five point five, negative one") == [-5.5, -1])
        #expect(values("COVID-19") == [19])
    }

    @Test func percentagesKeepTheNumber() {
        #expect(values("ratings fell 45% and 12 percent") == [45, 12])
    }

    @Test func lettersGluedToDigitsAreNotNumbers() {
        #expect(values("MP3 Q4 A1B2 180ml 10am") == [])
    }

    @Test func plainDigitsFlag() {
        let m = NumberRecognizer.recognize(in: Array("2018 and 2 million and 15,000".utf8))
        #expect(m.map(\.isPlainDigits) == [true, false, true])
    }

    // MARK: Number words

    @Test func wordNumbers() {
        #expect(values("sixty-three") == [63])
        #expect(values("a hundred") == [100])
        #expect(values("one hundred and twenty") == [120])
        #expect(values("two thousand") == [2000])
        #expect(values("twenty-one trillion and three hundred") == [21_000_000_000_300])
        #expect(values("fifty - two, fifty   two") == [52, 52])
        #expect(values("two hundred and two thousand") == [202_000])
        #expect(values("a million views") == [1_000_000])
        #expect(values("hundred thousand dollars") == [100_000])
    }

    @Test func scaleWordsAfterDigits() {
        #expect(values("4 thousand 3 hundred and 21") == [4321])
        #expect(values("4 thousand and 21") == [4021])
        #expect(values("2 million and 15,000 fans") == [2_000_000, 15_000])
        #expect(values("322 hundred") == [32_200])
        #expect(values("1,674.5 million") == [1_674_500_000])
    }

    @Test func separateNumbersStaySeparate() {
        #expect(values("3 hundred and 2 hundred") == [300, 200])
        #expect(values("4000 3 hundred") == [4000, 300])
        #expect(values("4 thousand 3 hundred and 0") == [4300, 0])
        #expect(values("three-nought-four") == [3, 0, 4])
    }

    @Test func dozensHalvesQuarters() {
        #expect(values("half a dozen, a dozen, 3 dozens") == [6, 12, 36])
        #expect(values("half a million, quarter million") == [500_000, 250_000])
        #expect(values("five and a half million") == [5_500_000])
        #expect(values("three hundred and two dozens") == [324])
    }

    @Test func spokenDecimals() {
        #expect(values("two hundred point zero three") == [200.03])
        #expect(values("nine point nought four") == [9.04])
    }

    // MARK: Not cardinals

    @Test func ordinalsAreNotCardinals() {
        #expect(values("the May 4th") == [])
        #expect(values("the first season, its twenty-first episode, the second time") == [])
    }

    @Test func pronounOneIsNotANumber() {
        #expect(values("The one you mentioned") == [])
        #expect(values("Which one do you prefer? That one is good.") == [])
        #expect(values("it became one of the best") == [1])
    }

    @Test func articlesAloneAreNotNumbers() {
        #expect(values("a an") == [])
    }

    // MARK: Qualifiers

    @Test(arguments: [
        ("more than 30", NumberBound.moreThan), ("over 30", .moreThan), ("crossed 30", .moreThan),
        ("exceeded 30", .moreThan), ("above 30", .moreThan), ("topped 30", .moreThan),
        ("nearly 30", .approx), ("almost 30", .approx), ("about 30", .approx), ("around 30", .approx),
        ("approximately 30", .approx), ("some 30", .approx), ("roughly 30", .approx),
        ("up to 30", .atMost), ("at most 30", .atMost), ("no more than 30", .atMost),
        ("at least 30", .atLeast), ("no less than 30", .atLeast),
        ("less than 30", .lessThan), ("under 30", .lessThan), ("fewer than 30", .lessThan), ("below 30", .lessThan),
        ("30 or more", .atLeast), ("30 or less", .atMost), ("30+", .moreThan),
    ])
    func qualifier(_ phrase: String, _ bound: NumberBound) {
        let found = numbers("They counted \(phrase) people.")
        #expect(found.count == 1)
        #expect(found.first?.value == 30)
        #expect(found.first?.bound == bound)
        #expect(found.first?.text == phrase)
        #expect(found.first?.number == "30")
    }

    @Test func qualifierCombinations() {
        #expect(numbers("less than 5000 or equal").first?.bound == .atMost)
        #expect(numbers("equal to 5000 or more than").first?.bound == .atLeast)
        #expect(numbers("greater than or equal to 50").first?.bound == .atLeast)
        #expect(numbers("about five hundred or more").first?.bound == .atLeast)
    }

    @Test func upWithoutToIsNotAQualifier() {
        #expect(numbers("Shares were up more than 20")
            == [N(text: "more than 20", number: "20", value: 20, bound: .moreThan)])
    }

    @Test func qualifierDoesNotReachIntoThePreviousNumber() {
        let found = numbers("More than 40 and less than 10")
        #expect(found.map(\.bound) == [.moreThan, .lessThan])
        #expect(found.map(\.text) == ["More than 40", "less than 10"])
    }

    // MARK: Shape of the output

    @Test func mentionsAreOrderedAndDisjoint() {
        let text = "In 2019, more than 1.2m people watched 16 episodes; about 3 million 500 thousand, 12 or more."
        let ms = NumberRecognizer.recognize(in: Array(text.utf8))
        #expect(!ms.isEmpty)
        for (a, b) in zip(ms, ms.dropFirst()) { #expect(a.range.end <= b.range.start) }
        for m in ms {
            #expect(m.range.start <= m.numberRange.start && m.numberRange.end <= m.range.end)
        }
    }

    @Test func integerValue() {
        #expect(NumberRecognizer.recognize(in: Array("1.5 and 2".utf8)).map(\.integerValue) == [nil, 2])
    }

    @Test func combinedRecognizerMatchesTheSeparateOnes() {
        let text = "Released on August 2, 2018 with 63 episodes; more than 100 Million views by early 2019."
        let bytes = Array(text.utf8)
        let ref = ReferenceDate(year: 2020, month: 1, day: 1)
        let both = ValueRecognizer.recognize(in: bytes, reference: ref)
        #expect(both.numbers == NumberRecognizer.recognize(in: bytes))
        #expect(both.dates == DateRecognizer.recognize(in: bytes, reference: ref))
        #expect(both.numbersOutsideDates.map(\.value) == [63, 100_000_000])
    }

    @Test func lexiconHasNoDuplicateWords() {
        var seen: [String: WordKind] = [:]
        for (word, kind, _) in ValueLexicon.words {
            #expect(seen[word] == nil, "\(word) is listed as \(seen[word].map { "\($0)" } ?? "") and \(kind)")
            seen[word] = kind
            #expect(word == word.lowercased() && word.utf8.count <= 16)
        }
    }
}
