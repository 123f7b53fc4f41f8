import Foundation
@testable import ArticleClaims

/// A temporary folder removed at deinit.
final class TempFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("claims-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func mkdir(_ name: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(name), withIntermediateDirectories: true)
    }

    func symlink(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(name).path, withDestinationPath: target)
    }
}

/// Reads every input of a source.
func collect(_ source: DocumentSource) async -> [BatchInput] {
    var out: [BatchInput] = []
    for await input in source { out.append(input) }
    return out
}

/// Builds WARC records for tests.
enum WARCFixture {
    static func record(type: String, uri: String?, contentType: String?, block: [UInt8], extra: [String] = []) -> [UInt8] {
        var header = ["WARC/1.0", "WARC-Type: \(type)", "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>",
                      "WARC-Date: 2024-01-01T00:00:00Z"]
        if let uri { header.append("WARC-Target-URI: \(uri)") }
        if let contentType { header.append("Content-Type: \(contentType)") }
        header += extra
        header.append("Content-Length: \(block.count)")
        return Array((header.joined(separator: "\r\n") + "\r\n\r\n").utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func response(uri: String, body: String, contentType: String = "text/html; charset=utf-8",
                         status: String = "200 OK", chunked: Bool = false, gzipBody: Bool = false) -> [UInt8] {
        var payload = Array(body.utf8)
        var headers = ["HTTP/1.1 \(status)", "Content-Type: \(contentType)"]
        if gzipBody {
            payload = Gzip.compress(payload)
            headers.append("Content-Encoding: gzip")
        }
        if chunked {
            var out: [UInt8] = []
            var i = 0
            while i < payload.count {
                let piece = payload[i..<min(payload.count, i + 7)]
                out += Array(String(piece.count, radix: 16).utf8) + Array(";ext=1\r\n".utf8) + piece + Array("\r\n".utf8)
                i += 7
            }
            out += Array("0\r\nTrailer: x\r\n\r\n".utf8)
            payload = out
            headers.append("Transfer-Encoding: chunked")
        } else {
            headers.append("Content-Length: \(payload.count)")
        }
        let block = Array((headers.joined(separator: "\r\n") + "\r\n\r\n").utf8) + payload
        return record(type: "response", uri: uri, contentType: "application/http; msgtype=response", block: block)
    }

    static func request(uri: String) -> [UInt8] {
        record(type: "request", uri: uri, contentType: "application/http; msgtype=request",
               block: Array("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".utf8))
    }

    static let warcinfo = record(type: "warcinfo", uri: nil, contentType: "application/warc-fields",
                                 block: Array("software: test\r\n".utf8))
}

/// The package root, from this file's path.
func packageRoot(_ file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Bytes in memory as a byte source, handed out in chunks of `chunk` bytes.
final class MemorySource: ByteSource {
    let data: [UInt8]
    let chunk: Int
    var at = 0

    init(_ data: [UInt8], chunk: Int = 4096) {
        self.data = data
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DocumentError) -> Int {
        let n = min(buffer.count, data.count - at, chunk)
        for k in 0..<n { buffer[k] = data[at + k] }
        at += n
        return n
    }
}

/// Every document a WARC reader yields from `bytes` (gzip or not).
func readWARC(_ bytes: [UInt8], maxBytes: Int = 1 << 20) -> [BatchInput] {
    let source: any ByteSource = bytes.starts(with: [0x1F, 0x8B]) ? GzipSource(MemorySource(bytes)) : MemorySource(bytes)
    let reader = WARCReader(reader: BufferedReader(source), name: "mem", maxBytes: maxBytes)
    var out: [BatchInput] = []
    while let input = reader.next() { out.append(input) }
    return out
}
