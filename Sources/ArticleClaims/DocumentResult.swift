/// Where a document came from and how it was read (the `source` object of claims/1).
public struct SourceInfo: Sendable, Codable, Hashable {
    /// The path as given, or the record id / URL for JSON Lines and WARC input.
    public var id: String
    /// SHA-256 of the input bytes, lower-case hex.
    public var sha256: String?
    /// Size of the input in bytes.
    public var bytes: Int?
    /// What the input was detected as.
    public var format: InputFormat?
    /// The encoding the bytes were decoded from.
    public var encoding: String?

    public init(id: String, sha256: String? = nil, bytes: Int? = nil, format: InputFormat? = nil, encoding: String? = nil) {
        self.id = id
        self.sha256 = sha256
        self.bytes = bytes
        self.format = format
        self.encoding = encoding
    }
}

/// Why a document could not be processed (the `error` object of claims/1).
public struct DocumentError: Error, Sendable, Codable, Hashable {
    /// A stable, machine-readable code: `unreadable`, `not-found`, `is-directory`, `too-large`,
    /// `empty`, `binary`, `bad-record`, `bad-warc`, `bad-gzip`.
    public var code: String
    /// A human-readable explanation.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// One document's result: the claims/1 object, or an error object for a document that failed.
public struct DocumentResult: Sendable, Codable {
    /// Always `"claims/1"`.
    public var schema: String = "claims/1"
    /// Where the document came from.
    public var source: SourceInfo
    /// The article's title.
    public var title: String?
    /// The article's own date (ISO 8601), if stated.
    public var published: String?
    /// The works the article talks about, the main one first.
    public var subjects: [SubjectMention]
    /// The extracted claims.
    public var claims: [Claim]
    /// What cleaning dropped.
    public var removed: [RemovedSpan]
    /// Input problems that did not stop extraction.
    public var warnings: [String]
    /// The cleaned text, present only when asked for.
    public var text: String?
    /// Set, and everything else empty, when the document could not be processed.
    public var error: DocumentError?

    public init(source: SourceInfo, title: String?, published: String?, subjects: [SubjectMention], claims: [Claim],
                removed: [RemovedSpan], warnings: [String], text: String? = nil) {
        self.source = source
        self.title = title
        self.published = published
        self.subjects = subjects
        self.claims = claims
        self.removed = removed
        self.warnings = warnings
        self.text = text
        self.error = nil
    }

    /// An error result for a document that could not be processed.
    public init(failed source: SourceInfo, error: DocumentError) {
        self.source = source
        self.title = nil
        self.published = nil
        self.subjects = []
        self.claims = []
        self.removed = []
        self.warnings = []
        self.text = nil
        self.error = error
    }

    /// Whether the document failed.
    public var isError: Bool { error != nil }

    enum CodingKeys: String, CodingKey {
        case schema, source, title, published, subjects, claims, removed, warnings, text, error
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(source, forKey: .source)
        if let error {
            try c.encode(error, forKey: .error)
            return
        }
        try c.encode(title, forKey: .title)
        try c.encode(published, forKey: .published)
        try c.encode(subjects, forKey: .subjects)
        try c.encode(claims, forKey: .claims)
        try c.encode(removed, forKey: .removed)
        try c.encode(warnings, forKey: .warnings)
        try c.encodeIfPresent(text, forKey: .text)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        source = try c.decode(SourceInfo.self, forKey: .source)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        subjects = try c.decodeIfPresent([SubjectMention].self, forKey: .subjects) ?? []
        claims = try c.decodeIfPresent([Claim].self, forKey: .claims) ?? []
        removed = try c.decodeIfPresent([RemovedSpan].self, forKey: .removed) ?? []
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        text = try c.decodeIfPresent(String.self, forKey: .text)
        error = try c.decodeIfPresent(DocumentError.self, forKey: .error)
    }
}
