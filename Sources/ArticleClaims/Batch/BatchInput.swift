/// One document of a batch: its id, its bytes and, optionally, its publication date.
///
/// A `BatchInput` can also stand for a document that could not be read (a missing file,
/// a malformed JSON Lines record, a truncated WARC record): then ``error`` is set, and the
/// batch yields an error result in the document's place instead of dropping it.
public struct BatchInput: Sendable {
    /// The document id: the path as given, a record id or URL, a WARC target URI.
    public var id: String
    /// The raw document bytes (empty when ``error`` is set).
    public var bytes: [UInt8]
    /// The document's publication date (ISO 8601) when the input states it, e.g. a JSON
    /// Lines record's `published` field.
    public var published: String?
    /// Why the document could not be read, if it could not.
    public var error: DocumentError?
    /// The document's size when it was not read (e.g. `too-large`), for reports.
    public var size: Int?

    /// A document to process.
    public init(id: String, bytes: [UInt8], published: String? = nil) {
        self.id = id
        self.bytes = bytes
        self.published = published
        self.error = nil
        self.size = nil
    }

    /// A document that could not be read.
    public init(id: String, error: DocumentError, size: Int? = nil) {
        self.id = id
        self.bytes = []
        self.published = nil
        self.error = error
        self.size = size
    }

    /// The result for a document that could not be read.
    public var failedResult: DocumentResult? {
        guard let error else { return nil }
        return DocumentResult(failed: SourceInfo(id: id, bytes: size), error: error)
    }
}

extension ClaimsPipeline {
    /// Processes one batch input: runs the pipeline, or returns the input's error result.
    public static func process(_ input: BatchInput, options: PipelineOptions = .init()) -> DocumentResult {
        if let failed = input.failedResult { return failed }
        return process(input.bytes, sourceID: input.id, published: input.published, options: options)
    }
}
