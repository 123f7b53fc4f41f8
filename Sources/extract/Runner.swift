import ArticleClaims
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a run needs from the command line.
struct RunSettings: Sendable {
    var format: Extract.Format
    var pipeline: PipelineOptions
    var source: DocumentSource.Options
    var jobs: Int
    var output: String?
    var failFast: Bool
    var progress: Bool
    var quiet: Bool
    var paths: [String]
}

/// One document, processed and rendered by a worker.
struct Rendered: Sendable {
    var id: String
    var bytes: [UInt8]
    var claims: Int
    var error: DocumentError?
    var size: Int
}

/// Counters for the progress bar and the summary.
struct Stats {
    var documents = 0
    var failed = 0
    var claims = 0
    var bytes = 0
    var errors: [String: Int] = [:]
    let start = monotonicSeconds()

    mutating func add(_ doc: Rendered) {
        documents += 1
        claims += doc.claims
        bytes += doc.size
        if let error = doc.error {
            failed += 1
            errors[error.code, default: 0] += 1
        }
    }

    func summary() -> [String] {
        let elapsed = max(monotonicSeconds() - start, 1e-9)
        let mb = Double(bytes) / 1e6
        var lines = [String(
            format: "extract: %d document%@, %d failed, %d claim%@; %.1f MB in %.2f s (%.1f MB/s, %.0f documents/s)",
            documents, documents == 1 ? "" : "s", failed, claims, claims == 1 ? "" : "s",
            mb, elapsed, mb / elapsed, Double(documents) / elapsed)]
        if !errors.isEmpty {
            let list = errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("extract: errors by code: \(list)")
        }
        return lines
    }
}

/// Runs the batch: reads, processes on `jobs` cores, writes in order.
struct Runner {
    let settings: RunSettings

    init(_ settings: RunSettings) { self.settings = settings }

    /// Renders one document in the format asked for (runs on a worker).
    static func render(_ input: BatchInput, format: Extract.Format, options: PipelineOptions, header: Bool) -> Rendered {
        var result = ClaimsPipeline.process(input, options: options)
        var bytes: [UInt8] = []
        switch format {
        case .json, .jsonl:
            do {
                try JSONWriter.encode(result, pretty: format == .json, appendingTo: &bytes)
            } catch {
                result = DocumentResult(failed: result.source, error: DocumentError(
                    code: "internal", message: "the result could not be serialised: \(error)"))
                try? JSONWriter.encode(result, pretty: format == .json, appendingTo: &bytes)
            }
            bytes.append(0x0A)
        case .text, .table:
            guard result.error == nil else { break }
            if header { bytes.append(contentsOf: "==> \(input.id) <==\n".utf8) }
            let body = format == .text ? (result.text ?? "") : TableFormatter.render(result, input: input.bytes)
            bytes.append(contentsOf: body.utf8)
            if bytes.last != 0x0A { bytes.append(0x0A) }
            if header { bytes.append(0x0A) }
        }
        return Rendered(id: input.id, bytes: bytes, claims: result.claims.count, error: result.error,
                        size: input.error == nil ? input.bytes.count : (input.size ?? 0))
    }

    /// Returns the exit status.
    func run() async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        Interrupt.install()
        let terminal = Terminal(wantBar: settings.progress)
        let sink: OutputSink
        do {
            sink = try settings.output.map { path throws(OutputSink.Failure) in try OutputSink(path: path) } ?? OutputSink()
        } catch {
            terminal.message("extract: \(Runner.describe(error))")
            return 1
        }

        let read = ReadProgress()
        let source = DocumentSource(paths: settings.paths, options: settings.source, progress: read)
        let totalDocuments = source.knownDocumentCount
        let header = totalDocuments != 1
        let format = settings.format
        let options = settings.pipeline
        let batch = BatchProcessor(jobs: settings.jobs) { input in
            Runner.render(input, format: format, options: options, header: header)
        }

        var stats = Stats()
        var status: Int32 = 0
        var outputClosed = false
        var complete = true
        do {
            for try await doc in batch.results(for: source) {
                stats.add(doc)
                if let error = doc.error {
                    status = 1
                    if !settings.quiet { terminal.message("extract: \(doc.id): \(error.message) (\(error.code))") }
                }
                if !doc.bytes.isEmpty {
                    terminal.beforeOutput()
                    try sink.write(doc.bytes)
                }
                terminal.update(stats, read: read, totalDocuments: totalDocuments)
                if settings.failFast && doc.error != nil {
                    complete = false
                    break
                }
            }
        } catch let failure as OutputSink.Failure {
            if case .closed = failure {
                outputClosed = true
            } else {
                terminal.message("extract: \(Runner.describe(failure))")
                status = 1
                complete = false
            }
        } catch {
            terminal.message("extract: \(error)")
            status = 1
            complete = false
        }
        terminal.clear()
        if outputClosed {
            sink.discard()
            return 0
        }
        if complete {
            do {
                try sink.commit()
            } catch {
                terminal.message("extract: \(Runner.describe(error))")
                status = 1
            }
        } else {
            sink.discard()
            if settings.output != nil && !settings.quiet {
                terminal.message("extract: stopped early; \(settings.output ?? "") was not written")
            }
        }
        if !settings.quiet && (totalDocuments != 1 || stats.documents != 1) {
            for line in stats.summary() { terminal.message(line) }
        }
        return status
    }

    static func describe(_ failure: OutputSink.Failure) -> String {
        switch failure {
        case .closed: "the output was closed"
        case let .failed(message): message
        }
    }
}
