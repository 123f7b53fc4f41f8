import Foundation
import Testing
@testable import ArticleClaims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parallel batch path in-process, the way `extract --jobs N` drives it: a
/// ``DocumentSource`` read by ``BatchProcessor`` with several jobs, each document run
/// through the pipeline and serialised on a worker. Running in the test process, these tests
/// put the batch engine, the readers and the whole pipeline under ThreadSanitizer and
/// AddressSanitizer (`scripts/sanitizers.sh`); the CLI tests cover the same path through the
/// `extract` binary.
@Suite(.timeLimit(.minutes(10))) struct ParallelBatchTests {
    /// What `extract -f jsonl` writes for one document, rendered on a worker.
    struct Rendered: Sendable, Equatable {
        var id: String
        var json: [UInt8]
        var claims: Int
        var error: String?
    }

    static func render(_ input: BatchInput) -> Rendered {
        let result = ClaimsPipeline.process(input, options: PipelineOptions(includeText: true))
        let json = (try? JSONWriter.encode(result)) ?? []
        return Rendered(id: input.id, json: json, claims: result.claims.count, error: result.error?.code)
    }

    /// A folder of documents from 0 bytes to 600 KB, HTML and text, with error
    /// documents between them: a missing file, a file over the size limit, bad JSON Lines
    /// records, a truncated gzip file and a WARC file.
    static func corpus(in tmp: TempFolder) throws -> [String] {
        var paths: [String] = []
        for i in 0..<24 {
            let size = [600_000, 0, 40_000, 7, 150_000, 1_500, 12, 90_000][i % 8]
            let body: String
            if i % 3 == 0 {
                body = "Season \(i) premiered on May \(i % 28 + 1), 2019.\n\n"
                    + String(repeating: "It drew 1,000,000 views within 24 hours. ", count: size / 42)
            } else {
                body = "<html><head><title>Page \(i)</title></head><body><article><h1>Page \(i)</h1>"
                    + "<p>The series was renewed for a season \(i % 5 + 2) on March \(i % 28 + 1), 2020.</p>"
                    + String(repeating: "<p>It has <b>\(i)</b> episodes &amp; more.</p>", count: size / 44)
                    + "</article></body></html>"
            }
            paths.append(try tmp.write(String(format: "pages/%02d-page.%@", i, i % 3 == 0 ? "txt" : "html"),
                                       size == 0 ? "" : body))
        }
        // Over the 1 MiB limit given below: `too-large`, not read.
        paths.append(try tmp.write("huge.html", [UInt8](repeating: 0x61, count: (1 << 20) + 1)))
        paths.append(tmp.path + "/missing.html")
        paths.append(try tmp.write("dump.jsonl", (0..<30).map { i in
            i % 7 == 3 ? "{\"id\": broken \(i)"
                : "{\"id\":\"rec-\(i)\",\"html\":\"<p>Record \(i) aired on June \(i % 28 + 1), 2021 to 2.5 million viewers.</p>\"}"
        }.joined(separator: "\n")))
        paths.append(try tmp.write("cut.html.gz", Array(Gzip.compress(Array(Sample.html.utf8)).prefix(40))))
        var warc = WARCFixture.warcinfo
        for i in 0..<6 {
            warc += WARCFixture.request(uri: "https://example.org/\(i)")
            warc += WARCFixture.response(uri: "https://example.org/\(i)", body: Sample.html, gzipBody: i % 2 == 1)
        }
        paths.append(try tmp.write("crawl.warc.gz", Gzip.compress(warc)))
        // Real pages as well.
        let root = packageRoot().path
        paths += ["Fixtures/html", "Fixtures/text", "Fixtures/hostile"].map { root + "/" + $0 }
        return paths
    }

    @Test func manyJobsGiveTheSequentialOutputInOrder() async throws {
        let tmp = try TempFolder()
        let paths = try Self.corpus(in: tmp)
        let options = DocumentSource.Options(maxBytes: 1 << 20)
        // The reference: the same documents, read and rendered one after the other.
        let inputs = await collect(DocumentSource(paths: paths, options: options))
        let expected = inputs.map(Self.render)
        #expect(expected.count > 80)
        #expect(Set(["not-found", "too-large", "bad-record", "bad-gzip"]).isSubset(of: Set(expected.compactMap(\.error))))
        #expect(expected.filter { $0.error == nil && $0.claims > 0 }.count > 10, "real claims, not only errors")

        // A narrow window (the reader waits for the consumer), the default one, more jobs than cores.
        for (jobs, window) in [(4, 6), (3, nil), (8, 8)] as [(Int, Int?)] {
            let progress = ReadProgress()
            let source = DocumentSource(paths: paths, options: options, progress: progress)
            let batch = BatchProcessor(jobs: jobs, window: window) { input in Self.render(input) }
            var got: [Rendered] = []
            var lastRead = 0
            for try await rendered in batch.results(for: source) {
                got.append(rendered)
                // The reader updates the progress on another thread while the workers run.
                #expect(progress.read >= lastRead)
                lastRead = progress.read
            }
            #expect(got.count == expected.count, "one result per input (jobs \(jobs))")
            #expect(got.map(\.id) == inputs.map(\.id), "input order (jobs \(jobs))")
            for (a, b) in zip(got, expected) where a != b {
                Issue.record("\(a.id): the result with \(jobs) jobs differs from the sequential one")
            }
        }
    }

    /// A named pipe is read on the source's own queue (as standard input is), while a writer
    /// thread fills it and four workers process what was read.
    @Test func pipeReadOnItsQueueWhileWorkersRun() async throws {
        let tmp = try TempFolder()
        let count = 300
        let lines = (0..<count).map { i in
            let text = ([Sample.title] + Sample.paragraphs.suffix(i % 3 + 1)).joined(separator: "\\n\\n")
                + String(repeating: " More text.", count: i % 13 * 40)
            return i % 50 == 49 ? "not a record \(i)\n" : "{\"id\":\"s-\(i)\",\"text\":\"\(text)\"}\n"
        }
        // The reference: the same lines read from a regular file and rendered one by one.
        let file = try tmp.write("stream-file.jsonl", lines.joined())
        let expected = await collect(DocumentSource(paths: [file])).map(Self.render)
        #expect(expected.count == count)
        #expect(expected.filter { $0.claims > 0 }.count > count / 2, "real claims, not only errors")

        let fifo = tmp.path + "/stream.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            // Small writes, so that the reader often waits for more.
            for line in lines { try? handle.write(contentsOf: Data(line.utf8)) }
            try? handle.close()
        }
        writer.start()

        let source = DocumentSource(paths: [fifo], options: .init(mode: .jsonl))
        let batch = BatchProcessor(jobs: 4, window: 10) { input in Self.render(input) }
        var got: [Rendered] = []
        for try await rendered in batch.results(for: source) { got.append(rendered) }
        #expect(got.count == count, "one result per line")
        #expect(got.map(\.id) == (0..<count).map { i in i % 50 == 49 ? "\(fifo):\(i + 1)" : "s-\(i)" })
        #expect(got.filter { $0.error == "bad-record" }.count == count / 50)
        for (a, b) in zip(got, expected) where a.error == nil && a != b {
            Issue.record("\(a.id): the parallel result differs from the sequential one")
        }
    }
}
