import Foundation

/// Options for ``ClaimsPipeline``.
public struct PipelineOptions: Sendable, Hashable {
    /// Include the cleaned text in the result (`text` field).
    public var includeText: Bool
    /// Resolve relative dates against this date when the article states none of its own.
    public var reference: ReferenceDate?
    /// Documents larger than this fail with `too-large`.
    public var maxBytes: Int
    /// Forces the input format instead of detecting it.
    public var format: InputFormat?

    public init(includeText: Bool = false, reference: ReferenceDate? = nil, maxBytes: Int = 64 << 20,
                format: InputFormat? = nil) {
        self.includeText = includeText
        self.reference = reference
        self.maxBytes = maxBytes
        self.format = format
    }
}

/// The whole pipeline for one document: bytes → cleaned article → claims/1 result.
///
/// ```swift
/// import ArticleClaims
///
/// let bytes = Array(try Data(contentsOf: url))
/// let result = ClaimsPipeline.process(bytes, sourceID: url.lastPathComponent)
/// for claim in result.claims { print(claim.type, claim.evidence.quote) }
/// ```
public enum ClaimsPipeline {
    /// Processes one document. Never throws: a document that cannot be processed yields a
    /// result whose ``DocumentResult/error`` is set.
    public static func process(_ bytes: [UInt8], sourceID: String, published: String? = nil,
                               options: PipelineOptions = .init()) -> DocumentResult {
        let (result, _) = processWithArticle(bytes, sourceID: sourceID, published: published, options: options)
        return result
    }

    /// Processes one document given as a string.
    public static func process(_ string: String, sourceID: String, options: PipelineOptions = .init()) -> DocumentResult {
        process(Array(string.utf8), sourceID: sourceID, options: options)
    }

    /// Processes one document and also returns the cleaned article (for tools that need the text and its map).
    public static func processWithArticle(_ bytes: [UInt8], sourceID: String, published: String? = nil,
                                          options: PipelineOptions = .init()) -> (DocumentResult, CleanedArticle?) {
        var info = SourceInfo(id: sourceID, sha256: SHA256.hex(bytes), bytes: bytes.count)
        if bytes.count > options.maxBytes {
            return (DocumentResult(failed: info, error: DocumentError(
                code: "too-large", message: "document is \(bytes.count) bytes; the limit is \(options.maxBytes)")), nil)
        }
        var article = ArticleCleaner.clean(bytes, options: CleaningOptions(format: options.format))
        if article.published == nil, let published { article.published = published }
        info.format = article.format
        info.encoding = article.encoding
        let reference = article.published.flatMap(ReferenceDate.init(iso:)) ?? options.reference
        let extraction = ClaimExtractor.extract(from: article, reference: reference)
        let result = DocumentResult(source: info, title: article.title, published: article.published,
                                    subjects: extraction.subjects, claims: extraction.claims,
                                    removed: article.removed, warnings: article.warnings,
                                    text: options.includeText ? article.text : nil)
        return (result, article)
    }
}
