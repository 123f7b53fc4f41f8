import Foundation
import Testing
@testable import ClaimExtraction

@Suite("DateSpec")
struct DateSpecTests {
    /// Floors: the F1 measured when this suite was written, minus 0.02.
    @Test func dateSuiteFloors() throws {
        let cases = try ValueFixtures.cases("date.jsonl")
        #expect(cases.count == 372)
        let score = ValueSpecScore.run(cases, kind: .date)
        #expect(score.caseCount == 372)
        #expect(score.value.f1 >= 0.98, "value F1 \(score.value.f1)")
        #expect(score.valueMod.f1 >= 0.98, "value+mod F1 \(score.valueMod.f1)")
    }

    @Test func negativeCasesStayEmpty() throws {
        let cases = try ValueFixtures.cases("date.jsonl").filter { $0.tags.contains("negative") }
        #expect(cases.count == 60)
        for c in cases {
            let p = ValuePrediction.predict(kind: .date, input: c.input, reference: c.reference)
            #expect(p.isEmpty, "\(c.id): \(p.map(\.text))")
        }
    }
}
