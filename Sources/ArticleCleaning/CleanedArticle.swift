/// What the input was detected as.
public enum InputFormat: String, Sendable, Codable, Hashable {
    /// A full HTML document or an HTML fragment.
    case html
    /// A plain-text dump, possibly with markup remnants or YAML front matter.
    case text
}

/// Why a piece of the input was dropped from the cleaned text.
public enum RemovalKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// A partial tag or code fragment cut off by the scraper (`ript async src="">`).
    case scriptFragment = "script-fragment"
    /// A `<script>` element or inline script code.
    case script
    /// A `<style>` element or inline CSS.
    case style
    /// Tags, comments and other markup that carry no article text.
    case markup
    /// Related-link teasers, share prompts, "Comments are closed." and the like.
    case boilerplate
    /// Image captions and alt-text echoes of the headline.
    case caption
    /// Menus, breadcrumbs, headers, footers and sidebars.
    case navigation
}

/// One dropped piece of the input, kept for auditing.
public struct RemovedSpan: Sendable, Codable, Hashable {
    /// Why it was dropped.
    public var kind: RemovalKind
    /// Where it was, as byte offsets into the original input.
    public var source: ByteRange
    /// A short, whitespace-collapsed preview of the dropped text (at most 80 characters).
    public var preview: String

    public init(kind: RemovalKind, source: ByteRange, preview: String) {
        self.kind = kind
        self.source = source
        self.preview = preview
    }
}

/// A block of the cleaned text: a heading, a paragraph or a list item.
public struct TextBlock: Sendable, Hashable, Codable {
    /// The role of a block.
    public enum Kind: String, Sendable, Hashable, Codable {
        case heading
        case paragraph
        case listItem
        case quote
    }

    /// The role of the block.
    public var kind: Kind
    /// Where the block is, as UTF-8 byte offsets into ``CleanedArticle/text``.
    public var text: ByteRange

    public init(kind: Kind, text: ByteRange) {
        self.kind = kind
        self.text = text
    }
}

/// The result of cleaning one input document.
///
/// The cleaned ``text`` holds the article body: blocks separated by a blank
/// line (`"\n\n"`), whitespace normalised, entities decoded. ``sourceMap``
/// maps every byte of it back to the bytes of the original input.
public struct CleanedArticle: Sendable {
    /// The article's title (headline), without the site-name suffix.
    public var title: String?
    /// The article's own publication date as ISO 8601 (`2019-03-04` or a full timestamp), if stated.
    public var published: String?
    /// The cleaned article body.
    public var text: String
    /// The blocks of ``text``, in order.
    public var blocks: [TextBlock]
    /// Everything that was dropped, in input order.
    public var removed: [RemovedSpan]
    /// Input problems that did not stop cleaning (replaced bytes, truncated markup, …).
    public var warnings: [String]
    /// Maps byte ranges of ``text`` to byte ranges of the original input.
    public var sourceMap: SourceMap
    /// What the input was detected as.
    public var format: InputFormat
    /// The encoding the input bytes were decoded from (`utf-8`, `windows-1252`, …).
    public var encoding: String

    public init(
        title: String?, published: String?, text: String, blocks: [TextBlock],
        removed: [RemovedSpan], warnings: [String], sourceMap: SourceMap,
        format: InputFormat, encoding: String
    ) {
        self.title = title
        self.published = published
        self.text = text
        self.blocks = blocks
        self.removed = removed
        self.warnings = warnings
        self.sourceMap = sourceMap
        self.format = format
        self.encoding = encoding
    }
}
