import Foundation
import Testing
@testable import ArticleClaims

/// Counts calls and concurrent calls of a transform.
final class Gauge: @unchecked Sendable {
    let lock = NSLock()
    var current = 0
    var peak = 0
    var pulled = 0

    func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
    func leave() { lock.withLock { current -= 1 } }
    func pull() { lock.withLock { pulled += 1 } }
    var snapshot: (peak: Int, pulled: Int) { lock.withLock { (peak, pulled) } }
}

/// An endless (or long) input sequence that counts what was pulled.
struct CountingInputs: AsyncSequence, Sendable {
    typealias Element = BatchInput
    let count: Int
    let gauge: Gauge
    let failAt: Int?

    struct Boom: Error {}

    func makeAsyncIterator() -> Iterator { Iterator(count: count, gauge: gauge, failAt: failAt) }

    struct Iterator: AsyncIteratorProtocol {
        let count: Int
        let gauge: Gauge
        let failAt: Int?
        var i = 0
        mutating func next() async throws -> BatchInput? {
            guard i < count else { return nil }
            if i == failAt { throw Boom() }
            gauge.pull()
            defer { i += 1 }
            return BatchInput(id: "doc-\(i)", bytes: [UInt8](repeating: 0x61, count: i % 7 == 0 ? 200_000 : 10))
        }
    }
}

@Suite struct BatchProcessorTests {
    @Test func orderIsKeptWithFourJobsOnVeryDifferentSizes() async throws {
        // Sizes from 1 byte to 2 MB, big ones early so that small ones finish first.
        var inputs: [BatchInput] = []
        for i in 0..<60 {
            let size = i % 10 == 0 ? 2_000_000 - i : (i % 3 == 0 ? 50_000 : 1 + i)
            let body = "<html><body><p>Document \(i).</p>" + String(repeating: "<p>filler text here</p>", count: size / 24) + "</body></html>"
            inputs.append(BatchInput(id: "doc-\(i)", bytes: Array(body.utf8)))
        }
        let gauge = Gauge()
        let batch = BatchProcessor(jobs: 4, window: 8) { input -> String in
            gauge.enter()
            defer { gauge.leave() }
            let result = ClaimsPipeline.process(input)
            if input.bytes.count < 100 { Thread.sleep(forTimeInterval: 0.001) }
            return result.source.id
        }
        var out: [String] = []
        for try await id in batch.results(for: BatchInputs(inputs)) { out.append(id) }
        #expect(out == inputs.map(\.id))
        #expect(gauge.snapshot.peak <= 4)
    }

    @Test func pipelineResultsKeepOrderAndErrorsStayInPlace() async throws {
        var inputs = (0..<20).map { BatchInput(id: "d\($0)", bytes: Array("text \($0)".utf8)) }
        inputs[5] = BatchInput(id: "broken", error: DocumentError(code: "bad-record", message: "line 6: oops"))
        var results: [DocumentResult] = []
        for try await r in BatchProcessor(jobs: 3, options: PipelineOptions()).results(for: BatchInputs(inputs)) {
            results.append(r)
        }
        #expect(results.map(\.source.id) == inputs.map(\.id))
        #expect(results[5].error?.code == "bad-record")
        #expect(results.filter(\.isError).count == 1)
    }

    @Test func readingStaysWithinTheWindow() async throws {
        let gauge = Gauge()
        let batch = BatchProcessor(jobs: 2, window: 4) { input in input.id }
        var seen = 0
        for try await _ in batch.results(for: CountingInputs(count: 1_000_000, gauge: gauge, failAt: nil)) {
            seen += 1
            // The reader never runs more than `window` documents ahead of the consumer.
            #expect(gauge.snapshot.pulled <= seen + 4)
            if seen == 50 { break }
        }
        try await Task.sleep(nanoseconds: 20_000_000)
        #expect(gauge.snapshot.pulled <= 50 + 4 + 1, "stopping the consumer stops the reading")
    }

    @Test func readingStaysWithinTheByteBudget() async throws {
        let gauge = Gauge()
        // Documents of 10 bytes and of 200,000 bytes; at most 250,000 bytes in flight.
        let batch = BatchProcessor(jobs: 2, window: 100, maxInFlightBytes: 250_000) { input in input.bytes.count }
        var seen = 0
        var pulledAtBig: [Int] = []
        for try await size in batch.results(for: CountingInputs(count: 200, gauge: gauge, failAt: nil)) {
            seen += 1
            if size > 1000 { pulledAtBig.append(gauge.snapshot.pulled - seen) }
        }
        #expect(seen == 200)
        // Ahead of a big document, the reader holds at most one more big one plus small ones.
        #expect(pulledAtBig.allSatisfy { $0 <= 14 }, "\(pulledAtBig)")
        #expect(pulledAtBig.contains { $0 > 0 }, "the reader does read ahead")
    }

    @Test func inputErrorsAreThrownAfterEarlierOutputs() async throws {
        let gauge = Gauge()
        let batch = BatchProcessor(jobs: 2) { input in input.id }
        var ids: [String] = []
        await #expect(throws: CountingInputs.Boom.self) {
            for try await id in batch.results(for: CountingInputs(count: 100, gauge: gauge, failAt: 30)) {
                ids.append(id)
            }
        }
        #expect(ids == (0..<30).map { "doc-\($0)" })
    }

    @Test func twoIteratorsAreTwoRuns() async throws {
        let inputs = BatchInputs((0..<5).map { BatchInput(id: "\($0)", bytes: []) })
        let results = BatchProcessor(jobs: 2) { $0.id }.results(for: inputs)
        var a: [String] = [], b: [String] = []
        for try await x in results { a.append(x) }
        for try await x in results { b.append(x) }
        #expect(a == ["0", "1", "2", "3", "4"])
        #expect(a == b)
    }

    @Test func emptyInput() async throws {
        var n = 0
        let batch = BatchProcessor(jobs: 2) { $0.id }
        for try await _ in batch.results(for: BatchInputs([BatchInput]())) { n += 1 }
        #expect(n == 0)
    }
}
