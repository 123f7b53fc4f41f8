import ArticleClaims
import Testing

/// The provenance check itself (`ClaimsScorer.provenanceHolds`): markup between the quoted words
/// is allowed, removed text is not.
@Suite struct ProvenanceCheckTests {
    static func claim(_ quote: String, source: Int, _ end: Int) -> Claim {
        Claim(id: "c", subject: ClaimSubject(title: "The Glass Harbor"), value: .renewal(status: .confirmed),
              modality: .asserted, attribution: nil, confidence: 1,
              evidence: Evidence(sentence: quote, quote: quote, text: ByteRange(start: 0, end: quote.utf8.count),
                                 source: ByteRange(start: source, end: end), rule: "test"))
    }

    static func holds(_ quote: String, in input: String, isHTML: Bool = true) -> Bool {
        let bytes = Array(input.utf8)
        return ClaimsScorer.provenanceHolds(claim(quote, source: 0, bytes.count), input: bytes, isHTML: isHTML)
    }

    @Test func markupBetweenTheWords() {
        #expect(Self.holds("renewed for a second season", in: "renewed <b>for</b> a <i>second</i> season"))
        #expect(Self.holds("renewed by Netflix", in: "renewed b<i>y</i> Netflix"))
        // A quoted attribute value may hold ">" and even "</a>": the tag ends at the ">" after it.
        #expect(Self.holds("We're just Way back in 2012",
                           in: "We're just <a href=\"x </a>.\"\n ], \"facts\": [ \"type\": \"date\" ] \"role\"p>Way back in 2012"))
        #expect(Self.holds("renewed for a second season", in: "renewed <a title='a > b'>for</a> a second season"))
        // As libxml2 reads them: "</" without a name goes alone; "<!" is text unless a comment or DOCTYPE.
        #expect(Self.holds("season three//example", in: "<em>season three<///example"))
        #expect(Self.holds("season <!x> three", in: "season <!x> <b>three</b>"))
        // Zero-width spaces (U+200B, U+FEFF) are dropped by the cleaners.
        #expect(Self.holds("a second seasew more", in: "a <b>second</b> sea\u{FEFF}sew\u{200B} more"))
        #expect(Self.holds("a second seasew more", in: "a **second** sea\u{FEFF}sew\u{200B} more", isHTML: false))
        // A comment ends at "-->", not at a ">" inside it.
        #expect(Self.holds("renewed for a second season", in: "renewed <!-- a > b --> for a second season"))
        // A "<" that starts no tag is text.
        #expect(Self.holds("3 < 4 seasons", in: "3 < 4 <b>seasons</b>"))
        #expect(Self.holds("3 < 4 seasons", in: "3 &lt; 4 <b>seasons</b>"))
    }

    /// HTML input may read references as the HTML cleaner (libxml2) does: `&#19` and `&#0;`
    /// give nothing, `&#` without digits goes, `&amp` without `;` stays as written. A text dump
    /// reads them by the HTML rules only.
    @Test func referencesAsTheCleanersReadThem() {
        #expect(Self.holds("premiered on May 3", in: "premiered &#19 on May 3"))
        #expect(Self.holds("premiered on May 3", in: "premiered &#0; on <b>May</b> 3"))
        #expect(Self.holds("reporter Chase Rivers", in: "reporter &#Chase <i>Rivers</i>"))
        #expect(Self.holds("Tom &amp Jerry", in: "<b>Tom</b> &amp Jerry"))
        #expect(Self.holds("Tom & Jerry", in: "<b>Tom</b> &amp Jerry"))
        #expect(Self.holds("it’s – over", in: "it&#146;s &#150; <b>over</b>"))
        #expect(!Self.holds("premiered on May 3", in: "premiered &#65; on May 3"))
        #expect(Self.holds("premiered \u{13}on May 3", in: "premiered &#19;on <b>May</b> 3", isHTML: false))
        #expect(!Self.holds("premiered on May 3", in: "premiered &#19 on <b>May</b> 3", isHTML: false))
    }

    /// A text dump's cleaner keeps what is not its markup as text: `</` without a letter, an
    /// unknown element. The quote then holds it, and it is compared without it on both sides.
    @Test func textDumpLiteralsThatLookLikeTags() {
        #expect(Self.holds("contract for season three<///example",
                           in: "contract for <em>season three<///example", isHTML: false))
        #expect(Self.holds("and <foo>the studio</foo> renewed", in: "and <foo>the studio</foo> renewed", isHTML: false))
        #expect(Self.holds("and <foo>the studio</foo> renewed", in: "and <foo>the <b>studio</b></foo> renewed", isHTML: false))
        #expect(Self.holds("three—<rtyle>ever since", in: "three</em>&#x2014<rtyle>ever since", isHTML: false))
        // An autolink is markup to the text-dump cleaner, even with a '"' inside.
        #expect(Self.holds("contract Monday that", in: "contract <ttps://example.com/a\">Monday</a> that", isHTML: false))
        #expect(Self.holds("flying <a st of The Harbor, fo<e>season three",
                           in: "flying <a st of <em>The Harbor</em>, fo<e>season three", isHTML: false))
        // Text kept next to tags the quote lost reads differently in the quote and in the source.
        #expect(Self.holds("flying <a st of The Harbor fo<e>season six> were fo<e>season seven",
                           in: "flying <a st of <em>The Harbor</em> fo<e>season six> were fo<e>season seven", isHTML: false))
        #expect(Self.holds("flying <a st of The Harbor2/em> were fo<e>season five",
                           in: "flying <a st of <em>The Harbor2/em> were fo<e>season five", isHTML: false))
        #expect(!Self.holds("contract for season three<///example",
                            in: "contract for <em>season three<///example", isHTML: true))
        // A name followed by anything but a space, "/" or ">" starts no tag in a text dump.
        #expect(Self.holds("the cast of <a—or at least got their raise",
                           in: "the cast of <a&#x2014;or at least <a href=\"x\">got their raise", isHTML: false))
    }

    /// A reference is read within its own piece of text: "&#x2014" before a tag ends there, it
    /// does not take the letters after the tag as more hex digits.
    @Test func referencesEndAtMarkup() {
        #expect(Self.holds("three—ever since", in: "three</em>&#x2014<style>ever since", isHTML: false))
        #expect(Self.holds("three—ever since", in: "three</em>&#x2014<b>ever</b> since"))
        // In a text dump a tag holds no '<': "</em " before another tag is text.
        #expect(Self.holds("four</em —ever since", in: "<em>four</em &#x2014<style>ever since", isHTML: false))
    }

    @Test func removedTextBetweenTheWords() {
        #expect(!Self.holds("renewed for a second season",
                            in: "renewed <span hidden>Another Show was cancelled</span> for a second season"))
        #expect(!Self.holds("renewed for a second season", in: "renewed <script>var x = 1;</script> for a second season"))
        #expect(!Self.holds("renewed for a second season", in: "renewed for a second season and more"))
    }

    @Test func markdownOfTextDumps() {
        let link = "renewed for a [second season](https://example.com/a) by Netflix"
        #expect(Self.holds("renewed for a second season by Netflix", in: link, isHTML: false))
        #expect(Self.holds("renewed for a second season", in: "renewed for a **second** season", isHTML: false))
        #expect(Self.holds("renewed for a second season", in: "renewed ![poster](p.jpg) for a second season", isHTML: false))
        #expect(Self.holds("see the full announcement for details", in: "see the [full announcement][1] for details", isHTML: false))
        #expect(Self.holds("renewed by [the service](https://examplee full announcement for",
                           in: "renewed by [the service](https://examplee [full announcement][1] for", isHTML: false))
        #expect(!Self.holds("renewed for a second season by Netflix", in: link, isHTML: true))
        #expect(!Self.holds("renewed for a second season", in: "renewed [for a second season", isHTML: true))
    }
}
