/// Reads WARC 1.0/1.1 records (ISO 28500) from a stream, one record at a time.
///
/// - `response` records: the HTTP response is parsed; only 2xx responses whose
///   `Content-Type` is HTML (`text/html`, `application/xhtml+xml`, or none and the body
///   looks like markup) become documents. `Transfer-Encoding: chunked` and
///   `Content-Encoding: gzip`/`deflate` payloads are decoded.
/// - `resource` records with an HTML content type become documents as they are.
/// - Every other record (`request`, `metadata`, `warcinfo`, `revisit`, …) is skipped
///   without being held in memory.
///
/// The document id is the record's `WARC-Target-URI` (else its `WARC-Record-ID`). A
/// record whose block is larger than the limit yields `too-large` and is skipped. A
/// stream that is not WARC, or ends inside a record, yields one `bad-warc` error and ends.
final class WARCReader {
    let reader: BufferedReader
    let name: String
    let maxBytes: Int
    var records = 0
    var done = false

    init(reader: BufferedReader, name: String, maxBytes: Int) {
        self.reader = reader
        self.name = name
        self.maxBytes = maxBytes
    }

    /// The next document; nil at the end of the stream.
    func next() -> BatchInput? {
        while !done {
            do {
                if let input = try nextRecord() { return input }
            } catch {
                done = true
                let where_ = records == 0 ? "" : " after record \(records)"
                return BatchInput(id: name, error: DocumentError(code: error.code, message: "\(name)\(where_): \(error.message)"))
            }
        }
        return nil
    }

    struct Header {
        var fields: [(name: String, value: String)] = []
        func value(_ lowercasedName: String) -> String? {
            fields.first { $0.name == lowercasedName }?.value
        }
    }

    static let headerLimit = 1 << 20

    /// Reads the next record's header; nil at a clean end of the stream.
    func readHeader() throws(DocumentError) -> Header? {
        var line: [UInt8]
        // Records are separated by CRLF CRLF; tolerate any number of blank lines.
        repeat {
            switch try reader.readLine(limit: 4096) {
            case .end: return nil
            case .tooLong: throw DocumentError(code: "bad-warc", message: "not a WARC record (a very long line)")
            case let .line(l): line = l
            }
            if line.last == 0x0D { line.removeLast() }
        } while line.isEmpty
        guard line.starts(with: Array("WARC/".utf8)) else {
            throw DocumentError(code: "bad-warc", message: "expected a WARC/1.x record header, found \(preview(line))")
        }
        var header = Header()
        var size = line.count
        while true {
            guard case var .line(l) = try reader.readLine(limit: WARCReader.headerLimit) else {
                throw DocumentError(code: "bad-warc", message: "truncated record header")
            }
            if l.last == 0x0D { l.removeLast() }
            if l.isEmpty { break }
            size += l.count
            if size > WARCReader.headerLimit {
                throw DocumentError(code: "bad-warc", message: "record header larger than 1 MiB")
            }
            if l.first == 0x20 || l.first == 0x09, !header.fields.isEmpty {
                header.fields[header.fields.count - 1].value += " " + trimmed(l[...])
                continue
            }
            guard let colon = l.firstIndex(of: UInt8(ascii: ":")) else {
                throw DocumentError(code: "bad-warc", message: "bad header line \(preview(l))")
            }
            header.fields.append((lowercased(l[..<colon]), trimmed(l[(colon + 1)...])))
        }
        return header
    }

    func nextRecord() throws(DocumentError) -> BatchInput? {
        guard let header = try readHeader() else {
            done = true
            return nil
        }
        records += 1
        guard let lengthText = header.value("content-length"), let length = Int(lengthText), length >= 0 else {
            throw DocumentError(code: "bad-warc", message: "record \(records) has no valid Content-Length")
        }
        let type = header.value("warc-type")?.lowercased() ?? ""
        // Some writers put the URI in angle brackets, as a draft of the standard showed it.
        let uri = header.value("warc-target-uri").map { $0.hasPrefix("<") && $0.hasSuffix(">") ? String($0.dropFirst().dropLast()) : $0 }
        let id = uri.flatMap { $0.isEmpty ? nil : $0 } ?? header.value("warc-record-id") ?? "\(name)#\(records)"
        guard type == "response" || type == "resource" else {
            guard try reader.skip(count: length) else { throw truncated() }
            return nil
        }
        if type == "resource", let contentType = header.value("content-type"), !WARCReader.isHTML(contentType) {
            guard try reader.skip(count: length) else { throw truncated() }
            return nil
        }
        // HTTP headers are small; a block above the limit plus room for them is too large.
        if length > maxBytes &+ 65_536 {
            guard try reader.skip(count: length) else { throw truncated() }
            return BatchInput(id: id, error: DocumentError(
                code: "too-large", message: "the record is \(length) bytes; the limit is \(maxBytes)"), size: length)
        }
        guard let block = try reader.read(count: length) else { throw truncated() }
        if type == "resource" {
            return checked(id: id, body: block, sniff: header.value("content-type") == nil)
        }
        return response(id: id, block: block)
    }

    func truncated() -> DocumentError {
        DocumentError(code: "bad-warc", message: "truncated record \(records)")
    }

    func checked(id: String, body: [UInt8], sniff: Bool) -> BatchInput? {
        if sniff && !WARCReader.looksLikeMarkup(body) { return nil }
        if body.count > maxBytes {
            return BatchInput(id: id, error: DocumentError(
                code: "too-large", message: "the document is \(body.count) bytes; the limit is \(maxBytes)"), size: body.count)
        }
        return BatchInput(id: id, bytes: body)
    }

    /// Turns an HTTP response block into a document, or nil when it is not an HTML page.
    func response(id: String, block: [UInt8]) -> BatchInput? {
        guard block.starts(with: Array("HTTP/".utf8)) else { return nil }
        // The end of the HTTP header: CRLF CRLF (or LF LF from sloppy writers).
        var end = -1
        var bodyStart = -1
        var i = 0
        let limit = min(block.count, 1 << 20)
        while i < limit {
            if block[i] == 0x0A {
                if i + 1 < block.count, block[i + 1] == 0x0A { end = i; bodyStart = i + 2; break }
                if i + 2 < block.count, block[i + 1] == 0x0D, block[i + 2] == 0x0A { end = i; bodyStart = i + 3; break }
            }
            i += 1
        }
        guard end >= 0 else {
            return BatchInput(id: id, error: DocumentError(code: "bad-warc", message: "the HTTP response has no end of headers"))
        }
        let lines = block[..<end].split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let statusLine = lines.first else { return nil }
        let statusParts = trimmed(statusLine).split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]),
              (200..<300).contains(status) else { return nil }
        var contentType: String?
        var chunked = false
        var encoding = ""
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = lowercased(line[line.startIndex..<colon])
            let value = trimmed(line[(colon + 1)...])
            switch name {
            case "content-type": contentType = value
            case "transfer-encoding": chunked = value.lowercased().contains("chunked")
            case "content-encoding": encoding = value.lowercased()
            default: break
            }
        }
        if let contentType, !WARCReader.isHTML(contentType) { return nil }
        var body = Array(block[bodyStart...])
        if chunked, let decoded = WARCReader.dechunk(body) { body = decoded }
        let codings = encoding.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty && $0 != "identity" }
        if let unknown = codings.first(where: { !["gzip", "x-gzip", "deflate"].contains($0) }) {
            return BatchInput(id: id, error: DocumentError(
                code: "unsupported-encoding", message: "the payload is \(unknown)-compressed; only gzip and deflate are decoded"))
        }
        if !codings.isEmpty {
            guard let inflated = Gzip.decompress(body, limit: maxBytes)
                    ?? (encoding.contains("deflate") ? Gzip.decompress(body, limit: maxBytes, raw: true) : nil) else {
                return BatchInput(id: id, error: DocumentError(
                    code: "bad-warc", message: "cannot decode the \(encoding) payload (corrupt, or larger than \(maxBytes) bytes)"))
            }
            body = inflated
        }
        return checked(id: id, body: body, sniff: contentType == nil)
    }

    /// Whether a Content-Type names an HTML document.
    static func isHTML(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces().lowercased() } ?? ""
        return media == "text/html" || media == "application/xhtml+xml"
    }

    /// Whether a payload without a content type starts like markup.
    static func looksLikeMarkup(_ b: [UInt8]) -> Bool {
        for c in b.prefix(512) {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0xEF || c == 0xBB || c == 0xBF { continue }
            return c == UInt8(ascii: "<")
        }
        return false
    }

    /// Decodes `Transfer-Encoding: chunked`; nil when the body is not chunked at all.
    static func dechunk(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        var chunks = 0
        while i < b.count {
            var size = 0
            var digits = 0
            while i < b.count, let d = hexValue(b[i]) {
                guard size < (1 << 40) else { return chunks > 0 ? out : nil }
                size = size * 16 + d
                digits += 1
                i += 1
            }
            guard digits > 0 else { return chunks > 0 ? out : nil }
            // Skip chunk extensions up to the end of the line.
            while i < b.count, b[i] != 0x0A { i += 1 }
            i += 1
            if size == 0 { return out }
            guard i < b.count else { return chunks > 0 ? out : nil }
            let take = min(size, b.count - i)
            out.append(contentsOf: b[i..<(i + take)])
            i += take
            chunks += 1
            if take < size { return out }  // truncated: keep what there is
            if i < b.count, b[i] == 0x0D { i += 1 }
            if i < b.count, b[i] == 0x0A { i += 1 }
        }
        return chunks > 0 ? out : nil
    }

    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: Int(c - 0x30)
        case 0x41...0x46: Int(c - 0x41 + 10)
        case 0x61...0x66: Int(c - 0x61 + 10)
        default: nil
        }
    }
}

private func lowercased(_ s: some Collection<UInt8>) -> String {
    String(decoding: s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
}

private func trimmed(_ s: ArraySlice<UInt8>) -> String {
    var lo = s.startIndex, hi = s.endIndex
    while lo < hi, s[lo] == 0x20 || s[lo] == 0x09 || s[lo] == 0x0D { lo += 1 }
    while hi > lo, s[hi - 1] == 0x20 || s[hi - 1] == 0x09 || s[hi - 1] == 0x0D { hi -= 1 }
    return String(decoding: s[lo..<hi], as: UTF8.self)
}

private func preview(_ line: [UInt8]) -> String {
    let text = String(decoding: line.prefix(40).map { $0 < 0x20 || $0 >= 0x7F ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    return "\"\(text)\(line.count > 40 ? "…" : "")\""
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
