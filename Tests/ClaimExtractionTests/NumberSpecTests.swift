import Foundation
import Testing
@testable import ClaimExtraction

/// The recognizers-en suite copied into `Fixtures/values/`, located from this file.
enum ValueFixtures {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/values/\(name)")
    }

    static func cases(_ name: String) throws -> [ValueSpecCase] {
        try ValueSpecCase.parse(jsonl: Data(contentsOf: url(name)))
    }
}

@Suite("NumberSpec")
struct NumberSpecTests {
    /// Floors: the F1 measured when this suite was written, minus 0.02.
    @Test func numberSuiteFloors() throws {
        let cases = try ValueFixtures.cases("number.jsonl")
        #expect(cases.count == 134)
        let score = ValueSpecScore.run(cases, kind: .number)
        #expect(score.caseCount == 134)
        #expect(score.value.f1 >= 0.98, "value F1 \(score.value.f1)")
        #expect(score.valueMod.f1 >= 0.973, "value+mod F1 \(score.valueMod.f1)")
    }

    @Test func scorerCountsIgnoreSpansAndNegatives() {
        let item = { (text: String, start: Int, value: Double) in
            ValueSpecCase.Item(text: text, start: start, length: text.count, numbers: [value], timexes: [], mod: nil)
        }
        var c = ValueSpecCase(id: "t", kind: .number, input: "10 of 20 in 30", reference: nil, referenceText: nil,
                              expected: [item("10", 0, 10)], ignore: [item("30", 12, 30)], tags: [])
        let preds = [
            ValuePrediction(kind: .number, text: "10", start: 0, number: 10),
            ValuePrediction(kind: .number, text: "20", start: 6, number: 20),
            ValuePrediction(kind: .number, text: "30", start: 12, number: 30),
        ]
        let counts = ValueSpecScore.score(c, preds, withMod: false)
        #expect(counts.tp == 1 && counts.fp == 1 && counts.fn == 0)
        // A wrong value on the expected span is a false positive and a false negative.
        let wrong = ValueSpecScore.score(c, [ValuePrediction(kind: .number, text: "10", start: 0, number: 11)], withMod: false)
        #expect(wrong.tp == 0 && wrong.fp == 1 && wrong.fn == 1)
        // Negative case: every prediction is a false positive.
        c.expected = []
        c.ignore = []
        #expect(ValueSpecScore.score(c, preds, withMod: false).fp == 3)
    }

    @Test func extractValuesLines() {
        let ok = ValuePrediction.outputLine(forInputLine: Data(#"{"id":"a","kind":"number","input":"Café: over 1.5m views","reference":null}"#.utf8))
        #expect(ok == #"{"id":"a","predicted":[{"kind":"number","text":"over 1.5m","start":6,"value":1500000,"mod":"MORE_THAN"}]}"#)
        let frac = ValuePrediction.outputLine(forInputLine: Data(#"{"id":"b","kind":"number","input":"0.25","reference":null}"#.utf8))
        #expect(frac == #"{"id":"b","predicted":[{"kind":"number","text":"0.25","start":0,"value":0.25,"mod":null}]}"#)
        #expect(ValuePrediction.outputLine(forInputLine: Data("not json".utf8)).hasPrefix(#"{"id":null,"error":"#))
        #expect(ValuePrediction.outputLine(forInputLine: Data(#"{"kind":"date","input":"x"}"#.utf8)).hasPrefix(#"{"id":null,"error":"#))
        #expect(ValuePrediction.outputLine(forInputLine: Data(#"{"id":"c","kind":"time","input":"x"}"#.utf8)).contains("error"))
        #expect(ValuePrediction.outputLine(forInputLine: Data(#"{"id":"d","kind":"date","input":"x","reference":"soon"}"#.utf8)).contains("error"))
    }

    @Test func codePointOffsets() {
        let text = "né 😀 2018"
        let bytes = Array(text.utf8)
        let offsets = CodePointOffsets(bytes)
        #expect(offsets.codePoint(bytes.count - 4) == 5)
        #expect(offsets.codePoint(bytes.count) == 9)
        let p = ValuePrediction.predict(kind: .number, input: text, reference: nil)
        #expect(p.map(\.start) == [5])
    }
}
