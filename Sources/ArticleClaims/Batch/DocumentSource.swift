import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads documents from paths: files, directories (recursively), JSON Lines dumps,
/// WARC files, gzip-compressed versions of each, and standard input (`-`).
///
/// It is an `AsyncSequence` of ``BatchInput`` for ``BatchProcessor``:
///
/// ```swift
/// let source = DocumentSource(paths: ["pages/", "dump.jsonl.gz", "crawl.warc.gz"],
///                             options: .init(exclude: ["*.json"]))
/// for try await result in BatchProcessor(options: .init()).results(for: source) { … }
/// ```
///
/// - Directories are walked recursively, entries sorted by name (byte order) at each
///   level; names starting with `.` are skipped. ``Options/include`` and
///   ``Options/exclude`` are `fnmatch(3)` patterns matched against an entry's name and
///   its path relative to the directory given (exclusions also prune directories).
///   Files named directly are always read.
/// - How a file is read follows ``Options/mode``; in ``InputMode/auto`` mode, names
///   ending in `.jsonl`, `.ndjson` (optionally `.gz`) are JSON Lines, `.warc` and
///   `.warc.gz` are WARC, anything else is one document. Gzip data is recognised by its
///   magic bytes and inflated incrementally, whatever the name.
/// - Nothing is read whole: files of one document are read up to ``Options/maxBytes``
///   (larger ones yield `too-large` without being read), JSON Lines one line at a time,
///   WARC one record at a time.
/// - A path that cannot be read becomes an input carrying a ``DocumentError``
///   (`not-found`, `unreadable`, `is-directory`, `too-large`, `bad-record`, `bad-warc`,
///   `bad-gzip`), and reading goes on with the next document or file.
///
/// Reading is blocking file I/O. Files and directories are read by the iterator's
/// `next()` itself; when standard input, a pipe or a device is among the paths, every
/// read happens on a thread of the iterator's own (a serial dispatch queue), so that a
/// slow input never holds up a thread of Swift's cooperative pool. One iterator reads
/// the paths once.
public struct DocumentSource: AsyncSequence, Sendable {
    public typealias Element = BatchInput

    /// How files are read.
    public enum InputMode: String, Sendable, CaseIterable {
        /// By file name (see ``DocumentSource``); standard input is one document.
        case auto
        /// Every file (and standard input) is one document.
        case files
        /// Every file (and standard input) is JSON Lines.
        case jsonl
        /// Every file (and standard input) is WARC.
        case warc
    }

    /// Reading options.
    public struct Options: Sendable {
        /// How files are read.
        public var mode: InputMode
        /// When not empty, files found in directories must match one of these patterns.
        public var include: [String]
        /// Files and directories found in directories that match one of these patterns are skipped.
        public var exclude: [String]
        /// Documents larger than this yield `too-large`.
        public var maxBytes: Int

        public init(mode: InputMode = .auto, include: [String] = [], exclude: [String] = [], maxBytes: Int = 64 << 20) {
            self.mode = mode
            self.include = include
            self.exclude = exclude
            self.maxBytes = maxBytes
        }
    }

    /// The paths to read, in order; `-` is standard input.
    public let paths: [String]
    /// Reading options.
    public let options: Options
    /// Bytes read so far, updated as the sequence is iterated.
    public let progress: ReadProgress

    /// Creates a source over `paths`.
    public init(paths: [String], options: Options = .init(), progress: ReadProgress = ReadProgress()) {
        self.paths = paths
        self.options = options
        self.progress = progress
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: SourceReader(paths: paths, options: options, progress: progress))
    }

    /// Reads the documents one by one.
    public struct Iterator: AsyncIteratorProtocol {
        let box: ReaderBox
        let queue = DispatchQueue(label: "article-claims.document-source")
        /// Documents read ahead on the queue, in order.
        var pending: [BatchInput] = []
        var pendingIndex = 0
        var finished = false

        init(reader: SourceReader) { box = ReaderBox(reader) }

        /// The next document, nil after the last.
        public mutating func next() async -> BatchInput? {
            let box = self.box
            // Files and directories are read in place; a pipe or a terminal might make the
            // caller wait indefinitely, so those are read on the queue, together with the
            // documents that are already buffered (one hop per batch, not per document).
            guard box.reader.mayBlock else { return box.reader.next() }
            if pendingIndex < pending.count {
                defer { pendingIndex += 1 }
                return pending[pendingIndex]
            }
            if finished { return nil }
            pending = await withCheckedContinuation { continuation in
                queue.async { continuation.resume(returning: box.reader.nextBatch()) }
            }
            pendingIndex = 0
            if pending.isEmpty {
                finished = true
                return nil
            }
            pendingIndex = 1
            return pending[0]
        }
    }

    /// Hands the reader to the queue. Only one `next()` runs at a time (an iterator is
    /// used by one task, one call after the other), so the reader is never shared.
    final class ReaderBox: @unchecked Sendable {
        let reader: SourceReader
        init(_ reader: SourceReader) { self.reader = reader }
    }

    /// Whether the paths make exactly one document: one regular file read as one
    /// document, or `-` read as one document.
    public var isSingleDocument: Bool {
        knownDocumentCount == 1
    }

    /// The number of documents, when it is known without reading: every path is a file
    /// (or `-`) read as one document. Nil when a directory, a JSON Lines or a WARC
    /// file is among the paths.
    public var knownDocumentCount: Int? {
        for path in paths {
            if path == "-" {
                if options.mode == .jsonl || options.mode == .warc { return nil }
                continue
            }
            guard let st = statFollowing(path), !isDirectory(st.st_mode),
                  DocumentSource.kind(ofName: path, mode: options.mode) == .files else { return nil }
        }
        return paths.count
    }

    /// The kind of reader a file name calls for in ``InputMode/auto`` mode.
    static func kind(ofName name: String, mode: InputMode) -> InputMode {
        if mode != .auto { return mode }
        var lower = name.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".warc") { return .warc }
        return .files
    }
}

/// The state of reading a list of paths.
final class SourceReader {
    let paths: [String]
    let options: DocumentSource.Options
    let progress: ReadProgress
    var nextPath = 0
    var started = false
    var stdinRead = false

    enum Container {
        case jsonl(JSONLinesReader)
        case warc(WARCReader)
    }

    var container: Container?

    struct Directory {
        let path: String
        let relative: String
        let names: [String]
        /// Names that are not valid UTF-8 (shown with U+FFFD; they cannot be opened by name).
        let badNames: Set<String>
        var index: Int
        let device: UInt64
        let inode: UInt64
    }

    /// The directories being walked, outermost first.
    var walk: [Directory] = []

    /// Whether a read may wait for another process: standard input, a pipe or a device
    /// is among the paths.
    let mayBlock: Bool

    init(paths: [String], options: DocumentSource.Options, progress: ReadProgress) {
        self.paths = paths
        self.options = options
        self.progress = progress
        mayBlock = paths.contains { path in
            var st = stat()
            guard path == "-" ? fstat(0, &st) == 0 : stat(path, &st) == 0 else { return path == "-" }
            return !isRegular(st.st_mode) && !isDirectory(st.st_mode)
        }
    }

    /// The next document and those after it that can be read without waiting for input
    /// (whole JSON Lines records already buffered), up to 64 documents or 1 MiB. Empty at
    /// the end.
    func nextBatch() -> [BatchInput] {
        guard let first = next() else { return [] }
        var batch = [first]
        var bytes = first.bytes.count
        while batch.count < 64 && bytes < 1 << 20, case let .jsonl(r)? = container, r.reader.hasBufferedLine,
              let input = next() {
            batch.append(input)
            bytes += input.bytes.count
        }
        return batch
    }

    /// The next document; nil when every path has been read.
    func next() -> BatchInput? {
        if !started {
            started = true
            progress.setTotal(knownTotal())
        }
        while true {
            if let c = container {
                let input: BatchInput?
                switch c {
                case let .jsonl(r): input = r.next()
                case let .warc(r): input = r.next()
                }
                if let input { return input }
                container = nil
            }
            if !walk.isEmpty {
                if let input = nextFromWalk() { return input }
                continue
            }
            guard nextPath < paths.count else { return nil }
            let path = paths[nextPath]
            nextPath += 1
            if let input = start(path) { return input }
        }
    }

    /// The sum of the sizes of the paths when they are all regular files.
    func knownTotal() -> Int? {
        var total = 0
        for path in paths {
            guard path != "-", let st = statFollowing(path), isRegular(st.st_mode) else { return nil }
            total += Int(st.st_size)
        }
        return total
    }

    // MARK: Paths named directly

    func start(_ path: String) -> BatchInput? {
        if path == "-" {
            if stdinRead {
                return BatchInput(id: "-", error: DocumentError(code: "unreadable", message: "standard input was already read"))
            }
            stdinRead = true
            let kind = options.mode == .auto ? .files : options.mode
            return read(fd: 0, owned: false, id: "-", kind: kind, size: nil)
        }
        var st = stat()
        if stat(path, &st) != 0 {
            return BatchInput(id: path, error: statError(errno, path))
        }
        if isDirectory(st.st_mode) {
            return enter(path: path, relative: "", device: UInt64(st.st_dev), inode: UInt64(st.st_ino), id: path)
        }
        return open(path: path, id: path, st: st, named: true)
    }

    func statError(_ e: Int32, _ path: String) -> DocumentError {
        switch e {
        case ENOENT, ENOTDIR: DocumentError(code: "not-found", message: "no such file or directory")
        case ELOOP: DocumentError(code: "unreadable", message: "symbolic link loop")
        default: DocumentError(code: "unreadable", message: errnoText(e))
        }
    }

    // MARK: Directories

    /// Starts walking a directory; returns an error input when it cannot be listed.
    func enter(path: String, relative: String, device: UInt64, inode: UInt64, id: String) -> BatchInput? {
        if walk.contains(where: { $0.device == device && $0.inode == inode }) {
            return BatchInput(id: id, error: DocumentError(
                code: "unreadable", message: "symbolic link loop (a directory inside itself)"))
        }
        guard let dir = opendir(path) else {
            return BatchInput(id: id, error: statError(errno, id))
        }
        defer { closedir(dir) }
        var names: [String] = []
        var badNames: Set<String> = []
        while let entry = readdir(dir) {
            let (name, valid) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String, Bool) in
                let bytes = raw.prefix(while: { $0 != 0 })
                let name = String(decoding: bytes, as: UTF8.self)
                return (name, name.utf8.elementsEqual(bytes))
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
            if !valid { badNames.insert(name) }
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        walk.append(Directory(path: path, relative: relative, names: names, badNames: badNames, index: 0,
                              device: device, inode: inode))
        return nil
    }

    func matches(_ patterns: [String], name: String, relative: String) -> Bool {
        patterns.contains { fnmatch($0, name, 0) == 0 || fnmatch($0, relative, 0) == 0 }
    }

    /// The next document from the directory walk (an error input, a file's document, or
    /// nil when the step only moved the walk on).
    func nextFromWalk() -> BatchInput? {
        guard var top = walk.popLast() else { return nil }
        guard top.index < top.names.count else { return nil }
        let name = top.names[top.index]
        top.index += 1
        walk.append(top)
        let path = top.path.hasSuffix("/") ? top.path + name : top.path + "/" + name
        let relative = top.relative.isEmpty ? name : top.relative + "/" + name
        if matches(options.exclude, name: name, relative: relative) { return nil }
        if top.badNames.contains(name) {
            return BatchInput(id: path, error: DocumentError(code: "unreadable", message: "the file name is not valid UTF-8"))
        }
        var st = stat()
        if stat(path, &st) != 0 {
            return BatchInput(id: path, error: statError(errno, path))
        }
        if isDirectory(st.st_mode) {
            return enter(path: path, relative: relative, device: UInt64(st.st_dev), inode: UInt64(st.st_ino), id: path)
        }
        if !options.include.isEmpty && !matches(options.include, name: name, relative: relative) { return nil }
        return open(path: path, id: path, st: st, named: false)
    }

    // MARK: Files

    /// Opens a file. Named on the command line, a pipe or device is read as a stream
    /// (`/dev/stdin`, `<(zcat dump.gz)`); found in a directory, only regular files are.
    func open(path: String, id: String, st: stat, named: Bool) -> BatchInput? {
        guard isRegular(st.st_mode) || named else {
            return BatchInput(id: id, error: DocumentError(code: "unreadable", message: "not a regular file"))
        }
        let fd = openForReading(path)
        if fd < 0 {
            let e = errno
            return BatchInput(id: id, error: e == EISDIR
                ? DocumentError(code: "is-directory", message: "is a directory")
                : statError(e, id))
        }
        var now = stat()
        if fstat(fd, &now) == 0, isDirectory(now.st_mode) {
            _ = close(fd)
            return BatchInput(id: id, error: DocumentError(code: "is-directory", message: "is a directory"))
        }
        let kind = DocumentSource.kind(ofName: path, mode: options.mode)
        return read(fd: fd, owned: true, id: id, kind: kind, size: isRegular(now.st_mode) ? Int(now.st_size) : nil)
    }

    /// Reads an open descriptor as `kind`: returns a document, or sets up a container
    /// reader and returns its first document.
    func read(fd: Int32, owned: Bool, id: String, kind: DocumentSource.InputMode, size: Int?) -> BatchInput? {
        let file = FileSource(fd: fd, owned: owned, progress: progress)
        let peek = PeekSource(file)
        let gzip: Bool
        do {
            gzip = try peek.startsWithGzip()
        } catch {
            return BatchInput(id: id, error: error)
        }
        let source: any ByteSource = gzip ? GzipSource(peek) : peek
        switch kind {
        case .jsonl:
            container = .jsonl(JSONLinesReader(reader: BufferedReader(source), name: id, maxBytes: options.maxBytes))
            return nil
        case .warc:
            container = .warc(WARCReader(reader: BufferedReader(source), name: id, maxBytes: options.maxBytes))
            return nil
        case .auto, .files:
            if !gzip, let size, size > options.maxBytes {
                return BatchInput(id: id, error: DocumentError(
                    code: "too-large", message: "the document is \(size) bytes; the limit is \(options.maxBytes)"), size: size)
            }
            let reader = BufferedReader(source, capacity: gzip ? 64 << 10 : max(4096, min((size ?? 0) + 1, 64 << 10)))
            do {
                let (bytes, seen) = try reader.readAll(limit: options.maxBytes, sizeHint: gzip ? 0 : (size ?? 0))
                guard let bytes else {
                    return BatchInput(id: id, error: DocumentError(
                        code: "too-large", message: "the document is more than \(options.maxBytes) bytes"), size: seen)
                }
                return BatchInput(id: id, bytes: bytes)
            } catch {
                return BatchInput(id: id, error: error)
            }
        }
    }
}

/// Replays the first bytes of a source after looking at them (to recognise gzip).
final class PeekSource: ByteSource {
    let inner: any ByteSource
    var head: [UInt8] = []
    var headIndex = 0

    init(_ inner: any ByteSource) { self.inner = inner }

    /// Whether the stream starts with the gzip magic and the deflate method (1f 8b 08).
    func startsWithGzip() throws(DocumentError) -> Bool {
        var buf = [UInt8](repeating: 0, count: 3)
        var have = 0
        while have < 3 {
            let n = try buf.withUnsafeMutableBufferPointer { (p) throws(DocumentError) -> Int in
                try inner.read(into: UnsafeMutableBufferPointer(rebasing: p[have...]))
            }
            if n == 0 { break }
            have += n
        }
        head = Array(buf[0..<have])
        return have == 3 && buf[0] == 0x1F && buf[1] == 0x8B && buf[2] == 0x08
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DocumentError) -> Int {
        if headIndex < head.count {
            let n = min(buffer.count, head.count - headIndex)
            for k in 0..<n { buffer[k] = head[headIndex + k] }
            headIndex += n
            return n
        }
        return try inner.read(into: buffer)
    }
}

/// `open(2)` for reading (outside `SourceReader`, whose `open` method hides the C one).
func openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

func statFollowing(_ path: String) -> stat? {
    var st = stat()
    return stat(path, &st) == 0 ? st : nil
}

@inline(__always) func isDirectory(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }
@inline(__always) func isRegular(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }
