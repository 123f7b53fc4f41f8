import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of bytes read in chunks (a file descriptor, or a gzip stream over one).
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DocumentError) -> Int
}

/// Reads a file descriptor, counting the bytes for progress reports.
final class FileSource: ByteSource {
    let fd: Int32
    let owned: Bool
    let progress: ReadProgress?

    init(fd: Int32, owned: Bool, progress: ReadProgress?) {
        self.fd = fd
        self.owned = owned
        self.progress = progress
    }

    deinit {
        if owned { _ = close(fd) }
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DocumentError) -> Int {
        while true {
            let n = sysRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 {
                progress?.addRead(n)
                return n
            }
            let e = errno
            if e == EINTR { continue }
            throw DocumentError(code: e == EISDIR ? "is-directory" : "unreadable", message: "read failed: \(errnoText(e))")
        }
    }
}

@inline(__always) func sysRead(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>?, _ n: Int) -> Int {
    read(fd, p, n)
}

func errnoText(_ e: Int32) -> String {
    String(cString: strerror(e))
}

/// Inflates a gzip stream of one or more members (`.gz`, `.warc.gz`), incrementally.
///
/// Bytes after the last member that do not start another member are ignored, as
/// `gzip -d` does. A stream that ends inside a member, or bytes that are not gzip
/// data, throw `bad-gzip`.
final class GzipSource: ByteSource {
    let inner: any ByteSource
    let stream: UnsafeMutablePointer<z_stream>
    let input: UnsafeMutableBufferPointer<UInt8>
    var innerEOF = false
    /// Between members: at the start or right after a member's end.
    var atBoundary = true
    var finished = false
    var initialised = false

    init(_ inner: any ByteSource, bufferSize: Int = 256 << 10) {
        self.inner = inner
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: bufferSize)
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deallocate()
        input.deallocate()
    }

    private func fill() throws(DocumentError) {
        if stream.pointee.avail_in == 0 && !innerEOF {
            let n = try inner.read(into: input)
            if n == 0 { innerEOF = true }
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(n)
        }
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DocumentError) -> Int {
        if finished || buffer.isEmpty { return 0 }
        while true {
            try fill()
            if atBoundary {
                // Decide whether another member follows: it must start with the gzip magic.
                if stream.pointee.avail_in == 0 && innerEOF { finished = true; return 0 }
                if stream.pointee.avail_in < 2 && !innerEOF {
                    // Keep the odd byte and read more to see the magic.
                    let have = Int(stream.pointee.avail_in)
                    if have == 1, let p = stream.pointee.next_in { input[0] = p.pointee }
                    let n = try inner.read(into: UnsafeMutableBufferPointer(rebasing: input[have...]))
                    if n == 0 { innerEOF = true }
                    stream.pointee.next_in = input.baseAddress
                    stream.pointee.avail_in = UInt32(have + n)
                    continue
                }
                guard stream.pointee.avail_in >= 2, let p = stream.pointee.next_in, p[0] == 0x1F, p[1] == 0x8B else {
                    if initialised { finished = true; return 0 }  // trailing garbage after a member
                    throw DocumentError(code: "bad-gzip", message: "not gzip data")
                }
                if initialised {
                    inflateReset(stream)
                } else {
                    guard czlib_inflate_init(stream, 15 + 16) == Z_OK else {
                        throw DocumentError(code: "bad-gzip", message: "zlib could not start")
                    }
                    initialised = true
                }
                atBoundary = false
            }
            if stream.pointee.avail_in == 0 && innerEOF {
                throw DocumentError(code: "bad-gzip", message: "truncated gzip stream")
            }
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                atBoundary = true
                if produced > 0 { return produced }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw DocumentError(code: "bad-gzip", message: "corrupt gzip data: \(message)")
            }
        }
    }
}

/// Buffered reading over a ``ByteSource``: lines, exact counts, skips.
final class BufferedReader {
    let source: any ByteSource
    var buffer: UnsafeMutableBufferPointer<UInt8>
    var start = 0
    var end = 0
    var eof = false
    /// Bytes consumed by the caller so far (the offset in the decoded stream).
    var offset = 0

    init(_ source: any ByteSource, capacity: Int = 256 << 10) {
        self.source = source
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    var buffered: Int { end - start }

    /// Whether a whole line is in the buffer (so `readLine` will not wait for input).
    var hasBufferedLine: Bool {
        guard end > start, let base = buffer.baseAddress else { return false }
        return memchr(base + start, 0x0A, end - start) != nil
    }

    /// Reads more bytes into the buffer (moving what is left to the front); false at the end.
    @discardableResult
    func refill() throws(DocumentError) -> Bool {
        if eof { return false }
        if start > 0 {
            if end > start {
                let base = buffer.baseAddress.unsafelyUnwrapped
                (base).update(from: base + start, count: end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count { return true }
        let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[end...]))
        if n == 0 { eof = true; return false }
        end += n
        return true
    }

    /// The first byte, without consuming it; nil at the end.
    func peek() throws(DocumentError) -> UInt8? {
        if start == end { try refill() }
        return start < end ? buffer[start] : nil
    }

    /// The result of reading a line.
    enum Line {
        case line([UInt8])
        /// The line was longer than the limit; it was skipped. Its length is attached.
        case tooLong(Int)
        case end
    }

    /// Reads one line (without its `\n`; a `\r` before it is kept).
    /// A line longer than `limit` bytes is skipped without being held in memory.
    func readLine(limit: Int) throws(DocumentError) -> Line {
        var out: [UInt8] = []
        var length = 0
        var tooLong = false
        while true {
            if start == end {
                if try !refill() {
                    if length == 0 && !tooLong { return .end }
                    return tooLong ? .tooLong(length) : .line(out)
                }
            }
            let chunk = UnsafeMutableBufferPointer(rebasing: buffer[start..<end])
            guard let base = chunk.baseAddress else { continue }
            let found = memchr(base, 0x0A, chunk.count)
            let take = found.map { $0.assumingMemoryBound(to: UInt8.self) - base } ?? chunk.count
            length += take
            if !tooLong {
                if length > limit {
                    tooLong = true
                    out = []
                } else {
                    out.append(contentsOf: UnsafeMutableBufferPointer(rebasing: chunk[0..<take]))
                }
            }
            if found != nil {
                start += take + 1
                offset += take + 1
                return tooLong ? .tooLong(length) : .line(out)
            }
            start = end
            offset += take
        }
    }

    /// Reads exactly `count` bytes; nil (having consumed what there was) when the stream ends first.
    func read(count: Int) throws(DocumentError) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            if start == end, try !refill() { return nil }
            let take = min(count - out.count, end - start)
            out.append(contentsOf: UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
            offset += take
        }
        return out
    }

    /// Skips `count` bytes; false when the stream ends first.
    func skip(count: Int) throws(DocumentError) -> Bool {
        var left = count
        while left > 0 {
            if start == end, try !refill() { return false }
            let take = min(left, end - start)
            start += take
            offset += take
            left -= take
        }
        return true
    }

    /// Reads everything up to `limit` bytes. When more follows, stops and returns nil with
    /// the number of bytes seen so far (more than `limit`).
    func readAll(limit: Int, sizeHint: Int = 0) throws(DocumentError) -> (bytes: [UInt8]?, size: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(min(max(0, sizeHint), limit))
        while true {
            if start == end, try !refill() { return (out, out.count) }
            let take = end - start
            if out.count + take > limit {
                return (nil, out.count + take)
            }
            out.append(contentsOf: UnsafeMutableBufferPointer(rebasing: buffer[start..<end]))
            start = end
            offset += take
        }
    }
}

/// In-memory gzip helpers (HTTP payloads and test fixtures).
enum Gzip {
    /// Compresses `bytes` into one gzip member.
    static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_deflate_init(stream, level, 15 + 16) == Z_OK else { return [] }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, UInt(bytes.count))) + 64
        var out = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let written: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.pointee.next_in = inp.baseAddress
                stream.pointee.avail_in = UInt32(inp.count)
                stream.pointee.next_out = outp.baseAddress
                stream.pointee.avail_out = UInt32(outp.count)
                _ = deflate(stream, Z_FINISH)
                return outp.count - Int(stream.pointee.avail_out)
            }
        }
        out.removeSubrange(written...)
        return out
    }

    /// Inflates gzip or zlib data (or raw deflate when `raw`), keeping at most `limit` bytes.
    /// Returns nil for corrupt data or output above the limit.
    static func decompress(_ bytes: [UInt8], limit: Int, raw: Bool = false) -> [UInt8]? {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init(stream, raw ? -15 : 15 + 32) == Z_OK else { return nil }
        defer { inflateEnd(stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = bytes
        return input.withUnsafeMutableBufferPointer { inp -> [UInt8]? in
            stream.pointee.next_in = inp.baseAddress
            stream.pointee.avail_in = UInt32(inp.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { c -> (Int32, Int) in
                    stream.pointee.next_out = c.baseAddress
                    stream.pointee.avail_out = UInt32(c.count)
                    let s = inflate(stream, Z_NO_FLUSH)
                    return (s, c.count - Int(stream.pointee.avail_out))
                }
                if out.count + produced > limit { return nil }
                out.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END: return out
                case Z_OK: continue
                case Z_BUF_ERROR: return out.isEmpty ? nil : out  // truncated: keep what there is
                default: return nil
                }
            }
        }
    }
}
