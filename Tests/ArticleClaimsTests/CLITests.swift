import Foundation
import Testing
@testable import ArticleClaims

/// End-to-end tests of the built `extract` binary.
@Suite(.serialized) struct CLITests {
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var lines: [String] { text.split(separator: "\n").map(String.init) }
    }

    /// The `extract` executable built next to this test bundle (or under `.build/debug`).
    static func binary() throws -> URL {
        var candidates: [URL] = []
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(me.deletingLastPathComponent().appendingPathComponent("extract"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("extract"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("extract"))
        candidates.append(packageRoot().appendingPathComponent(".build/debug/extract"))
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        throw CLIError(message: "the extract binary was not found; looked at \(candidates.map(\.path))")
    }

    struct CLIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func run(_ arguments: [String], stdin: [UInt8] = [], in folder: String? = nil) throws -> Run {
        let tmp = try TempFolder()
        let inPath = try tmp.write("stdin", stdin)
        let outPath = tmp.path + "/stdout", errPath = tmp.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = Process()
        p.executableURL = try binary()
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: folder ?? packageRoot().path)
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "1"
        p.environment = env
        p.standardInput = FileHandle(forReadingAtPath: inPath)
        p.standardOutput = FileHandle(forWritingAtPath: outPath)
        p.standardError = FileHandle(forWritingAtPath: errPath)
        try p.run()
        p.waitUntilExit()
        let out = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let err = try String(contentsOfFile: errPath, encoding: .utf8)
        return Run(status: p.terminationStatus, stdout: Array(out), stderr: err)
    }

    static let seed = "Fixtures/seeds/000_f97fd09344562a9d.txt"

    @Test func seedAsPrettyJSON() throws {
        let r = try Self.run([Self.seed])
        #expect(r.status == 0)
        #expect(r.text.hasPrefix("{\n  \"schema\": \"claims/1\",\n  \"source\": {\n    \"id\": \"\(Self.seed)\""))
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any]
        #expect(object?["schema"] as? String == "claims/1")
        #expect(object?["claims"] is [Any])
        #expect(r.stderr.isEmpty, "one document: no summary")
        let decoded = try JSONDecoder().decode(DocumentResult.self, from: Data(r.stdout))
        #expect(decoded.source.bytes == 6018)
    }

    @Test func textFormatPrintsTheArticleText() throws {
        let r = try Self.run(["--format", "text", Self.seed])
        #expect(r.status == 0)
        #expect(!r.text.hasPrefix("{"))
        #expect(r.text.contains("Ashes of Love"))
        #expect(r.text.hasSuffix("\n"))
    }

    @Test func exitStatuses() throws {
        let ok = try Self.run(["-f", "jsonl", Self.seed])
        #expect(ok.status == 0)
        let partly = try Self.run(["-f", "jsonl", "Fixtures/seeds/no-such-file.html", Self.seed])
        #expect(partly.status == 1)
        #expect(partly.lines.count == 2, "the failed document keeps its line")
        let error = try JSONSerialization.jsonObject(with: Data(partly.lines[0].utf8)) as? [String: Any]
        #expect((error?["error"] as? [String: Any])?["code"] as? String == "not-found")
        #expect(partly.stderr.contains("no-such-file.html"))
        #expect(partly.stderr.contains("errors by code: not-found 1"))
        for bad in [[String](), ["--jobs", "0", Self.seed], ["--bogus", Self.seed], ["--reference-date", "2019-13-01", Self.seed],
                    ["--format", "xml", Self.seed], ["--max-bytes", "lots", Self.seed], ["-", "-"],
                    ["-o", "Fixtures", Self.seed], ["-o", "no/such/folder/out.jsonl", Self.seed]] {
            let r = try Self.run(bad)
            #expect(r.status == 64, "\(bad)")
            #expect(r.stdout.isEmpty)
        }
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.text.contains("Exit status: 0"))
        #expect(help.text.contains("64 for a usage error"))
    }

    @Test func valuesSubcommandIsStillReachable() throws {
        for arguments in [["values", "--help"], ["help", "values"]] {
            let r = try Self.run(arguments)
            #expect(r.status == 0)
            #expect(r.text.contains("--jsonl"))
        }
        let help = try Self.run(["help"])
        #expect(help.text.contains("--max-bytes"))
    }

    @Test func jsonlKeepsInputOrderWithFourJobs() throws {
        let tmp = try TempFolder()
        var expected: [String] = []
        for i in 0..<40 {
            let size = [600_000, 10, 100_000, 1, 20_000][i % 5]
            let name = String(format: "page-%02d.html", i)
            try tmp.write(name, "<html><body><p>\(i)</p>" + String(repeating: "<p>more words</p>", count: size / 17) + "</body></html>")
            expected.append(tmp.path + "/" + name)
        }
        let r = try Self.run(["-f", "jsonl", "--jobs", "4", tmp.path])
        #expect(r.status == 0)
        let ids = try r.lines.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return ((object?["source"] as? [String: Any])?["id"] as? String) ?? "?"
        }
        #expect(ids == expected)
        #expect(r.stderr.contains("40 documents, 0 failed"))
    }

    @Test func standardInput() throws {
        let one = try Self.run(["-f", "jsonl", "-"], stdin: Array("<html><body><p>From stdin.</p></body></html>".utf8))
        #expect(one.status == 0)
        #expect(one.text.hasPrefix(#"{"schema":"claims/1","source":{"id":"-","#))
        let records = "{\"id\":\"r1\",\"html\":\"<p>one</p>\"}\nbroken\n{\"url\":\"https://x.example/2\",\"text\":\"two\"}\n"
        let many = try Self.run(["-f", "jsonl", "--input", "jsonl", "-"], stdin: Array(records.utf8))
        #expect(many.status == 1)
        #expect(many.lines.count == 3)
        #expect(many.lines[0].contains(#""id":"r1""#))
        #expect(many.lines[1].contains(#""code":"bad-record""#))
        #expect(many.lines[2].contains(#""id":"https://x.example/2""#))
        let warc = WARCFixture.response(uri: "https://w.example/", body: "<p>w</p>", chunked: true)
        let fromWARC = try Self.run(["-f", "jsonl", "--input", "warc", "-"], stdin: Gzip.compress(warc))
        #expect(fromWARC.status == 0)
        #expect(fromWARC.lines.count == 1)
        #expect(fromWARC.text.contains(#""id":"https://w.example/""#))
    }

    @Test func warcAndJSONLFilesByName() throws {
        let tmp = try TempFolder()
        let warc = WARCFixture.warcinfo + WARCFixture.request(uri: "https://a.example/")
            + WARCFixture.response(uri: "https://a.example/", body: "<p>a</p>")
        try tmp.write("crawl.warc.gz", warc.chunked(into: 100).flatMap { Gzip.compress(Array($0)) })
        try tmp.write("dump.jsonl", "{\"id\":\"j\",\"html\":\"<p>j</p>\"}\n")
        let r = try Self.run(["-f", "jsonl", tmp.path])
        #expect(r.status == 0)
        #expect(r.lines.count == 2)
        #expect(r.lines[0].contains(#""id":"https://a.example/""#))
        #expect(r.lines[1].contains(#""id":"j""#))
    }

    @Test func outputFileIsAtomic() throws {
        let tmp = try TempFolder()
        let out = tmp.path + "/claims.jsonl"
        let ok = try Self.run(["-f", "jsonl", "-o", out, Self.seed])
        #expect(ok.status == 0)
        #expect(ok.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix(#"{"schema":"claims/1""#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["claims.jsonl"])

        // A run stopped by --fail-fast leaves the old file alone and no temporary file.
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        let failed = try Self.run(["-f", "jsonl", "--fail-fast", "-o", out, Self.seed, "missing.html", Self.seed])
        #expect(failed.status == 1)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["claims.jsonl"])

        // Without --fail-fast the run completes, with the error line in the file.
        let partial = try Self.run(["-f", "jsonl", "-o", out, Self.seed, "missing.html"])
        #expect(partial.status == 1)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func interruptedRunLeavesNoFile() throws {
        let tmp = try TempFolder()
        let out = tmp.path + "/claims.jsonl"
        let p = Process()
        p.executableURL = try Self.binary()
        p.arguments = ["-f", "jsonl", "--input", "jsonl", "-o", out, "-"]
        let input = Pipe()
        p.standardInput = input
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        input.fileHandleForWriting.write(Data("{\"id\":\"a\",\"text\":\"a\"}\n".utf8))
        // Wait until the temporary file exists, then interrupt.
        var waited = 0
        while (try FileManager.default.contentsOfDirectory(atPath: tmp.path)).isEmpty && waited < 500 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).first?.hasPrefix(".claims.jsonl.tmp-") == true)
        p.interrupt()
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
    }

    @Test func outputIsStreamedWhileInputIsStillOpen() throws {
        let p = Process()
        p.executableURL = try Self.binary()
        p.arguments = ["-f", "jsonl", "--input", "jsonl", "-"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        input.fileHandleForWriting.write(Data("{\"id\":\"first\",\"text\":\"One.\"}\n".utf8))
        // The first result must arrive while standard input is still open.
        let got = DispatchSemaphore(value: 0)
        let reader = output.fileHandleForReading
        let box = Locked<[UInt8]>([])
        DispatchQueue.global().async {
            while !box.withLock({ $0.contains(0x0A) }) {
                let d = reader.availableData
                if d.isEmpty { break }
                box.withLock { $0 += d }
            }
            got.signal()
        }
        let arrived = got.wait(timeout: .now() + 20) == .success
        #expect(arrived, "no output before the input ended")
        #expect(String(decoding: box.withLock { $0 }, as: UTF8.self).contains(#""id":"first""#))
        input.fileHandleForWriting.write(Data("{\"id\":\"second\",\"text\":\"Two.\"}\n".utf8))
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func closedOutputStopsQuietly() throws {
        let tmp = try TempFolder()
        // Far more output than a pipe holds, so that the run cannot end before the close.
        let records = (0..<20_000).map { "{\"id\":\"r\($0)\",\"text\":\"Line \($0) of a page.\"}\n" }.joined()
        let dump = try tmp.write("dump.jsonl", records)
        let p = Process()
        p.executableURL = try Self.binary()
        p.arguments = ["-f", "jsonl", dump]
        let out = Pipe()
        let errPath = tmp.path + "/../stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: errPath)
        try p.run()
        // Read the first line, then close the pipe as `head -1` does.
        var first: [UInt8] = []
        while !first.contains(0x0A) {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            first += d
        }
        try out.fileHandleForReading.close()
        p.waitUntilExit()
        #expect(first.starts(with: Array(#"{"schema":"claims/1""#.utf8)))
        #expect(p.terminationStatus == 0)
        #expect(try String(contentsOfFile: errPath, encoding: .utf8).isEmpty)
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
