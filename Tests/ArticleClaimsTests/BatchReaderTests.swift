import Foundation
import Testing
@testable import ArticleClaims

@Suite struct JSONLinesReaderTests {
    @Test func recordsBadLinesAndBlankLines() async throws {
        let tmp = try TempFolder()
        let path = try tmp.write("dump.jsonl", """
            {"id":"a","html":"<p>A \\u00e9\\ud83c\\udfac \\"q\\"</p>","published":"2019-03-04"}
            {"url":"https://example.org/b","text":"plain B","extra":{"nested":[1,{"x":"}"}],"n":-1.5e3}}

            not json at all
            {"id":7,"content":"C","html":null}
            {"id":"no-body"}
            {"id":"d","html":"D"} trailing
            {"id":"e","text":"text E","html":"<b>html E</b>"}
            """)
        let inputs = await collect(DocumentSource(paths: [path]))
        #expect(inputs.map(\.id) == ["a", "https://example.org/b", "\(path):4", "7", "no-body", "\(path):7", "e"])
        #expect(String(decoding: inputs[0].bytes, as: UTF8.self) == "<p>A é🎬 \"q\"</p>")
        #expect(inputs[0].published == "2019-03-04")
        #expect(String(decoding: inputs[1].bytes, as: UTF8.self) == "plain B")
        #expect(inputs[2].error?.code == "bad-record")
        #expect(inputs[2].error?.message.hasPrefix("line 4:") == true)
        #expect(String(decoding: inputs[3].bytes, as: UTF8.self) == "C")
        #expect(inputs[4].error?.code == "bad-record")
        #expect(inputs[5].error?.code == "bad-record")
        #expect(String(decoding: inputs[6].bytes, as: UTF8.self) == "<b>html E</b>", "html wins over text")
    }

    @Test func parserRoundTripsWhatJSONWriterWrites() throws {
        struct Record: Encodable { var id: String; var html: String; var published: String? }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "b", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "🎬", "<p>", "\u{2028}"]
        for _ in 0..<200 {
            let length = Int.random(in: 0..<300, using: &rng)
            let html = (0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "" }.joined()
            let line = try JSONWriter.encode(Record(id: "r", html: html, published: nil))
            let parsed = line.withUnsafeBufferPointer { JSONRecordParser.parse($0) }
            guard case let .success(record) = parsed else {
                Issue.record("did not parse: \(String(decoding: line, as: UTF8.self))")
                continue
            }
            #expect(record.body == Array(html.utf8))
            #expect(record.id == "r")
        }
        for bad in [#"{"id":"x","html":"unterminated}"#, #"{"html":"a\q"}"#, #"{"html":"\u12"}"#, #"{"a":[1,2}"#, "[]", "{\"html\":1}"] {
            let parsed = Array(bad.utf8).withUnsafeBufferPointer { JSONRecordParser.parse($0) }
            if case .success = parsed { Issue.record("parsed: \(bad)") }
        }
    }

    @Test func byteOrderMarkAndCRLF() async throws {
        let tmp = try TempFolder()
        let path = try tmp.write("bom.jsonl", [0xEF, 0xBB, 0xBF] + Array("{\"id\":\"a\",\"text\":\"A\"}\r\n{\"id\":\"b\",\"text\":\"B\"}\r\n".utf8))
        let inputs = await collect(DocumentSource(paths: [path]))
        #expect(inputs.map(\.id) == ["a", "b"])
        #expect(inputs.allSatisfy { $0.error == nil })
    }

    @Test func gzipAndTooLongLines() async throws {
        let tmp = try TempFolder()
        let big = String(repeating: "x", count: 5000)
        let text = "{\"id\":\"small\",\"html\":\"<p>hi</p>\"}\n{\"id\":\"big\",\"html\":\"\(big)\"}\n{\"id\":\"after\",\"text\":\"ok\"}\n"
        let path = try tmp.write("dump.ndjson.gz", Gzip.compress(Array(text.utf8)))
        let inputs = await collect(DocumentSource(paths: [path], options: .init(maxBytes: 1000)))
        #expect(inputs.count == 3)
        #expect(inputs[0].id == "small")
        #expect(inputs[1].error?.code == "too-large")
        #expect(inputs[2].id == "after")
        #expect(inputs[2].bytes == Array("ok".utf8))
    }

    @Test func forcedModeAndStreamErrors() async throws {
        let tmp = try TempFolder()
        let path = try tmp.write("records.txt", "{\"id\":\"x\",\"text\":\"y\"}\n")
        #expect(await collect(DocumentSource(paths: [path], options: .init(mode: .jsonl))).map(\.id) == ["x"])
        #expect(await collect(DocumentSource(paths: [path])).map(\.id) == [path], "auto mode: one document")
        // A truncated gzip stream: the good records, then one error line.
        let gz = Gzip.compress(Array(String(repeating: "{\"id\":\"r\",\"text\":\"t\"}\n", count: 2000).utf8))
        let cut = try tmp.write("cut.jsonl.gz", Array(gz[0..<(gz.count / 2)]))
        let inputs = await collect(DocumentSource(paths: [cut]))
        #expect(inputs.count > 1)
        #expect(inputs.dropLast().allSatisfy { $0.id == "r" && $0.error == nil })
        #expect(inputs.last?.error?.code == "bad-gzip")
    }
}

@Suite struct WARCReaderTests {
    func fixture(gzipMembers: Bool) -> [UInt8] {
        let records: [[UInt8]] = [
            WARCFixture.warcinfo,
            WARCFixture.request(uri: "https://a.example/1"),
            WARCFixture.response(uri: "https://a.example/1", body: "<html><p>One</p></html>"),
            WARCFixture.record(type: "metadata", uri: "https://a.example/1", contentType: "application/warc-fields",
                               block: Array("x: y\r\n".utf8)),
            WARCFixture.response(uri: "https://a.example/2", body: "<p>Two, chunked</p>", chunked: true),
            WARCFixture.response(uri: "https://a.example/img", body: "GIF89a", contentType: "image/gif"),
            WARCFixture.response(uri: "https://a.example/moved", body: "<p>moved</p>", status: "301 Moved Permanently"),
            WARCFixture.response(uri: "https://a.example/3", body: "<p>Three, gzip</p>", chunked: true, gzipBody: true),
            WARCFixture.record(type: "resource", uri: "file:///page.html", contentType: "text/html",
                               block: Array("<p>Four</p>".utf8)),
            WARCFixture.record(type: "resource", uri: "file:///style.css", contentType: "text/css",
                               block: Array("p{}".utf8)),
            WARCFixture.record(type: "resource", uri: "<https://bracketed.example/>", contentType: nil,
                               block: Array("  <p>Five</p>".utf8)),
            WARCFixture.record(type: "resource", uri: "https://a.example/data", contentType: nil,
                               block: Array("{\"not\": \"markup\"}".utf8)),
        ]
        if gzipMembers { return records.flatMap { Gzip.compress($0) } }
        return records.flatMap { $0 }
    }

    @Test(arguments: [false, true])
    func readsHTMLResponses(gzip: Bool) async throws {
        let tmp = try TempFolder()
        let path = try tmp.write(gzip ? "crawl.warc.gz" : "crawl.warc", fixture(gzipMembers: gzip))
        let inputs = await collect(DocumentSource(paths: [path]))
        #expect(inputs.map(\.id) == ["https://a.example/1", "https://a.example/2", "https://a.example/3", "file:///page.html",
                                      "https://bracketed.example/"])
        #expect(inputs.allSatisfy { $0.error == nil })
        #expect(inputs.map { String(decoding: $0.bytes, as: UTF8.self) } ==
                ["<html><p>One</p></html>", "<p>Two, chunked</p>", "<p>Three, gzip</p>", "<p>Four</p>", "  <p>Five</p>"])
    }

    @Test func singleGzipMemberForWholeFile() async throws {
        let tmp = try TempFolder()
        let path = try tmp.write("one-member.warc.gz", Gzip.compress(fixture(gzipMembers: false)))
        #expect(await collect(DocumentSource(paths: [path])).count == 5)
    }

    @Test func truncatedAndCorruptFilesEndWithOneErrorAndTheRunGoesOn() async throws {
        let tmp = try TempFolder()
        let whole = fixture(gzipMembers: false)
        let truncated = try tmp.write("a-truncated.warc", Array(whole[0..<(whole.count - 40)]))
        var gz = fixture(gzipMembers: true)
        for k in (gz.count / 2)..<(gz.count / 2 + 64) { gz[k] ^= 0x5A }
        let corrupt = try tmp.write("b-corrupt.warc.gz", gz)
        let notWARC = try tmp.write("c-not.warc", "hello\r\n\r\n")
        let good = try tmp.write("d-good.warc", WARCFixture.response(uri: "https://ok.example/", body: "<p>ok</p>"))
        let inputs = await collect(DocumentSource(paths: [truncated, corrupt, notWARC, good]))
        let errors = inputs.compactMap { $0.error.map { ($0.code) } }
        #expect(inputs.last?.id == "https://ok.example/")
        #expect(inputs.last?.error == nil)
        #expect(errors.contains("bad-warc"))
        #expect(errors.contains("bad-gzip"))
        #expect(inputs.filter { $0.id == notWARC }.first?.error?.code == "bad-warc")
        #expect(inputs.filter { $0.id == truncated }.first?.error?.message.contains("truncated") == true)
    }

    @Test func oversizeRecordIsSkippedWithAnError() async throws {
        let tmp = try TempFolder()
        let big = "<p>" + String(repeating: "y", count: 100_000) + "</p>"
        let bytes = WARCFixture.response(uri: "https://big.example/", body: big)
            + WARCFixture.response(uri: "https://small.example/", body: "<p>s</p>")
        let path = try tmp.write("x.warc", bytes)
        let inputs = await collect(DocumentSource(paths: [path], options: .init(maxBytes: 1000)))
        #expect(inputs.map(\.id) == ["https://big.example/", "https://small.example/"])
        #expect(inputs[0].error?.code == "too-large")
        #expect(inputs[1].error == nil)
    }

    @Test func unknownContentEncodingIsAnError() async throws {
        let tmp = try TempFolder()
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\u{1B}\u{2}binary".utf8)
        let path = try tmp.write("br.warc", WARCFixture.record(type: "response", uri: "https://br.example/",
                                                                contentType: "application/http; msgtype=response", block: block))
        let inputs = await collect(DocumentSource(paths: [path]))
        #expect(inputs.map { $0.error?.code } == ["unsupported-encoding"])
    }

    @Test func everyTruncationEndsCleanly() {
        let whole = WARCFixture.response(uri: "https://a.example/", body: "<p>One</p>", chunked: true)
            + WARCFixture.request(uri: "https://b.example/")
            + WARCFixture.response(uri: "https://b.example/", body: "<p>Two</p>", gzipBody: true)
        #expect(readWARC(whole).count == 2)
        for cut in 0..<whole.count {
            let inputs = readWARC(Array(whole[0..<cut]))
            // Whatever is cut, the reader ends; at most one error, and it is the last input.
            #expect(inputs.filter { $0.error != nil }.count <= 1)
            if let i = inputs.firstIndex(where: { $0.error != nil }) { #expect(i == inputs.count - 1) }
        }
        let gz = Gzip.compress(whole)
        for cut in stride(from: 0, to: gz.count, by: 3) {
            let inputs = readWARC(Array(gz[0..<cut]))
            #expect(inputs.filter { $0.error != nil }.count <= 1)
        }
    }

    @Test func garbageNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("WARC/1.0\r\n".utf8), Array("Content-Length: 5\r\n".utf8), Array("\r\n".utf8),
                                 Array("WARC-Type: response\r\n".utf8), Array("HTTP/1.1 200 OK\r\n".utf8),
                                 Array("Transfer-Encoding: chunked\r\n".utf8), Array("ffffffffffff\r\n".utf8),
                                 [0x1F, 0x8B, 0x08], [0, 0xFF, 0x0A]]
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<20, using: &rng) {
                bytes += pieces.randomElement(using: &rng) ?? []
            }
            _ = readWARC(bytes, maxBytes: 64)
            let lines = String(decoding: bytes, as: UTF8.self)
            _ = Array(lines.utf8).withUnsafeBufferPointer { JSONRecordParser.parse($0) }
        }
    }

    @Test func dechunkEdgeCases() {
        #expect(WARCReader.dechunk(Array("3\r\nabc\r\n0\r\n\r\n".utf8)) == Array("abc".utf8))
        #expect(WARCReader.dechunk(Array("<html>".utf8)) == nil, "not chunked")
        #expect(WARCReader.dechunk(Array("5\r\nab".utf8)) == Array("ab".utf8), "truncated: keep what there is")
        #expect(WARCReader.dechunk(Array("2\r\nab\r\nzz".utf8)) == Array("ab".utf8))
    }
}

@Suite struct DocumentSourceTests {
    @Test func walksDirectoriesInSortedOrderSkippingHidden() async throws {
        let tmp = try TempFolder()
        try tmp.write("b.html", "<p>b</p>")
        try tmp.write("a.txt", "a")
        try tmp.write("sub/z.html", "z")
        try tmp.write("sub/deeper/y.html", "y")
        try tmp.write(".hidden.html", "h")
        try tmp.write(".git/config.html", "g")
        try tmp.write("C.html", "c")
        let inputs = await collect(DocumentSource(paths: [tmp.path]))
        let rel = inputs.map { String($0.id.dropFirst(tmp.path.count + 1)) }
        #expect(rel == ["C.html", "a.txt", "b.html", "sub/deeper/y.html", "sub/z.html"])
        #expect(inputs.allSatisfy { $0.error == nil })

        let filtered = await collect(DocumentSource(paths: [tmp.path + "/"],
                                                    options: .init(include: ["*.html"], exclude: ["deeper", "C.*"])))
        #expect(filtered.map(\.id) == [tmp.path + "/b.html", tmp.path + "/sub/z.html"])
        let byPath = await collect(DocumentSource(paths: [tmp.path], options: .init(include: ["sub/*"])))
        #expect(byPath.count == 2, "relative paths match, and * crosses /")
    }

    @Test func missingPathsLoopsAndSpecialFilesBecomeErrorInputs() async throws {
        let tmp = try TempFolder()
        try tmp.write("dir/ok.txt", "ok")
        try tmp.symlink("dir/self", to: tmp.path + "/dir")
        try tmp.symlink("dir/loop", to: "loop")
        try tmp.symlink("dir/dangling", to: tmp.path + "/nowhere")
        #expect(mkfifo(tmp.path + "/dir/fifo", 0o644) == 0)
        let inputs = await collect(DocumentSource(paths: [tmp.path + "/missing.html", tmp.path + "/dir"]))
        let summary = inputs.map { ($0.id.split(separator: "/").last.map(String.init) ?? "", $0.error?.code ?? "ok") }
        #expect(summary.map(\.0) == ["missing.html", "dangling", "fifo", "loop", "ok.txt", "self"])
        #expect(summary.map(\.1) == ["not-found", "not-found", "unreadable", "unreadable", "ok", "unreadable"])
        #expect(inputs.last?.error?.message.contains("loop") == true)
        // A file name that is not UTF-8 cannot be named in a String: an error, not a crash.
        let bad = tmp.path + "/names"
        try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
        let fd = (bad + "/caf").withCString { base -> Int32 in
            var raw = Array(UnsafeBufferPointer(start: UnsafeRawPointer(base).assumingMemoryBound(to: UInt8.self), count: strlen(base)))
            raw += [0xE9, 0x2E, 0x74, 0x78, 0x74, 0]
            return raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        let named = await collect(DocumentSource(paths: [bad]))
        #expect(named.count == 1)
        #expect(named.first?.error?.code == "unreadable")
        // Named directly, a device or pipe is read as a stream.
        let device = await collect(DocumentSource(paths: ["/dev/null"]))
        #expect(device.count == 1)
        #expect(device.first?.error == nil)
        #expect(device.first?.bytes.isEmpty == true)
    }

    @Test func tooLargeFilesAreNotRead() async throws {
        let tmp = try TempFolder()
        let big = try tmp.write("big.html", [UInt8](repeating: 0x61, count: 5000))
        let small = try tmp.write("small.html", "<p>s</p>")
        let gz = try tmp.write("big.html.gz", Gzip.compress([UInt8](repeating: 0x61, count: 5000)))
        let inputs = await collect(DocumentSource(paths: [big, small, gz], options: .init(maxBytes: 1000)))
        #expect(inputs.map { $0.error?.code ?? "ok" } == ["too-large", "ok", "too-large"])
        #expect(inputs[0].size == 5000)
        // Gzip single documents are inflated.
        let okGz = try tmp.write("page.html.gz", Gzip.compress(Array("<p>zipped</p>".utf8)))
        #expect(await collect(DocumentSource(paths: [okGz])).first?.bytes == Array("<p>zipped</p>".utf8))
    }

    @Test func progressCountsBytesAndKnowsTotals() async throws {
        let tmp = try TempFolder()
        let a = try tmp.write("a.html", "12345")
        let line = "{\"id\":\"x\",\"text\":\"y\"}\n"
        let b = try tmp.write("b.jsonl", line)
        let progress = ReadProgress()
        let source = DocumentSource(paths: [a, b], progress: progress)
        #expect(source.knownDocumentCount == nil, "a JSON Lines file has an unknown count")
        #expect(DocumentSource(paths: [a]).isSingleDocument)
        #expect(!DocumentSource(paths: [tmp.path]).isSingleDocument)
        _ = await collect(source)
        #expect(progress.total == 5 + line.utf8.count)
        #expect(progress.read == 5 + line.utf8.count)
    }

    @Test func gzipSourceStreamsAcrossMembersWithSmallBuffers() throws {
        let parts = (0..<50).map { i in Array("member \(i) ".utf8) + [UInt8](repeating: UInt8(65 + i % 26), count: i * 37) }
        let data: [UInt8] = parts.flatMap { Gzip.compress($0) } + [0, 0, 0]  // trailing padding is ignored
        final class Memory: ByteSource {
            var data: [UInt8]
            var at = 0
            init(_ data: [UInt8]) { self.data = data }
            func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DocumentError) -> Int {
                let n = min(buffer.count, data.count - at, 3)
                for k in 0..<n { buffer[k] = data[at + k] }
                at += n
                return n
            }
        }
        let reader = BufferedReader(GzipSource(Memory(data), bufferSize: 5), capacity: 11)
        let (all, _) = try reader.readAll(limit: 1 << 20)
        #expect(all == parts.flatMap { $0 })
    }
}
